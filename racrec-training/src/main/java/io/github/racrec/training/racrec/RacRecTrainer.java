package io.github.racrec.training.racrec;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.Progress;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.DjlDefaults;
import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.racrec.TrainedRacRec.EpochStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a RACRec model with DJL on its PyTorch engine, offline.
 *
 * <p>Training pairs are the training users' visible target ratings: the user's mean source and
 * target review vectors, the item's mean review vector, the rating. Each epoch shuffles the pairs
 * (seeded), takes Adam steps on the RACRec loss, then measures the cold-start RMSE on the
 * validation users (user side {@code [E_c(u_s), E_t(0)]}); the weights of the best epoch are kept,
 * and training stops after {@link RacRecConfig#patience()} epochs without improvement.
 *
 * <p>Nothing is downloaded: DJL is set offline (see {@link DjlDefaults}) and its PyTorch library
 * comes from the {@code pytorch-native-cpu} jar, unpacked into DJL's cache directory ({@code
 * DJL_CACHE_DIR}, default {@code ~/.djl.ai}), which must be writable.
 *
 * <p>Thread-safety: each training runs on the calling thread; run one at a time per process (the
 * PyTorch engine's random seed is global).
 */
public final class RacRecTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(RacRecTrainer.class);

  private RacRecTrainer() {}

  /**
   * Trains a model and returns its weights.
   *
   * @param data what the split lets the model see
   * @param config sizes and training settings
   * @param progress receives one report per epoch
   * @param checkpoints a folder for the best epoch's DJL parameters, or empty
   * @return the trained model
   * @throws RacrecException with {@link ErrorCode#INVALID_INPUT} if there are no training ratings
   */
  public static TrainedRacRec train(
      TrainingData data,
      RacRecConfig config,
      ProgressListener progress,
      Optional<Path> checkpoints) {
    try (Run run = start(data, config)) {
      return run.train(progress, checkpoints);
    }
  }

  /** Starts a training run that stays open for inspection (tests compare its DJL outputs). */
  static Run start(TrainingData data, RacRecConfig config) {
    DjlDefaults.apply();
    return new Run(data, config);
  }

  /** One training run: the DJL model and trainer, and the data as arrays. */
  static final class Run implements AutoCloseable {
    private final RacRecConfig config;
    private final int dim;
    private final Model model;
    private final Trainer trainer;
    private final RacRecNetwork network;
    private final Pairs train;
    private final Pairs validation;
    private final float[][] items;
    private final int reviewWindow;
    private final String fingerprint;

    Run(TrainingData data, RacRecConfig config) {
      this.config = config;
      this.dim = data.catalog().dimension();
      this.items = data.catalog().vectors();
      this.reviewWindow = data.reviewWindow();
      this.train = Pairs.of(data.trainUsers());
      this.validation = Pairs.of(data.validationUsers());
      if (train.size() == 0) {
        throw new RacrecException(
            ErrorCode.INVALID_INPUT, "no training user has a target rating in the catalog");
      }
      this.fingerprint = TrainingFingerprint.of(data);
      Engine engine = Engine.getEngine("PyTorch");
      engine.setRandomSeed((int) config.seed());
      network = new RacRecNetwork(dim, config);
      model = Model.newInstance("racrec", "PyTorch");
      model.setBlock(network);
      DefaultTrainingConfig trainingConfig =
          new DefaultTrainingConfig(Loss.l2Loss())
              .optOptimizer(
                  Optimizer.adam()
                      .optLearningRateTracker(Tracker.fixed(config.learningRate()))
                      .optWeightDecays(config.weightDecay())
                      .build());
      trainer = model.newTrainer(trainingConfig);
      Shape batch = new Shape(config.batchSize(), dim);
      trainer.initialize(batch, batch, batch);
    }

    TrainedRacRec train(ProgressListener progress, Optional<Path> checkpoints) {
      Random shuffle = new Random(config.seed());
      List<EpochStats> history = new ArrayList<>();
      float[][] best = null;
      double bestRmse = Double.POSITIVE_INFINITY;
      int bestEpoch = 0;
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        double[] losses = trainEpoch(shuffle);
        double validationRmse = validation.size() == 0 ? Double.NaN : coldStartRmse(validation);
        history.add(
            new EpochStats(
                epoch,
                losses[0],
                losses[1],
                losses[2],
                losses[3],
                losses[4],
                losses[5],
                validationRmse));
        boolean improved = validation.size() == 0 || validationRmse < bestRmse;
        if (improved) {
          bestRmse = validationRmse;
          bestEpoch = epoch;
          best = servingWeights();
          checkpoints.ifPresent(this::saveCheckpoint);
        }
        LOG.info(
            "epoch {}: loss {}, train MSE {}, validation cold-start RMSE {}",
            epoch,
            String.format("%.4f", losses[0]),
            String.format("%.4f", losses[1]),
            String.format("%.4f", validationRmse));
        progress.onProgress(new Progress("training RACRec", epoch, config.epochs(), "epochs"));
        if (epoch - bestEpoch >= config.patience()) {
          break;
        }
      }
      // The network keeps the last epoch's weights; the best epoch's were copied out when seen.
      return new TrainedRacRec(
          dim,
          reviewWindow,
          config,
          best[0],
          best[1],
          best[2],
          best[3],
          best[4],
          history,
          bestEpoch,
          fingerprint);
    }

    /** One pass over the shuffled training pairs; returns mean loss and components. */
    private double[] trainEpoch(Random shuffle) {
      int[] order = train.shuffledOrder(shuffle);
      double[] sums = new double[6];
      int batches = 0;
      for (int from = 0; from < order.length; from += config.batchSize()) {
        int to = Math.min(order.length, from + config.batchSize());
        try (NDManager batch = trainer.getManager().newSubManager()) {
          NDList inputs = train.inputs(batch, order, from, to, items, dim, false);
          NDArray ratings = batch.create(train.ratings(order, from, to));
          try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList out = trainer.forward(inputs);
            NDArray[] parts = RacRecLoss.original(out, ratings);
            NDArray loss =
                parts[0]
                    .mul(config.predictionWeight())
                    .add(
                        parts[1]
                            .add(parts[2])
                            .add(parts[3])
                            .add(parts[4])
                            .mul(config.auxiliaryWeight()));
            collector.backward(loss);
            sums[0] += loss.getFloat();
            for (int p = 0; p < 5; p++) {
              sums[p + 1] += parts[p].getFloat();
            }
          }
          trainer.step();
          batches++;
        }
      }
      for (int p = 0; p < sums.length; p++) {
        sums[p] /= batches;
      }
      return sums;
    }

    /** RMSE of cold-start predictions, [E_c(u_s), E_t(0)] . E_p(i_t), on the given pairs. */
    double coldStartRmse(Pairs pairs) {
      int[] all = pairs.identityOrder();
      double squares = 0;
      for (int from = 0; from < all.length; from += 1024) {
        int to = Math.min(all.length, from + 1024);
        try (NDManager batch = trainer.getManager().newSubManager()) {
          float[] predicted = coldPredictions(pairs.inputs(batch, all, from, to, items, dim, true));
          float[] actual = pairs.ratings(all, from, to);
          for (int i = 0; i < predicted.length; i++) {
            double error = predicted[i] - actual[i];
            squares += error * error;
          }
        }
      }
      return Math.sqrt(squares / all.length);
    }

    private float[] coldPredictions(NDList inputs) {
      NDList out = trainer.evaluate(inputs);
      NDArray taste =
          out.get(RacRecNetwork.OUT_SHARED_SOURCE)
              .concat(out.get(RacRecNetwork.OUT_SPECIFIC_TARGET), 1);
      return taste.mul(out.get(RacRecNetwork.OUT_ITEM)).sum(new int[] {1}).toFloatArray();
    }

    /**
     * The DJL network's cold-start taste vectors for source means, with the last epoch's weights
     * (for fidelity tests, which train without validation users so that the last epoch is the one
     * kept).
     */
    float[][] djlTastes(float[][] sourceMeans) {
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDArray us = batch.create(sourceMeans);
        NDArray zeros = batch.zeros(us.getShape());
        NDList out = trainer.evaluate(new NDList(us, zeros, zeros));
        NDArray taste =
            out.get(RacRecNetwork.OUT_SHARED_SOURCE)
                .concat(out.get(RacRecNetwork.OUT_SPECIFIC_TARGET), 1);
        return rows(taste);
      }
    }

    /** The DJL network's item vectors (for fidelity tests). */
    float[][] djlItems(float[][] itemMeans) {
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDArray it = batch.create(itemMeans);
        NDArray zeros = batch.zeros(it.getShape());
        return rows(trainer.evaluate(new NDList(zeros, zeros, it)).get(RacRecNetwork.OUT_ITEM));
      }
    }

    private static float[][] rows(NDArray matrix) {
      int n = (int) matrix.getShape().get(0);
      int m = (int) matrix.getShape().get(1);
      float[] flat = matrix.toFloatArray();
      float[][] rows = new float[n][m];
      for (int i = 0; i < n; i++) {
        System.arraycopy(flat, i * m, rows[i], 0, m);
      }
      return rows;
    }

    /** The weights serving needs: E_c's weight and bias, E_t's bias, E_p's weight and bias. */
    private float[][] servingWeights() {
      return new float[][] {
        weight(network.sharedEncoder),
        bias(network.sharedEncoder),
        bias(network.targetEncoder),
        weight(network.itemEncoder),
        bias(network.itemEncoder)
      };
    }

    private void saveCheckpoint(Path folder) {
      try {
        Files.createDirectories(folder);
        model.save(folder, "racrec-best");
      } catch (IOException e) {
        throw new RacrecException(ErrorCode.IO_ERROR, "cannot save checkpoint in " + folder, e);
      }
    }

    private static float[] weight(ai.djl.nn.core.Linear layer) {
      return layer.getParameters().get("weight").getArray().toFloatArray();
    }

    private static float[] bias(ai.djl.nn.core.Linear layer) {
      return layer.getParameters().get("bias").getArray().toFloatArray();
    }

    @Override
    public void close() {
      trainer.close();
      model.close();
    }
  }

  /** Training or validation pairs: user index, item index, rating, and per-user vectors. */
  record Pairs(
      float[][] sourceMeans, float[][] targetMeans, int[] users, int[] items, float[] ratings) {
    static Pairs of(List<TrainUser> users) {
      List<Integer> pairUsers = new ArrayList<>();
      List<Integer> pairItems = new ArrayList<>();
      List<Float> pairRatings = new ArrayList<>();
      float[][] sources = new float[users.size()][];
      float[][] targets = new float[users.size()][];
      for (int u = 0; u < users.size(); u++) {
        TrainUser user = users.get(u);
        sources[u] = user.profile().sourceMean();
        targets[u] = user.targetMean();
        for (int k = 0; k < user.targetItems().length; k++) {
          pairUsers.add(u);
          pairItems.add(user.targetItems()[k]);
          pairRatings.add(user.targetRatings()[k]);
        }
      }
      float[] ratings = new float[pairRatings.size()];
      for (int i = 0; i < ratings.length; i++) {
        ratings[i] = pairRatings.get(i);
      }
      return new Pairs(
          sources,
          targets,
          pairUsers.stream().mapToInt(Integer::intValue).toArray(),
          pairItems.stream().mapToInt(Integer::intValue).toArray(),
          ratings);
    }

    int size() {
      return ratings.length;
    }

    int[] identityOrder() {
      int[] order = new int[size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      return order;
    }

    int[] shuffledOrder(Random random) {
      int[] order = identityOrder();
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      return order;
    }

    /** [u_s, u_t, i_t] for pairs order[from..to); cold-start pairs get u_t = 0. */
    NDList inputs(
        NDManager manager,
        int[] order,
        int from,
        int to,
        float[][] itemVectors,
        int dim,
        boolean cold) {
      int n = to - from;
      float[] us = new float[n * dim];
      float[] ut = new float[n * dim];
      float[] it = new float[n * dim];
      for (int i = 0; i < n; i++) {
        int pair = order[from + i];
        System.arraycopy(sourceMeans[users[pair]], 0, us, i * dim, dim);
        if (!cold) {
          System.arraycopy(targetMeans[users[pair]], 0, ut, i * dim, dim);
        }
        System.arraycopy(itemVectors[items[pair]], 0, it, i * dim, dim);
      }
      Shape shape = new Shape(n, dim);
      return new NDList(
          manager.create(us, shape), manager.create(ut, shape), manager.create(it, shape));
    }

    float[] ratings(int[] order, int from, int to) {
      float[] values = new float[to - from];
      for (int i = 0; i < values.length; i++) {
        values[i] = ratings[order[from + i]];
      }
      return values;
    }
  }
}
