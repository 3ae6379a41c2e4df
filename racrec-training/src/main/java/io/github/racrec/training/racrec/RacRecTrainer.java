package io.github.racrec.training.racrec;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
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
import io.github.racrec.onnx.internal.DjlDefaults;
import io.github.racrec.training.eval.EvalData;
import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.racrec.RacRecConfig.Correction;
import io.github.racrec.training.racrec.TrainedRacRec.EpochStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

  /** The rating range that served predictions are clipped to. */
  static final double RATING_MIN = 1;

  static final double RATING_MAX = 5;

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
      boolean exclude = config.corrections().has(Correction.EXCLUDE_OWN_REVIEW);
      this.train = Pairs.of(data.trainUsers(), data.catalog(), exclude);
      this.validation = Pairs.of(data.validationUsers(), data.catalog(), false);
      if (train.size() == 0) {
        throw new RacrecException(
            ErrorCode.INVALID_INPUT, "no training user has a target rating in the catalog");
      }
      if (train.skipped() > 0) {
        LOG.info(
            "{} training ratings skipped: their item has no other review to describe it",
            train.skipped());
      }
      this.fingerprint = TrainingFingerprint.of(data);
      Engine engine = Engine.getEngine("PyTorch");
      engine.setRandomSeed((int) config.seed());
      network = new RacRecNetwork(dim, config, data.globalMean());
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
      trainer.initialize(batch, batch, batch, batch);
    }

    TrainedRacRec train(ProgressListener progress, Optional<Path> checkpoints) {
      Random shuffle = new Random(config.seed());
      Random unrated = new Random(config.seed() + 1);
      List<EpochStats> history = new ArrayList<>();
      TrainedRacRec best = null;
      double bestRmse = Double.POSITIVE_INFINITY;
      int bestEpoch = 0;
      int stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
      long totalSteps = (long) stepsPerEpoch * config.epochs();
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        long firstStep = (long) (epoch - 1) * stepsPerEpoch;
        double[] losses = trainEpoch(shuffle, unrated, firstStep, totalSteps);
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
                losses[6],
                validationRmse));
        boolean improved = validation.size() == 0 || validationRmse < bestRmse;
        if (improved) {
          bestRmse = validationRmse;
          bestEpoch = epoch;
          best = snapshot(List.of(), epoch);
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
      if (best == null) {
        throw new RacrecException(
            ErrorCode.INFERENCE_FAILED,
            "RACRec training diverged: the validation RMSE was never a number (lower the learning"
                + " rate); history: "
                + history);
      }
      // The network keeps the last epoch's weights; the best epoch's were copied out when seen.
      return best.withHistory(history);
    }

    /**
     * The network's current serving weights as a model (the trainer keeps the best epoch's; tests
     * export the current ones to compare ONNX with DJL).
     */
    TrainedRacRec snapshot(List<EpochStats> history, int epoch) {
      return new TrainedRacRec(
          dim,
          reviewWindow,
          config,
          layers(network.sharedEncoder),
          bias(network.targetEncoder),
          layers(network.itemEncoder),
          Optional.ofNullable(network.userBias).map(Run::layer),
          Optional.ofNullable(network.itemBias).map(Run::layer),
          history,
          epoch,
          fingerprint);
    }

    /** One pass over the shuffled training pairs; returns mean loss and components. */
    private double[] trainEpoch(Random shuffle, Random unrated, long firstStep, long totalSteps) {
      int[] order = train.shuffledOrder(shuffle);
      boolean sampleUnrated = config.corrections().has(Correction.UNRATED_ITEMS);
      double[] sums = new double[7];
      int batches = 0;
      for (int from = 0; from < order.length; from += config.batchSize()) {
        int to = Math.min(order.length, from + config.batchSize());
        network.setReversalScale(reversalScale(firstStep + batches, totalSteps));
        try (NDManager batch = trainer.getManager().newSubManager()) {
          NDList inputs =
              train.inputs(
                  batch, order, from, to, items, dim, false, sampleUnrated ? unrated : null);
          NDArray ratings = batch.create(train.ratings(order, from, to));
          try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList out = trainer.forward(inputs);
            NDArray[] parts = RacRecLoss.compute(out, ratings, config.corrections());
            NDArray loss =
                parts[0]
                    .mul(config.predictionWeight())
                    .add(
                        parts[1]
                            .add(parts[2])
                            .add(parts[3])
                            .add(parts[4])
                            .mul(config.auxiliaryWeight()))
                    .add(parts[5].mul(config.rankingWeight()));
            collector.backward(loss);
            sums[0] += loss.getFloat();
            for (int p = 0; p < parts.length; p++) {
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

    /** DANN's schedule: 0 at the start of training, rising to nearly 1 by the end. */
    static float reversalScale(long step, long totalSteps) {
      double progress = (double) step / Math.max(1, totalSteps);
      return (float) (2 / (1 + Math.exp(-10 * progress)) - 1);
    }

    /**
     * RMSE of served cold-start predictions on the given pairs: {@code [E_c(u_s), E_t(0)] .
     * E_p(i_t)} plus the biases, clipped to the rating range as serving clips them.
     */
    double coldStartRmse(Pairs pairs) {
      int[] all = pairs.identityOrder();
      double squares = 0;
      for (int from = 0; from < all.length; from += 1024) {
        int to = Math.min(all.length, from + 1024);
        try (NDManager batch = trainer.getManager().newSubManager()) {
          float[] predicted =
              coldPredictions(pairs.inputs(batch, all, from, to, items, dim, true, null));
          float[] actual = pairs.ratings(all, from, to);
          for (int i = 0; i < predicted.length; i++) {
            double clipped = Math.max(RATING_MIN, Math.min(RATING_MAX, (double) predicted[i]));
            double error = clipped - actual[i];
            squares += error * error;
          }
        }
      }
      return Math.sqrt(squares / all.length);
    }

    private float[] coldPredictions(NDList inputs) {
      NDList out = trainer.evaluate(inputs);
      return served(out, true).mul(served(out, false)).sum(new int[] {1}).toFloatArray();
    }

    /**
     * The served cold-start taste vectors {@code [E_c(u_s), E_t(0), 1, b_u]} or item vectors {@code
     * [E_p(i_t), b_i, 1]} of a forward pass (bias components only with rating biases).
     */
    private NDArray served(NDList out, boolean user) {
      NDArray vector =
          user
              ? out.get(RacRecNetwork.OUT_SHARED_SOURCE)
                  .concat(out.get(RacRecNetwork.OUT_SPECIFIC_COLD), 1)
              : out.get(RacRecNetwork.OUT_ITEM);
      if (!config.corrections().has(Correction.RATING_BIASES)) {
        return vector;
      }
      NDArray ones = vector.getManager().ones(new Shape(vector.getShape().get(0), 1));
      return user
          ? vector.concat(ones, 1).concat(out.get(RacRecNetwork.OUT_USER_BIAS), 1)
          : vector.concat(out.get(RacRecNetwork.OUT_ITEM_BIAS), 1).concat(ones, 1);
    }

    /** The DJL network's served cold-start taste vectors for source means (fidelity tests). */
    float[][] djlTastes(float[][] sourceMeans) {
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDArray us = batch.create(sourceMeans);
        NDArray zeros = batch.zeros(us.getShape());
        return rows(served(trainer.evaluate(new NDList(us, zeros, zeros, zeros)), true));
      }
    }

    /** The DJL network's served item vectors (fidelity tests). */
    float[][] djlItems(float[][] itemMeans) {
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDArray it = batch.create(itemMeans);
        NDArray zeros = batch.zeros(it.getShape());
        return rows(served(trainer.evaluate(new NDList(zeros, zeros, it, zeros)), false));
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

    private void saveCheckpoint(Path folder) {
      try {
        Files.createDirectories(folder);
        model.save(folder, "racrec-best");
      } catch (IOException e) {
        throw new RacrecException(ErrorCode.IO_ERROR, "cannot save checkpoint in " + folder, e);
      }
    }

    private static List<TrainedRacRec.Layer> layers(List<Linear> layers) {
      return layers.stream().map(Run::layer).toList();
    }

    private static TrainedRacRec.Layer layer(Linear layer) {
      float[] weight = layer.getParameters().get("weight").getArray().toFloatArray();
      float[] bias = bias(layer);
      return new TrainedRacRec.Layer(weight, bias, bias.length, weight.length / bias.length);
    }

    private static float[] bias(Linear layer) {
      return layer.getParameters().get("bias").getArray().toFloatArray();
    }

    @Override
    public void close() {
      trainer.close();
      model.close();
    }
  }

  /**
   * Training or validation pairs: user index, item index, rating, and per-user vectors; where a
   * pair's own review was taken out of the user's target mean or the item's vector, the pair's own
   * copies of those vectors.
   */
  record Pairs(
      float[][] sourceMeans,
      float[][] targetMeans,
      int[] users,
      int[] items,
      float[] ratings,
      float[][] ownTargetMeans,
      float[][] ownItemVectors,
      int[][] ratedByUser,
      int skipped) {

    /**
     * The pairs of the given users' ratings.
     *
     * @param excludeOwnReview take each rated review out of the user's target mean and the item's
     *     vector; ratings of items that no other review describes are skipped
     */
    static Pairs of(List<TrainUser> users, TrainingData.Catalog catalog, boolean excludeOwnReview) {
      List<Integer> pairUsers = new ArrayList<>();
      List<Integer> pairItems = new ArrayList<>();
      List<Float> pairRatings = new ArrayList<>();
      List<float[]> ownTargets = new ArrayList<>();
      List<float[]> ownItems = new ArrayList<>();
      int skipped = 0;
      float[][] sources = new float[users.size()][];
      float[][] targets = new float[users.size()][];
      int[][] rated = new int[users.size()][];
      for (int u = 0; u < users.size(); u++) {
        TrainUser user = users.get(u);
        sources[u] = user.profile().sourceMean();
        targets[u] = user.targetMean();
        rated[u] = Arrays.stream(user.targetItems()).distinct().sorted().toArray();
        EvalData.OwnReviews own = user.ownReviews();
        for (int k = 0; k < user.targetItems().length; k++) {
          int item = user.targetItems()[k];
          float[] ownTarget = null;
          float[] ownItem = null;
          if (excludeOwnReview && own.inItemVector()[k]) {
            int count = catalog.vectorReviewCounts()[item];
            if (count < 2) {
              skipped++;
              continue;
            }
            ownItem = withoutOne(catalog.vectors()[item], count, own.vectors()[k]);
          }
          if (excludeOwnReview && own.inTargetMean()[k]) {
            ownTarget = withoutOne(user.targetMean(), own.targetMeanCount(), own.vectors()[k]);
          }
          pairUsers.add(u);
          pairItems.add(item);
          pairRatings.add(user.targetRatings()[k]);
          ownTargets.add(ownTarget);
          ownItems.add(ownItem);
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
          ratings,
          ownTargets.toArray(new float[0][]),
          ownItems.toArray(new float[0][]),
          rated,
          skipped);
    }

    /** The mean of {@code count} vectors with one of them taken out; zeros if none is left. */
    static float[] withoutOne(float[] mean, int count, float[] removed) {
      float[] rest = new float[mean.length];
      if (count > 1) {
        for (int j = 0; j < mean.length; j++) {
          rest[j] = (mean[j] * count - removed[j]) / (count - 1);
        }
      }
      return rest;
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

    /**
     * [u_s, u_t, i_t, j_t] for pairs order[from..to); cold-start pairs get u_t = 0; j_t is an item
     * the user did not rate, drawn uniformly with {@code unrated}, or zeros if it is null.
     */
    NDList inputs(
        NDManager manager,
        int[] order,
        int from,
        int to,
        float[][] itemVectors,
        int dim,
        boolean cold,
        Random unrated) {
      int n = to - from;
      float[] us = new float[n * dim];
      float[] ut = new float[n * dim];
      float[] it = new float[n * dim];
      float[] jt = new float[n * dim];
      for (int i = 0; i < n; i++) {
        int pair = order[from + i];
        System.arraycopy(sourceMeans[users[pair]], 0, us, i * dim, dim);
        if (!cold) {
          float[] target =
              ownTargetMeans[pair] != null ? ownTargetMeans[pair] : targetMeans[users[pair]];
          System.arraycopy(target, 0, ut, i * dim, dim);
        }
        float[] item =
            ownItemVectors[pair] != null ? ownItemVectors[pair] : itemVectors[items[pair]];
        System.arraycopy(item, 0, it, i * dim, dim);
        if (unrated != null) {
          int other = unratedItem(unrated, ratedByUser[users[pair]], itemVectors.length);
          if (other >= 0) {
            System.arraycopy(itemVectors[other], 0, jt, i * dim, dim);
          }
        }
      }
      Shape shape = new Shape(n, dim);
      return new NDList(
          manager.create(us, shape),
          manager.create(ut, shape),
          manager.create(it, shape),
          manager.create(jt, shape));
    }

    /** A uniformly drawn catalog item not in {@code rated} (sorted), or -1 if there is none. */
    static int unratedItem(Random random, int[] rated, int catalogSize) {
      if (rated.length >= catalogSize) {
        return -1;
      }
      while (true) {
        int item = random.nextInt(catalogSize);
        if (Arrays.binarySearch(rated, item) < 0) {
          return item;
        }
      }
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
