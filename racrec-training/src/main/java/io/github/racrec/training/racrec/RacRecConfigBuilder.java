package io.github.racrec.training.racrec;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.util.Objects;

/**
 * Collects the settings of a {@link RacRecConfig} ({@link RacRecConfig#builder()}, {@link
 * RacRecConfig#toBuilder()}); each setter rejects an impossible value at once, naming it. A new
 * builder holds the original project's settings.
 *
 * <p>Thread-safety: not thread-safe; use one builder on one thread.
 */
public final class RacRecConfigBuilder {
  int vectorSize = 32;
  float inputDropout = 0.3f;
  float predictionWeight = 1000f;
  float auxiliaryWeight = 0.1f;
  float rankingWeight = 0f;
  float learningRate = 5e-5f;
  float weightDecay = 1e-5f;
  int batchSize = 64;
  int epochs = 50;
  int patience = 10;
  long seed = 42;
  Corrections corrections = Corrections.none();

  RacRecConfigBuilder() {}

  RacRecConfigBuilder(RacRecConfig config) {
    vectorSize = config.sharedSize();
    inputDropout = config.inputDropout();
    predictionWeight = config.predictionWeight();
    auxiliaryWeight = config.auxiliaryWeight();
    rankingWeight = config.rankingWeight();
    learningRate = config.learningRate();
    weightDecay = config.weightDecay();
    batchSize = config.batchSize();
    epochs = config.epochs();
    patience = config.patience();
    seed = config.seed();
    corrections = config.corrections();
  }

  /**
   * Sets the width of the shared and of each domain-specific user vector (one size: L_diff compares
   * them element by element).
   *
   * @param size 1 or more
   * @return this builder
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if it is below 1
   */
  public RacRecConfigBuilder vectorSize(int size) {
    vectorSize = check(size >= 1, "vectorSize", size, "1 or more");
    return this;
  }

  /**
   * Sets the dropout rate on the input vectors while training.
   *
   * @param rate in [0, 1)
   * @return this builder
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if it is outside [0, 1)
   */
  public RacRecConfigBuilder inputDropout(float rate) {
    inputDropout = check(rate >= 0 && rate < 1, "inputDropout", rate, "in [0, 1)");
    return this;
  }

  /**
   * Sets the weight of the rating loss.
   *
   * @param weight a positive weight
   * @return this builder
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if it is not above 0
   */
  public RacRecConfigBuilder predictionWeight(float weight) {
    predictionWeight = check(weight > 0, "predictionWeight", weight, "above 0");
    return this;
  }

  /**
   * Sets the weight of each auxiliary loss (difference, class, reconstructions).
   *
   * @param weight 0 or more
   * @return this builder
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if it is negative or NaN
   */
  public RacRecConfigBuilder auxiliaryWeight(float weight) {
    auxiliaryWeight = check(weight >= 0, "auxiliaryWeight", weight, "0 or more");
    return this;
  }

  /**
   * Sets the weight of the ranking loss on unrated items (used only with {@link
   * Correction#UNRATED_ITEMS}).
   *
   * @param weight 0 or more
   * @return this builder
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if it is negative or NaN
   */
  public RacRecConfigBuilder rankingWeight(float weight) {
    rankingWeight = check(weight >= 0, "rankingWeight", weight, "0 or more");
    return this;
  }

  /**
   * Sets Adam's learning rate.
   *
   * @param rate a positive, finite rate
   * @return this builder
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if it is not above 0
   */
  public RacRecConfigBuilder learningRate(float rate) {
    learningRate =
        check(rate > 0 && Float.isFinite(rate), "learningRate", rate, "above 0 and finite");
    return this;
  }

  /**
   * Sets Adam's L2 weight decay.
   *
   * @param decay 0 or more
   * @return this builder
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if it is negative or NaN
   */
  public RacRecConfigBuilder weightDecay(float decay) {
    weightDecay = check(decay >= 0, "weightDecay", decay, "0 or more");
    return this;
  }

  /**
   * Sets the training pairs per step.
   *
   * @param size 1 or more
   * @return this builder
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if it is below 1
   */
  public RacRecConfigBuilder batchSize(int size) {
    batchSize = check(size >= 1, "batchSize", size, "1 or more");
    return this;
  }

  /**
   * Sets the most epochs.
   *
   * @param count 1 or more
   * @return this builder
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if it is below 1
   */
  public RacRecConfigBuilder epochs(int count) {
    epochs = check(count >= 1, "epochs", count, "1 or more");
    return this;
  }

  /**
   * Sets the epochs without a better validation RMSE before training stops early.
   *
   * @param count 1 or more
   * @return this builder
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if it is below 1
   */
  public RacRecConfigBuilder patience(int count) {
    patience = check(count >= 1, "patience", count, "1 or more");
    return this;
  }

  /**
   * Sets the seed of initialisation, dropout, shuffling and sampling.
   *
   * @param value any seed
   * @return this builder
   */
  public RacRecConfigBuilder seed(long value) {
    seed = value;
    return this;
  }

  /**
   * Sets which corrections are on, and the hidden layer width.
   *
   * @param value the corrections
   * @return this builder
   * @throws NullPointerException if it is null
   */
  public RacRecConfigBuilder corrections(Corrections value) {
    corrections = Objects.requireNonNull(value, "corrections");
    return this;
  }

  /**
   * Returns the configuration.
   *
   * @return an immutable configuration of the values set
   */
  public RacRecConfig build() {
    return new RacRecConfig(this);
  }

  private static <T> T check(boolean valid, String name, T value, String rule) {
    if (!valid) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT, name + " must be " + rule + ", not " + value);
    }
    return value;
  }
}
