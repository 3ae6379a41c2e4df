package io.github.racrec.training.racrec;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.RacrecException;
import io.github.racrec.training.eval.TrainingData;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Trains a RACRec model with DJL on its PyTorch engine, offline.
 *
 * <p>Training pairs are the training users' visible target ratings: the user's mean source and
 * target review vectors, the item's mean review vector, the rating. Each epoch shuffles the pairs
 * (seeded), takes Adam steps on the RACRec loss, then measures the cold-start RMSE on the
 * validation users (user side {@code [E_c(u_s), E_t(0)]}); the weights of the best epoch are kept,
 * and training stops after {@link RacRecConfig#patience()} epochs without improvement.
 *
 * <p>Reproducible: the same seed, data, machine and JDK give the same weights bit for bit, in one
 * process or in two. PyTorch runs on one thread unless you set DJL's thread properties. Batches are
 * copied into PyTorch's aligned memory, and the graph's constants live in PyTorch memory; see
 * {@code TrainingEngine} and {@code TorchArrays}.
 *
 * <p>Nothing is downloaded: DJL is set offline (see {@code DjlDefaults}) and its PyTorch library
 * comes from the {@code pytorch-native-cpu} jar, unpacked into DJL's cache directory ({@code
 * DJL_CACHE_DIR}, default {@code ~/.djl.ai}), which must be writable.
 *
 * <p>Thread-safety: each training runs on the calling thread; run one at a time per process (the
 * PyTorch engine's random seed is global).
 */
public final class RacRecTrainer {
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
   * @param checkpoints a folder for the best epoch's DJL parameters and for a checkpoint after each
   *     epoch, from which a stopped run with the same data and settings resumes; or empty
   * @return the trained model
   * @throws RacrecException with {@link ErrorCode#INVALID_INPUT} if there are no training ratings
   */
  public static TrainedRacRec train(
      TrainingData data,
      RacRecConfig config,
      ProgressListener progress,
      Optional<Path> checkpoints) {
    if (checkpoints.isEmpty()) {
      try (TrainingRun run = start(data, config)) {
        return run.train(progress, checkpoints);
      }
    }
    String fingerprint = TrainingFingerprint.of(data);
    Optional<TrainingCheckpoint> resumed =
        TrainingCheckpoint.latest(checkpoints.get(), fingerprint, config);
    TrainedRacRec resumedBest = null;
    if (resumed.isPresent() && resumed.get().best() != null) {
      // The best epoch's model is rebuilt from its weights in a network of its own.
      try (TrainingRun bestRun = new TrainingRun(data, config, fingerprint, resumed.get().best())) {
        resumedBest = bestRun.snapshot(List.of(), resumed.get().bestEpoch());
      }
    }
    try (TrainingRun run =
        new TrainingRun(
            data, config, fingerprint, resumed.map(TrainingCheckpoint::last).orElse(null))) {
      return run.train(progress, checkpoints, resumed, resumedBest);
    }
  }

  /** Starts a training run that stays open for inspection (tests compare its DJL outputs). */
  static TrainingRun start(TrainingData data, RacRecConfig config) {
    return new TrainingRun(data, config);
  }
}
