package io.github.racrec.training.racrec;

import io.github.racrec.onnx.ItemTermBlend;
import java.util.List;
import java.util.Optional;

/**
 * The weights of a trained RACRec model that serving needs, and how training went.
 *
 * <p>Cold-start serving uses the user side {@code taste = [E_c(u_s), E_t(0)]}, where {@code E_t(0)}
 * is the target encoder's bias (a cold-start user has no target reviews), and the item side {@code
 * E_p(i_t)}; the predicted rating is their inner product, plus the item and user biases when the
 * model has them. E_c and E_p are one affine layer, or two with a ReLU between.
 *
 * <p>Thread-safety: immutable by convention (arrays are not copied).
 *
 * @param inputSize the review vector dimension d
 * @param reviewWindow how many newest reviews made the user and item vectors it was trained on
 * @param config the configuration trained with
 * @param sharedEncoder E_c's layers
 * @param targetBias E_t's bias: the cold-start user's target-specific part
 * @param itemEncoder E_p's layers
 * @param userBias the user bias, linear in the source vector, if the model has biases
 * @param itemBias the item bias, linear in the item vector (its constant holds the global mean), if
 *     the model has biases
 * @param history one entry per epoch trained
 * @param bestEpoch the epoch whose weights these are (1-based), chosen on validation users
 * @param trainingDataFingerprint a SHA-256 of everything the model was trained on
 * @param itemTerms how the rating head is blended with the item mean and popularity, chosen on
 *     validation users ({@link ItemTermChoice}); empty to rank and rate by the head alone
 */
public record TrainedRacRec(
    int inputSize,
    int reviewWindow,
    RacRecConfig config,
    List<Layer> sharedEncoder,
    float[] targetBias,
    List<Layer> itemEncoder,
    Optional<Layer> userBias,
    Optional<Layer> itemBias,
    List<EpochStats> history,
    int bestEpoch,
    String trainingDataFingerprint,
    Optional<ItemTermBlend> itemTerms) {

  /**
   * Copies the lists.
   *
   * @throws NullPointerException if one is null
   */
  public TrainedRacRec {
    sharedEncoder = List.copyOf(sharedEncoder);
    itemEncoder = List.copyOf(itemEncoder);
    history = List.copyOf(history);
  }

  /**
   * One affine layer: {@code y = W x + b}.
   *
   * @param weight row-major, {@code outputs} by {@code inputs}
   * @param bias one per output
   * @param outputs the output width
   * @param inputs the input width
   */
  public record Layer(float[] weight, float[] bias, int outputs, int inputs) {
    float[] apply(float[] x) {
      float[] y = new float[outputs];
      for (int o = 0; o < outputs; o++) {
        double sum = bias[o];
        for (int j = 0; j < inputs; j++) {
          sum += (double) weight[o * inputs + j] * x[j];
        }
        y[o] = (float) sum;
      }
      return y;
    }
  }

  /**
   * Returns this model with a training history.
   *
   * @param history one entry per epoch trained, including {@link #bestEpoch()}
   * @return the changed model
   */
  public TrainedRacRec withHistory(List<EpochStats> history) {
    return new TrainedRacRec(
        inputSize,
        reviewWindow,
        config,
        sharedEncoder,
        targetBias,
        itemEncoder,
        userBias,
        itemBias,
        history,
        bestEpoch,
        trainingDataFingerprint,
        itemTerms);
  }

  /**
   * Returns this model with an item-term blend.
   *
   * @param blend the blend, or empty
   * @return the changed model
   */
  public TrainedRacRec withItemTerms(Optional<ItemTermBlend> blend) {
    return new TrainedRacRec(
        inputSize,
        reviewWindow,
        config,
        sharedEncoder,
        targetBias,
        itemEncoder,
        userBias,
        itemBias,
        history,
        bestEpoch,
        trainingDataFingerprint,
        blend);
  }

  /**
   * Returns the best epoch's statistics.
   *
   * @return the statistics of {@link #bestEpoch()}
   */
  public EpochStats best() {
    return history.get(bestEpoch - 1);
  }

  /**
   * Returns whether the towers are affine (explanations exact).
   *
   * @return {@code true} for one layer per encoder
   */
  public boolean linear() {
    return sharedEncoder.size() == 1 && itemEncoder.size() == 1;
  }

  /**
   * Computes a cold-start user's served taste vector in plain Java: {@code [E_c(u_s), E_t(0)]},
   * then {@code 1} and the user bias when the model has biases.
   *
   * @param sourceMean the mean of the user's source review vectors
   * @return the taste vector
   */
  public float[] taste(float[] sourceMean) {
    return concat(forward(sharedEncoder, sourceMean), servedUserTail().apply(sourceMean));
  }

  /**
   * Computes an item's served vector in plain Java: {@code E_p(i_t)}, then the item bias and {@code
   * 1} when the model has biases.
   *
   * @param itemMean the mean of the item's review vectors
   * @return the item vector
   */
  public float[] item(float[] itemMean) {
    float[] encoded = forward(itemEncoder, itemMean);
    return servedItemTail().map(tail -> concat(encoded, tail.apply(itemMean))).orElse(encoded);
  }

  /**
   * The served user components after E_c, as one affine layer of the source mean: {@code E_t(0)}
   * (constant), then {@code 1} and the user bias with rating biases.
   */
  Layer servedUserTail() {
    int specific = targetBias.length;
    int outputs = config.servedSize() - config.sharedSize();
    float[] weight = new float[outputs * inputSize];
    float[] bias = new float[outputs];
    System.arraycopy(targetBias, 0, bias, 0, specific);
    if (userBias.isPresent()) {
      bias[specific] = 1f;
      bias[specific + 1] = userBias.get().bias()[0];
      System.arraycopy(userBias.get().weight(), 0, weight, (specific + 1) * inputSize, inputSize);
    }
    return new Layer(weight, bias, outputs, inputSize);
  }

  /** The served item components after E_p with rating biases: the item bias and {@code 1}. */
  Optional<Layer> servedItemTail() {
    return itemBias.map(
        b -> {
          float[] weight = new float[2 * inputSize];
          System.arraycopy(b.weight(), 0, weight, 0, inputSize);
          return new Layer(weight, new float[] {b.bias()[0], 1f}, 2, inputSize);
        });
  }

  /**
   * The whole served user side of an affine model as one layer of the source mean.
   *
   * @throws IllegalStateException if the model has a hidden layer
   */
  Layer servedUserLayer() {
    if (!linear()) {
      throw new IllegalStateException("the user tower has a hidden layer");
    }
    Layer shared = sharedEncoder.get(0);
    Layer tail = servedUserTail();
    return new Layer(
        concat(shared.weight(), tail.weight()),
        concat(shared.bias(), tail.bias()),
        shared.outputs() + tail.outputs(),
        inputSize);
  }

  private static float[] concat(float[] a, float[] b) {
    float[] joined = new float[a.length + b.length];
    System.arraycopy(a, 0, joined, 0, a.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  private static float[] forward(List<Layer> layers, float[] x) {
    float[] y = x;
    for (int l = 0; l < layers.size(); l++) {
      y = layers.get(l).apply(y);
      if (l + 1 < layers.size()) {
        for (int j = 0; j < y.length; j++) {
          y[j] = Math.max(0f, y[j]);
        }
      }
    }
    return y;
  }

  /**
   * One epoch of training.
   *
   * @param epoch the epoch, from 1
   * @param loss the mean total training loss
   * @param predictionLoss the mean squared rating error on training pairs, as trained
   * @param differenceLoss mean L_diff
   * @param classLoss mean L_class
   * @param reconstructionLoss mean L_rec
   * @param itemReconstructionLoss mean L_irec
   * @param rankingLoss mean L_rank (0 unless unrated items are sampled)
   * @param validationRmse cold-start RMSE on the validation users' hidden ratings
   */
  public record EpochStats(
      int epoch,
      double loss,
      double predictionLoss,
      double differenceLoss,
      double classLoss,
      double reconstructionLoss,
      double itemReconstructionLoss,
      double rankingLoss,
      double validationRmse)
      implements java.io.Serializable {}
}
