package io.github.racrec.training.racrec;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;

/**
 * The sizes and training settings of a RACRec cross-domain migration model.
 *
 * <p>{@link #original()} is the model of the original project: affine encoders E_c (shared, for
 * both domains), E_s and E_t (domain-specific), user decoders on [shared, specific], a domain
 * classifier on the shared vector, an item encoder E_p and decoder D_p; loss {@code 1000 L_pred +
 * 0.1 (L_diff + L_class + L_rec + L_irec)}; Adam with learning rate 5e-5 and weight decay 1e-5,
 * batch 64, 50 epochs, dropout 0.3 on the three inputs.
 *
 * <p>Thread-safety: immutable.
 *
 * @param sharedSize width of the shared user vector (E_c output)
 * @param specificSize width of the domain-specific user vectors (E_s, E_t outputs)
 * @param inputDropout dropout rate on the three input vectors while training
 * @param predictionWeight weight of the rating loss
 * @param auxiliaryWeight weight of each auxiliary loss (difference, class, reconstructions)
 * @param learningRate Adam's learning rate
 * @param weightDecay Adam's L2 weight decay
 * @param batchSize training pairs per step
 * @param epochs most epochs
 * @param patience epochs without a better validation RMSE before stopping early
 * @param seed seed of initialisation, dropout and shuffling
 */
public record RacRecConfig(
    int sharedSize,
    int specificSize,
    float inputDropout,
    float predictionWeight,
    float auxiliaryWeight,
    float learningRate,
    float weightDecay,
    int batchSize,
    int epochs,
    int patience,
    long seed) {

  /**
   * Checks the values.
   *
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} for an impossible value
   */
  public RacRecConfig {
    if (sharedSize < 1
        || specificSize < 1
        || !(inputDropout >= 0 && inputDropout < 1)
        || predictionWeight <= 0
        || auxiliaryWeight < 0
        || learningRate <= 0
        || weightDecay < 0
        || batchSize < 1
        || epochs < 1
        || patience < 1) {
      throw new RacrecException(ErrorCode.INVALID_ARGUMENT, "impossible RACRec settings: " + this);
    }
  }

  /**
   * Returns the original project's model and training settings.
   *
   * @return the configuration; early stopping after 10 epochs without improvement
   */
  public static RacRecConfig original() {
    return new RacRecConfig(32, 32, 0.3f, 1000f, 0.1f, 5e-5f, 1e-5f, 64, 50, 10, 42);
  }

  /**
   * Returns this configuration with another number of epochs.
   *
   * @param epochs the most epochs
   * @return the changed configuration
   */
  public RacRecConfig withEpochs(int epochs) {
    return new RacRecConfig(
        sharedSize,
        specificSize,
        inputDropout,
        predictionWeight,
        auxiliaryWeight,
        learningRate,
        weightDecay,
        batchSize,
        epochs,
        patience,
        seed);
  }

  /**
   * Returns this configuration with another seed.
   *
   * @param seed the seed
   * @return the changed configuration
   */
  public RacRecConfig withSeed(long seed) {
    return new RacRecConfig(
        sharedSize,
        specificSize,
        inputDropout,
        predictionWeight,
        auxiliaryWeight,
        learningRate,
        weightDecay,
        batchSize,
        epochs,
        patience,
        seed);
  }

  /**
   * Returns the width of the user taste vector and item vector: shared plus specific.
   *
   * @return the taste dimension
   */
  public int tasteSize() {
    return sharedSize + specificSize;
  }
}
