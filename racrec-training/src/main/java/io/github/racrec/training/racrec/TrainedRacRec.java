package io.github.racrec.training.racrec;

import java.util.List;

/**
 * The weights of a trained RACRec model that serving needs, and how training went.
 *
 * <p>Cold-start serving uses the user side {@code taste = [E_c(u_s), E_t(0)]}, where {@code E_t(0)}
 * is the target encoder's bias (a cold-start user has no target reviews), and the item side {@code
 * E_p(i_t)}; the predicted rating is their inner product.
 *
 * <p>Thread-safety: immutable by convention (arrays are not copied).
 *
 * @param inputSize the review vector dimension d
 * @param reviewWindow how many newest reviews made the user and item vectors it was trained on
 * @param config the configuration trained with
 * @param sharedWeight E_c's weight, row-major, shared size by d
 * @param sharedBias E_c's bias
 * @param targetBias E_t's bias: the cold-start user's target-specific part
 * @param itemWeight E_p's weight, row-major, taste size by d
 * @param itemBias E_p's bias
 * @param history one entry per epoch trained
 * @param bestEpoch the epoch whose weights these are (1-based), chosen on validation users
 * @param trainingDataFingerprint a SHA-256 of everything the model was trained on
 */
public record TrainedRacRec(
    int inputSize,
    int reviewWindow,
    RacRecConfig config,
    float[] sharedWeight,
    float[] sharedBias,
    float[] targetBias,
    float[] itemWeight,
    float[] itemBias,
    List<EpochStats> history,
    int bestEpoch,
    String trainingDataFingerprint) {

  /**
   * Copies the history.
   *
   * @throws NullPointerException if it is null
   */
  public TrainedRacRec {
    history = List.copyOf(history);
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
   * Computes a cold-start user's taste vector in plain Java: {@code [W_c u_s + b_c, b_t]}.
   *
   * @param sourceMean the mean of the user's source review vectors
   * @return the taste vector
   */
  public float[] taste(float[] sourceMean) {
    int shared = config.sharedSize();
    float[] taste = new float[config.tasteSize()];
    for (int o = 0; o < shared; o++) {
      double sum = sharedBias[o];
      for (int j = 0; j < inputSize; j++) {
        sum += (double) sharedWeight[o * inputSize + j] * sourceMean[j];
      }
      taste[o] = (float) sum;
    }
    System.arraycopy(targetBias, 0, taste, shared, config.specificSize());
    return taste;
  }

  /**
   * Computes an item's vector in plain Java: {@code W_p i_t + b_p}.
   *
   * @param itemMean the mean of the item's review vectors
   * @return the item vector
   */
  public float[] item(float[] itemMean) {
    int taste = config.tasteSize();
    float[] vector = new float[taste];
    for (int o = 0; o < taste; o++) {
      double sum = itemBias[o];
      for (int j = 0; j < inputSize; j++) {
        sum += (double) itemWeight[o * inputSize + j] * itemMean[j];
      }
      vector[o] = (float) sum;
    }
    return vector;
  }

  /**
   * One epoch of training.
   *
   * @param epoch the epoch, from 1
   * @param loss the mean total training loss
   * @param predictionLoss the mean squared rating error on training pairs (as trained: users' own
   *     target reviews in the shared vector)
   * @param differenceLoss mean L_diff
   * @param classLoss mean L_class
   * @param reconstructionLoss mean L_rec
   * @param itemReconstructionLoss mean L_irec
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
      double validationRmse) {}
}
