package io.github.racrec.training.racrec;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.Progress;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.ItemTermBlend;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.racrec.TrainedRacRec.EpochStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run: the DJL model and trainer, the pairs, and the epoch loop with early stopping on
 * the validation users' cold-start RMSE.
 *
 * <p>Thread-safety: not thread-safe; one thread trains, and one run at a time per process (the
 * PyTorch engine's random seed is global).
 */
final class TrainingRun implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

  /** Pairs per forward pass when measuring validation RMSE. */
  private static final int VALIDATION_BATCH = 1024;

  private final RacRecConfig config;
  private final int dim;
  private final Model model;
  private final Trainer trainer;
  private final RacRecNetwork network;
  private final TrainingPairs train;
  private final TrainingPairs validation;
  private final int reviewWindow;
  private final String fingerprint;
  private final TrainingData data;

  TrainingRun(TrainingData data, RacRecConfig config) {
    this(data, config, TrainingFingerprint.of(data), null);
  }

  /**
   * Starts a run whose network begins with the given weights (a checkpoint's), or with fresh random
   * ones when {@code weights} is null.
   */
  TrainingRun(
      TrainingData data, RacRecConfig config, String fingerprint, Map<String, float[]> weights) {
    this.config = config;
    this.data = data;
    this.dim = data.catalog().dimension();
    this.reviewWindow = data.reviewWindow();
    this.train =
        config.corrections().has(Correction.EXCLUDE_OWN_REVIEW)
            ? TrainingPairs.withoutOwnReviews(data.trainUsers(), data.catalog())
            : TrainingPairs.asRated(data.trainUsers(), data.catalog());
    this.validation = TrainingPairs.asRated(data.validationUsers(), data.catalog());
    if (train.size() == 0) {
      throw new RacrecException(
          ErrorCode.INVALID_INPUT, "no training user has a target rating in the catalog");
    }
    if (train.skipped() > 0) {
      LOG.info(
          "{} training ratings skipped: their item has no other review to describe it",
          train.skipped());
    }
    this.fingerprint = fingerprint;
    TrainingEngine.pytorch().setRandomSeed((int) config.seed());
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
    if (weights != null) {
      startFrom(weights);
    }
    Shape batch = new Shape(config.batchSize(), dim);
    trainer.initialize(batch, batch, batch, batch);
  }

  /** Makes every parameter initialize to the given values instead of random ones. */
  private void startFrom(Map<String, float[]> weights) {
    for (Pair<String, Parameter> parameter : network.getParameters()) {
      float[] values = weights.get(parameter.getKey());
      if (values == null) {
        throw new RacrecException(
            ErrorCode.MODEL_INCOMPATIBLE,
            "the training checkpoint has no weights for " + parameter.getKey());
      }
      parameter.getValue().setInitializer((manager, shape, type) -> manager.create(values, shape));
    }
  }

  /** The network's current weights by parameter name. */
  private LinkedHashMap<String, float[]> weights() {
    LinkedHashMap<String, float[]> weights = new LinkedHashMap<>();
    for (Pair<String, Parameter> parameter : network.getParameters()) {
      weights.put(parameter.getKey(), parameter.getValue().getArray().toFloatArray());
    }
    return weights;
  }

  /** Trains until the epochs run out or early stopping ends it; returns the best epoch's model. */
  TrainedRacRec train(ProgressListener progress, Optional<Path> checkpoints) {
    return train(progress, checkpoints, Optional.empty(), null);
  }

  /**
   * Trains from the epoch after {@code resumed}'s (whose weights this run started with), or from
   * the first; {@code resumedBest} is the resumed checkpoint's best epoch as a model.
   */
  TrainedRacRec train(
      ProgressListener progress,
      Optional<Path> checkpoints,
      Optional<TrainingCheckpoint> resumed,
      TrainedRacRec resumedBest) {
    Random shuffle =
        resumed.map(TrainingCheckpoint::shuffle).orElseGet(() -> new Random(config.seed()));
    Random unratedDraws =
        resumed.map(TrainingCheckpoint::unrated).orElseGet(() -> new Random(config.seed() + 1));
    UnratedItems unratedItems =
        config.corrections().has(Correction.UNRATED_ITEMS)
            ? UnratedItems.uniform(train.catalogVectors().length, unratedDraws)
            : UnratedItems.NONE;
    EarlyStopping stopping =
        validation.size() == 0
            ? EarlyStopping.keepingLastEpoch(config.patience())
            : EarlyStopping.onValidationRmse(config.patience());
    ArrayList<EpochStats> history = new ArrayList<>();
    TrainedRacRec best = resumedBest;
    LinkedHashMap<String, float[]> bestWeights = resumed.map(TrainingCheckpoint::best).orElse(null);
    int bestEpoch = resumed.map(TrainingCheckpoint::bestEpoch).orElse(0);
    int firstEpoch = 1;
    boolean finished = false;
    if (resumed.isPresent()) {
      // Replaying the history puts early stopping where it was.
      for (EpochStats stats : resumed.get().history()) {
        history.add(stats);
        stopping.improves(stats.epoch(), stats.validationRmse());
      }
      firstEpoch = resumed.get().epoch() + 1;
      finished = stopping.exhausted(resumed.get().epoch());
      progress.onProgress(
          new Progress("training RACRec", resumed.get().epoch(), config.epochs(), "epochs"));
    }
    int stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
    long totalSteps = (long) stepsPerEpoch * config.epochs();
    for (int epoch = firstEpoch; !finished && epoch <= config.epochs(); epoch++) {
      long firstStep = (long) (epoch - 1) * stepsPerEpoch;
      EpochLosses losses = trainEpoch(shuffle, unratedItems, firstStep, totalSteps);
      double validationRmse = validation.size() == 0 ? Double.NaN : coldStartRmse(validation);
      EpochStats stats = losses.stats(epoch, validationRmse);
      history.add(stats);
      // Copied out of the network once per epoch, and only when a checkpoint will hold them.
      LinkedHashMap<String, float[]> weightsNow = checkpoints.isPresent() ? weights() : null;
      if (stopping.improves(epoch, validationRmse)) {
        best = snapshot(List.of(), epoch);
        bestEpoch = epoch;
        bestWeights = weightsNow;
        checkpoints.ifPresent(this::saveCheckpoint);
      }
      if (checkpoints.isPresent()) {
        new TrainingCheckpoint(
                fingerprint,
                TrainingCheckpoint.configKey(config),
                epoch,
                new ArrayList<>(history),
                bestEpoch,
                weightsNow,
                bestWeights,
                shuffle,
                unratedDraws)
            .save(checkpoints.get());
      }
      LOG.info(
          "epoch {}: loss {}, train MSE {}, validation cold-start RMSE {}",
          epoch,
          String.format(Locale.ROOT, "%.4f", stats.loss()),
          String.format(Locale.ROOT, "%.4f", stats.predictionLoss()),
          String.format(Locale.ROOT, "%.4f", validationRmse));
      progress.onProgress(new Progress("training RACRec", epoch, config.epochs(), "epochs"));
      if (stopping.exhausted(epoch)) {
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
    best = best.withHistory(history);
    Optional<ItemTermBlend> blend = ItemTermChoice.choose(best, data);
    blend.ifPresent(b -> LOG.info("item terms chosen on the validation users: {}", b));
    if (blend.isEmpty()
        && (config.corrections().has(Correction.POPULARITY_PRIOR)
            || config.corrections().has(Correction.ITEM_MEAN_SHRINKAGE))) {
      LOG.warn("no validation user to weigh the item terms on: ranking by the rating head alone");
    }
    best = best.withItemTerms(blend);
    return best;
  }

  /**
   * The network's current serving weights as a model (training keeps the best epoch's; tests export
   * the current ones to compare ONNX with DJL).
   */
  TrainedRacRec snapshot(List<EpochStats> history, int epoch) {
    return NetworkWeights.snapshot(network, dim, reviewWindow, config, history, epoch, fingerprint);
  }

  /** One pass over the shuffled training pairs. */
  private EpochLosses trainEpoch(
      Random shuffle, UnratedItems unratedItems, long firstStep, long totalSteps) {
    int[] order = train.shuffledOrder(shuffle);
    EpochLosses losses = new EpochLosses();
    long step = firstStep;
    for (int from = 0; from < order.length; from += config.batchSize()) {
      int to = Math.min(order.length, from + config.batchSize());
      network.setReversalScale(reversalScale(step++, totalSteps));
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDList inputs = train.trainingBatch(batch, order, from, to, unratedItems);
        NDArray ratings = TorchArrays.aligned(batch, train.ratings(order, from, to));
        try (GradientCollector collector = trainer.newGradientCollector()) {
          LossTerms terms =
              RacRecLoss.compute(trainer.forward(inputs), ratings, config.corrections());
          NDArray loss = terms.total(config);
          collector.backward(loss);
          losses.add(loss, terms);
        }
        trainer.step();
      }
    }
    return losses;
  }

  /** DANN's schedule: 0 at the start of training, rising to nearly 1 by the end. */
  static float reversalScale(long step, long totalSteps) {
    double progress = (double) step / Math.max(1, totalSteps);
    return (float) (2 / (1 + Math.exp(-10 * progress)) - 1);
  }

  /**
   * RMSE of served cold-start predictions on the given pairs: {@code [E_c(u_s), E_t(0)] . E_p(i_t)}
   * plus the biases, clipped to the rating range as serving clips them.
   */
  double coldStartRmse(TrainingPairs pairs) {
    int[] all = pairs.identityOrder();
    double squares = 0;
    for (int from = 0; from < all.length; from += VALIDATION_BATCH) {
      int to = Math.min(all.length, from + VALIDATION_BATCH);
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDList out = trainer.evaluate(pairs.coldStartBatch(batch, all, from, to));
        float[] predicted = ServedVectors.coldPredictions(out, config.corrections());
        float[] actual = pairs.ratings(all, from, to);
        for (int i = 0; i < predicted.length; i++) {
          double clipped =
              Math.max(
                  RacRecTrainer.RATING_MIN,
                  Math.min(RacRecTrainer.RATING_MAX, (double) predicted[i]));
          double error = clipped - actual[i];
          squares += error * error;
        }
      }
    }
    return Math.sqrt(squares / all.length);
  }

  /** The DJL network's served cold-start taste vectors for source means (fidelity tests). */
  float[][] djlTastes(float[][] sourceMeans) {
    try (NDManager batch = trainer.getManager().newSubManager()) {
      NDArray us = batch.create(sourceMeans);
      NDArray zeros = batch.zeros(us.getShape());
      NDList out = trainer.evaluate(new NDList(us, zeros, zeros, zeros));
      return rows(ServedVectors.coldTastes(out, config.corrections()));
    }
  }

  /** The DJL network's served item vectors (fidelity tests). */
  float[][] djlItems(float[][] itemMeans) {
    try (NDManager batch = trainer.getManager().newSubManager()) {
      NDArray it = batch.create(itemMeans);
      NDArray zeros = batch.zeros(it.getShape());
      NDList out = trainer.evaluate(new NDList(zeros, zeros, it, zeros));
      return rows(ServedVectors.items(out, config.corrections()));
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

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
