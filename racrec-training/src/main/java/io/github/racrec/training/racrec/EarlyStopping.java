package io.github.racrec.training.racrec;

/**
 * Keeps the epoch with the lowest validation RMSE and says when training has waited long enough for
 * a better one.
 *
 * <p>Without validation users every epoch counts as an improvement, so the last one is kept.
 *
 * <p>Thread-safety: not thread-safe; one training loop uses it.
 */
final class EarlyStopping {
  private final int patience;
  private final boolean validated;
  private double bestRmse = Double.POSITIVE_INFINITY;
  private int bestEpoch;

  private EarlyStopping(int patience, boolean validated) {
    this.patience = patience;
    this.validated = validated;
  }

  /** Stops after {@code patience} epochs without a lower validation RMSE. */
  static EarlyStopping onValidationRmse(int patience) {
    return new EarlyStopping(patience, true);
  }

  /** For training without validation users: every epoch is the best so far. */
  static EarlyStopping keepingLastEpoch(int patience) {
    return new EarlyStopping(patience, false);
  }

  /** Records an epoch's validation RMSE; returns whether it is the best so far. */
  boolean improves(int epoch, double validationRmse) {
    if (validated && !(validationRmse < bestRmse)) {
      return false;
    }
    bestRmse = validationRmse;
    bestEpoch = epoch;
    return true;
  }

  /** Whether training should stop after this epoch. */
  boolean exhausted(int epoch) {
    return epoch - bestEpoch >= patience;
  }
}
