package io.github.racrec.training.racrec;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The sizes, corrections and training settings of a RACRec cross-domain migration model.
 *
 * <p>{@link #original()} is the model of the original project: affine encoders E_c (shared, for
 * both domains), E_s and E_t (domain-specific), user decoders on [shared, specific], a domain
 * classifier on the shared vector, an item encoder E_p and decoder D_p; loss {@code 1000 L_pred +
 * 0.1 (L_diff + L_class + L_rec + L_irec)}; Adam with learning rate 5e-5 and weight decay 1e-5,
 * batch 64, 50 epochs, dropout 0.3 on the three inputs. {@link #corrected()} switches on every
 * {@link Correction} with settings chosen by a search on validation users.
 *
 * <p>Thread-safety: immutable.
 *
 * @param sharedSize width of the shared user vector (E_c output)
 * @param specificSize width of the domain-specific user vectors (E_s, E_t outputs); equal to {@code
 *     sharedSize}, since L_diff compares the two element by element
 * @param inputDropout dropout rate on the input vectors while training
 * @param predictionWeight weight of the rating loss
 * @param auxiliaryWeight weight of each auxiliary loss (difference, class, reconstructions)
 * @param rankingWeight weight of the ranking loss on unrated items (used only with {@link
 *     Correction#UNRATED_ITEMS})
 * @param learningRate Adam's learning rate
 * @param weightDecay Adam's L2 weight decay
 * @param batchSize training pairs per step
 * @param epochs most epochs
 * @param patience epochs without a better validation RMSE before stopping early
 * @param seed seed of initialisation, dropout, shuffling and sampling
 * @param corrections which of the original's flaws are corrected, and the hidden layer width
 */
public record RacRecConfig(
    int sharedSize,
    int specificSize,
    float inputDropout,
    float predictionWeight,
    float auxiliaryWeight,
    float rankingWeight,
    float learningRate,
    float weightDecay,
    int batchSize,
    int epochs,
    int patience,
    long seed,
    Corrections corrections) {

  /** The hidden layer width of the ablation's non-linear variant. */
  public static final int HIDDEN_SIZE = 64;

  /**
   * Checks the values.
   *
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} for an impossible value, or
   *     shared and specific sizes that differ
   */
  public RacRecConfig {
    Objects.requireNonNull(corrections, "corrections");
    if (sharedSize < 1
        || sharedSize != specificSize
        || !(inputDropout >= 0 && inputDropout < 1)
        || predictionWeight <= 0
        || auxiliaryWeight < 0
        || rankingWeight < 0
        || learningRate <= 0
        || weightDecay < 0
        || batchSize < 1
        || epochs < 1
        || patience < 1) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          "impossible RACRec settings (shared and specific sizes must be equal): " + this);
    }
  }

  /** One correction of a flaw of the original model. */
  public enum Correction {
    /**
     * The domain classifier minimises its error and the encoders get the reversed gradient, scaled
     * by the DANN schedule {@code 2 / (1 + exp(-10 p)) - 1} over training progress p. The original
     * has every weight maximise the classifier's error, a term with no lower bound.
     */
    GRADIENT_REVERSAL,

    /**
     * L_diff is the squared cosine of shared and specific vectors (soft orthogonality). The
     * original's signed cosine is least when they are opposite, not unrelated.
     */
    ORTHOGONAL_DIFFERENCE,

    /**
     * Every training pair is also predicted by the cold-start path {@code [E_c(u_s), E_t(0)] .
     * E_p(i_t)}, and that error is half of L_pred. The original trains only the path from target
     * reviews, which a cold-start user does not have, and serves the other.
     */
    COLD_START_PATH,

    /**
     * The rated (user, item) review is taken out of the user's target mean and of the item's
     * vector; ratings of items no other review describes are skipped. The original reads the
     * answer's text from both inputs.
     */
    EXCLUDE_OWN_REVIEW,

    /**
     * Predictions add an item bias linear in the item vector (its constant starts at the global
     * mean) and a user bias linear in the source vector; served predictions are clipped to 1-5.
     * Without them the dot product has to produce about 4 stars on its own.
     */
    RATING_BIASES,

    /**
     * Each training pair is also compared with an item the user did not rate, drawn uniformly: a
     * BPR loss on the cold-start interaction score (without biases), weighted by {@link
     * #rankingWeight()}. Ratings exist only for items users chose, so without it the model never
     * learns what they pass over, which is what a top-10 list is about. Not in the original's list
     * of flaws; added because Protocol B measures exactly this.
     */
    UNRATED_ITEMS
  }

  /**
   * The corrections switched on, and the towers' shape.
   *
   * @param switches the corrections that are on
   * @param hiddenSize 0 for affine towers; otherwise E_c and E_p get a hidden ReLU layer of this
   *     width (explanations then become leave-one-review-out)
   */
  public record Corrections(Set<Correction> switches, int hiddenSize) {

    /**
     * Copies the switches.
     *
     * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if the hidden size is
     *     negative
     */
    public Corrections {
      switches =
          switches.isEmpty()
              ? Set.of()
              : java.util.Collections.unmodifiableSet(EnumSet.copyOf(switches));
      if (hiddenSize < 0) {
        throw new RacrecException(ErrorCode.INVALID_ARGUMENT, "hiddenSize must be 0 or more");
      }
    }

    /**
     * Returns no correction: the original model.
     *
     * @return no switch on, affine towers
     */
    public static Corrections none() {
      return new Corrections(Set.of(), 0);
    }

    /**
     * Returns the given corrections with affine towers.
     *
     * @param first a correction
     * @param more more corrections
     * @return those switches on
     */
    public static Corrections of(Correction first, Correction... more) {
      return new Corrections(EnumSet.of(first, more), 0);
    }

    /**
     * Returns every correction with affine towers (exact explanations).
     *
     * @return all switches on
     */
    public static Corrections all() {
      return new Corrections(EnumSet.allOf(Correction.class), 0);
    }

    /**
     * Returns these corrections with another hidden layer width.
     *
     * @param width 0 for affine towers
     * @return the changed corrections
     */
    public Corrections withHiddenSize(int width) {
      return new Corrections(switches, width);
    }

    /**
     * Returns whether a correction is on.
     *
     * @param correction the correction
     * @return {@code true} if it is on
     */
    public boolean has(Correction correction) {
      return switches.contains(correction);
    }

    /**
     * Returns whether the towers are affine, which keeps explanations exact.
     *
     * @return {@code true} if {@link #hiddenSize()} is 0
     */
    public boolean linear() {
      return hiddenSize == 0;
    }
  }

  /**
   * Returns the corrected model: every correction, with the settings that won the random search on
   * the validation users of demo-tune-v1 ({@code racrec tune}; every trial is in {@code
   * benchmarks/results/tuning/results.json}): trial 8 of 30, the lowest validation RMSE among the
   * trials whose validation HR@10 is within 10 % of the best (see {@link RacRecSearch#best}).
   *
   * @return the configuration; the default of the pipeline and the quickstart
   */
  public static RacRecConfig corrected() {
    return new RacRecConfig(
        16,
        16,
        0.3f,
        1f,
        0.9486533f,
        1.5479071f,
        0.009562027f,
        1.7650807e-5f,
        32,
        200,
        15,
        42,
        Corrections.all());
  }

  /**
   * Returns the original project's model and training settings.
   *
   * @return the configuration; early stopping after 10 epochs without improvement
   */
  public static RacRecConfig original() {
    return new RacRecConfig(
        32, 32, 0.3f, 1000f, 0.1f, 0f, 5e-5f, 1e-5f, 64, 50, 10, 42, Corrections.none());
  }

  /**
   * Returns this configuration with other corrections.
   *
   * @param corrections the corrections
   * @return the changed configuration
   */
  public RacRecConfig withCorrections(Corrections corrections) {
    return new RacRecConfig(
        sharedSize,
        specificSize,
        inputDropout,
        predictionWeight,
        auxiliaryWeight,
        rankingWeight,
        learningRate,
        weightDecay,
        batchSize,
        epochs,
        patience,
        seed,
        corrections);
  }

  /**
   * Returns this configuration with another ranking loss weight.
   *
   * @param weight the weight of the ranking loss on unrated items
   * @return the changed configuration
   */
  public RacRecConfig withRankingWeight(float weight) {
    return new RacRecConfig(
        sharedSize,
        specificSize,
        inputDropout,
        predictionWeight,
        auxiliaryWeight,
        weight,
        learningRate,
        weightDecay,
        batchSize,
        epochs,
        patience,
        seed,
        corrections);
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
        rankingWeight,
        learningRate,
        weightDecay,
        batchSize,
        epochs,
        patience,
        seed,
        corrections);
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
        rankingWeight,
        learningRate,
        weightDecay,
        batchSize,
        epochs,
        patience,
        seed,
        corrections);
  }

  /**
   * Returns the width of the shared plus specific user vector (and of E_p's output).
   *
   * @return the taste dimension without bias components
   */
  public int tasteSize() {
    return sharedSize + specificSize;
  }

  /**
   * Returns the width of exported taste and item vectors: the taste size, plus two components that
   * carry the item and user biases with {@link Correction#RATING_BIASES}.
   *
   * @return the served vector dimension
   */
  public int servedSize() {
    return tasteSize() + (corrections.has(Correction.RATING_BIASES) ? 2 : 0);
  }
}
