package io.github.racrec.training.racrec;

import ai.djl.nn.core.Linear;
import java.util.List;
import java.util.Optional;

/**
 * Copies the serving weights out of a DJL {@link RacRecNetwork} into a {@link TrainedRacRec}.
 *
 * <p>Thread-safety: stateless; do not call while the network trains.
 */
final class NetworkWeights {
  private NetworkWeights() {}

  /** The network's current serving weights, with how training went so far. */
  static TrainedRacRec snapshot(
      RacRecNetwork network,
      int inputSize,
      int reviewWindow,
      RacRecConfig config,
      List<TrainedRacRec.EpochStats> history,
      int epoch,
      String trainingDataFingerprint) {
    return new TrainedRacRec(
        inputSize,
        reviewWindow,
        config,
        layers(network.sharedEncoder),
        bias(network.targetEncoder),
        layers(network.itemEncoder),
        Optional.ofNullable(network.userBias).map(NetworkWeights::layer),
        Optional.ofNullable(network.itemBias).map(NetworkWeights::layer),
        history,
        epoch,
        trainingDataFingerprint,
        Optional.empty());
  }

  private static List<TrainedRacRec.Layer> layers(List<Linear> layers) {
    return layers.stream().map(NetworkWeights::layer).toList();
  }

  private static TrainedRacRec.Layer layer(Linear layer) {
    float[] weight = layer.getParameters().get("weight").getArray().toFloatArray();
    float[] bias = bias(layer);
    return new TrainedRacRec.Layer(weight, bias, bias.length, weight.length / bias.length);
  }

  private static float[] bias(Linear layer) {
    return layer.getParameters().get("bias").getArray().toFloatArray();
  }
}
