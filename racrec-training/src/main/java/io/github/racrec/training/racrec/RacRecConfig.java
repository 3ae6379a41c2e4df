package io.github.racrec.training.racrec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sizes, corrections and training settings of a RACRec cross-domain migration model.
 *
 * <p>{@link #original()} is the model of the original project: affine encoders E_c (shared, for
 * both domains), E_s and E_t (domain-specific), user decoders on [shared, specific], a domain
 * classifier on the shared vector, an item encoder E_p and decoder D_p; loss {@code 1000 L_pred +
 * 0.1 (L_diff + L_class + L_rec + L_irec)}; Adam with learning rate 5e-5 and weight decay 1e-5,
 * batch 64, 50 epochs, dropout 0.3 on the three inputs. {@link #corrected()} switches on every
 * {@link Correction} with settings chosen by a search on validation users. Any other configuration
 * starts from {@link #builder()} or from a preset's {@link #toBuilder()}:
 *
 * <pre>{@code
 * RacRecConfig config = RacRecConfig.corrected().toBuilder().epochs(20).seed(7).build();
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public final class RacRecConfig {

  /** The hidden layer width of the ablation's non-linear variant. */
  public static final int HIDDEN_SIZE = 64;

  private final int vectorSize;
  private final float inputDropout;
  private final float predictionWeight;
  private final float auxiliaryWeight;
  private final float rankingWeight;
  private final float learningRate;
  private final float weightDecay;
  private final int batchSize;
  private final int epochs;
  private final int patience;
  private final long seed;
  private final Corrections corrections;

  RacRecConfig(RacRecConfigBuilder builder) {
    this.vectorSize = builder.vectorSize;
    this.inputDropout = builder.inputDropout;
    this.predictionWeight = builder.predictionWeight;
    this.auxiliaryWeight = builder.auxiliaryWeight;
    this.rankingWeight = builder.rankingWeight;
    this.learningRate = builder.learningRate;
    this.weightDecay = builder.weightDecay;
    this.batchSize = builder.batchSize;
    this.epochs = builder.epochs;
    this.patience = builder.patience;
    this.seed = builder.seed;
    this.corrections = builder.corrections;
  }

  /**
   * Returns a builder with the original project's settings ({@link #original()}'s values).
   *
   * @return a new builder
   */
  public static RacRecConfigBuilder builder() {
    return new RacRecConfigBuilder();
  }

  /**
   * Returns a builder that starts from this configuration.
   *
   * @return a new builder holding these values
   */
  public RacRecConfigBuilder toBuilder() {
    return new RacRecConfigBuilder(this);
  }

  /**
   * Returns the width of the shared user vector (E_c output).
   *
   * @return the shared size
   */
  public int sharedSize() {
    return vectorSize;
  }

  /**
   * Returns the width of the domain-specific user vectors (E_s, E_t outputs): equal to {@link
   * #sharedSize()}, since L_diff compares the two element by element.
   *
   * @return the specific size
   */
  public int specificSize() {
    return vectorSize;
  }

  /**
   * Returns the dropout rate on the input vectors while training.
   *
   * @return a rate in [0, 1)
   */
  public float inputDropout() {
    return inputDropout;
  }

  /**
   * Returns the weight of the rating loss.
   *
   * @return a positive weight
   */
  public float predictionWeight() {
    return predictionWeight;
  }

  /**
   * Returns the weight of each auxiliary loss (difference, class, reconstructions).
   *
   * @return a weight of 0 or more
   */
  public float auxiliaryWeight() {
    return auxiliaryWeight;
  }

  /**
   * Returns the weight of the ranking loss on unrated items (used only with {@link
   * Correction#UNRATED_ITEMS}).
   *
   * @return a weight of 0 or more
   */
  public float rankingWeight() {
    return rankingWeight;
  }

  /**
   * Returns Adam's learning rate.
   *
   * @return a positive rate
   */
  public float learningRate() {
    return learningRate;
  }

  /**
   * Returns Adam's L2 weight decay.
   *
   * @return a decay of 0 or more
   */
  public float weightDecay() {
    return weightDecay;
  }

  /**
   * Returns the training pairs per step.
   *
   * @return the batch size
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Returns the most epochs.
   *
   * @return the epoch limit
   */
  public int epochs() {
    return epochs;
  }

  /**
   * Returns the epochs without a better validation RMSE before training stops early.
   *
   * @return the patience
   */
  public int patience() {
    return patience;
  }

  /**
   * Returns the seed of initialisation, dropout, shuffling and sampling.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns which of the original's flaws are corrected, and the hidden layer width.
   *
   * @return the corrections
   */
  public Corrections corrections() {
    return corrections;
  }

  /**
   * Returns every setting by name, in a fixed order: what reports and model manifests record.
   *
   * @return an unmodifiable map of setting names to numbers, and {@code corrections} to a map of
   *     {@code switches} (names) and {@code hiddenSize}
   */
  @JsonValue
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("sharedSize", vectorSize);
    map.put("specificSize", vectorSize);
    map.put("inputDropout", inputDropout);
    map.put("predictionWeight", predictionWeight);
    map.put("auxiliaryWeight", auxiliaryWeight);
    map.put("rankingWeight", rankingWeight);
    map.put("learningRate", learningRate);
    map.put("weightDecay", weightDecay);
    map.put("batchSize", batchSize);
    map.put("epochs", epochs);
    map.put("patience", patience);
    map.put("seed", seed);
    Map<String, Object> switches = new LinkedHashMap<>();
    switches.put("switches", corrections.switches().stream().map(Enum::name).toList());
    switches.put("hiddenSize", corrections.hiddenSize());
    map.put("corrections", Collections.unmodifiableMap(switches));
    return Collections.unmodifiableMap(map);
  }

  /**
   * Reads a configuration back from {@link #toMap()}'s shape (as results files and model manifests
   * hold it), through the builder's checks.
   *
   * @param map the settings by name; numbers of any numeric type
   * @return the configuration
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if a setting is missing or
   *     impossible, the shared and specific sizes differ, or a correction is unknown
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static RacRecConfig fromMap(Map<String, Object> map) {
    int shared = number(map, "sharedSize").intValue();
    if (number(map, "specificSize").intValue() != shared) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT, "sharedSize and specificSize must be equal: " + map);
    }
    return builder()
        .vectorSize(shared)
        .inputDropout(number(map, "inputDropout").floatValue())
        .predictionWeight(number(map, "predictionWeight").floatValue())
        .auxiliaryWeight(number(map, "auxiliaryWeight").floatValue())
        .rankingWeight(number(map, "rankingWeight").floatValue())
        .learningRate(number(map, "learningRate").floatValue())
        .weightDecay(number(map, "weightDecay").floatValue())
        .batchSize(number(map, "batchSize").intValue())
        .epochs(number(map, "epochs").intValue())
        .patience(number(map, "patience").intValue())
        .seed(number(map, "seed").longValue())
        .corrections(Corrections.fromMap(setting(map, "corrections", Map.class)))
        .build();
  }

  static Number number(Map<?, ?> map, String name) {
    return setting(map, name, Number.class);
  }

  static <T> T setting(Map<?, ?> map, String name, Class<T> type) {
    Object value = map.get(name);
    if (!type.isInstance(value)) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          "RACRec setting " + name + " must be a " + type.getSimpleName() + ", not " + value);
    }
    return type.cast(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RacRecConfig that && toMap().equals(that.toMap());
  }

  @Override
  public int hashCode() {
    return toMap().hashCode();
  }

  @Override
  public String toString() {
    return "RacRecConfig" + toMap();
  }

  /**
   * Returns the corrected model: every correction, with the settings that won the random search on
   * the validation users of demo-tune-v1 ({@code racrec tune}; every trial is in {@code
   * benchmarks/results/tuning/results.json}): trial 19 of 30, the lowest validation RMSE among the
   * trials whose validation HR@10 is within 10 % of the best (see {@link RacRecSearch#best}).
   *
   * @return the configuration; the default of the pipeline and the quickstart
   */
  public static RacRecConfig corrected() {
    return builder()
        .vectorSize(32)
        .inputDropout(0.1f)
        .predictionWeight(1f)
        .auxiliaryWeight(0.0028718067f)
        .rankingWeight(0.30625284f)
        .learningRate(0.0039797416f)
        .weightDecay(5.2992677e-5f)
        .batchSize(32)
        .epochs(200)
        .patience(15)
        .corrections(Corrections.all())
        .build();
  }

  /**
   * Returns the original project's model and training settings.
   *
   * @return the configuration; early stopping after 10 epochs without improvement
   */
  public static RacRecConfig original() {
    return builder().build();
  }

  /**
   * Returns this configuration with other corrections.
   *
   * @param corrections the corrections
   * @return the changed configuration
   */
  public RacRecConfig withCorrections(Corrections corrections) {
    return toBuilder().corrections(corrections).build();
  }

  /**
   * Returns this configuration with another number of epochs.
   *
   * @param epochs the most epochs
   * @return the changed configuration
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if it is below 1
   */
  public RacRecConfig withEpochs(int epochs) {
    return toBuilder().epochs(epochs).build();
  }

  /**
   * Returns this configuration with another seed.
   *
   * @param seed the seed
   * @return the changed configuration
   */
  public RacRecConfig withSeed(long seed) {
    return toBuilder().seed(seed).build();
  }

  /**
   * Returns the width of the shared plus specific user vector (and of E_p's output).
   *
   * @return the taste dimension without bias components
   */
  public int tasteSize() {
    return 2 * vectorSize;
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
