package io.github.racrec.training.racrec;

import io.github.racrec.api.ProgressListener;
import io.github.racrec.training.eval.Evaluator.Candidate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The named RACRec configurations of the ablation: the original, each correction alone on the
 * original's settings, all corrections on the original's settings, the tuned default without each
 * of its item terms, and the tuned default.
 *
 * <p>Thread-safety: immutable.
 */
public final class RacRecVariants {
  /**
   * One named configuration.
   *
   * @param key the command-line name
   * @param displayName the name in reports
   * @param config the configuration
   */
  public record Variant(String key, String displayName, RacRecConfig config) {

    /**
     * Returns this variant as an evaluation candidate, trained and scored (through its exported
     * ONNX towers) as {@code racrec eval} does.
     *
     * @param encoderFingerprint the fingerprint of the encoder the review vectors come from
     * @param shuffledControl whether to also score the default model with other users' source
     *     reviews (the ablation variants are not repeated)
     * @return the candidate
     */
    public Candidate candidate(String encoderFingerprint, boolean shuffledControl) {
      return new Candidate(
          displayName,
          () -> new RacRecModel(displayName, config, encoderFingerprint, ProgressListener.none()),
          shuffledControl && key.equals(DEFAULT));
    }

    /**
     * Returns this variant with other settings, under the same names.
     *
     * @param other the settings
     * @return the changed variant
     */
    public Variant withConfig(RacRecConfig other) {
      return new Variant(key, displayName, other);
    }
  }

  /** The key of the default model, {@link RacRecConfig#corrected()}. */
  public static final String DEFAULT = "racrec-corrected";

  private static final Map<String, Variant> ALL = build();

  private RacRecVariants() {}

  private static Map<String, Variant> build() {
    RacRecConfig original = RacRecConfig.original();
    Map<String, Variant> variants = new LinkedHashMap<>();
    add(variants, "racrec-original", "RACRec (original)", original);
    add(
        variants,
        "racrec-grl",
        "RACRec + gradient reversal",
        original.withCorrections(Corrections.of(Correction.GRADIENT_REVERSAL)));
    add(
        variants,
        "racrec-ortho",
        "RACRec + orthogonal L_diff",
        original.withCorrections(Corrections.of(Correction.ORTHOGONAL_DIFFERENCE)));
    add(
        variants,
        "racrec-coldpath",
        "RACRec + cold-start path trained",
        original.withCorrections(Corrections.of(Correction.COLD_START_PATH)));
    add(
        variants,
        "racrec-exclude",
        "RACRec + own review excluded",
        original.withCorrections(Corrections.of(Correction.EXCLUDE_OWN_REVIEW)));
    add(
        variants,
        "racrec-biases",
        "RACRec + rating biases",
        original.withCorrections(Corrections.of(Correction.RATING_BIASES)));
    add(
        variants,
        "racrec-nonlinear",
        "RACRec + hidden layer",
        original.withCorrections(Corrections.none().withHiddenSize(RacRecConfig.HIDDEN_SIZE)));
    add(
        variants,
        "racrec-unrated",
        "RACRec + unrated items (BPR)",
        original.toBuilder()
            .rankingWeight(RacRecConfig.corrected().rankingWeight())
            .corrections(Corrections.of(Correction.UNRATED_ITEMS))
            .build());
    add(
        variants,
        "racrec-shrink",
        "RACRec + item-mean shrinkage",
        original.withCorrections(Corrections.of(Correction.ITEM_MEAN_SHRINKAGE)));
    add(
        variants,
        "racrec-prior",
        "RACRec + popularity prior",
        original.withCorrections(Corrections.of(Correction.POPULARITY_PRIOR)));
    add(
        variants,
        "racrec-all",
        "RACRec, all corrections (original settings)",
        original.toBuilder()
            .rankingWeight(RacRecConfig.corrected().rankingWeight())
            .corrections(Corrections.all())
            .build());
    add(
        variants,
        "racrec-noshrink",
        "RACRec (corrected, tuned) without item-mean shrinkage",
        RacRecConfig.corrected().withCorrections(without(Correction.ITEM_MEAN_SHRINKAGE)));
    add(
        variants,
        "racrec-noprior",
        "RACRec (corrected, tuned) without popularity prior",
        RacRecConfig.corrected().withCorrections(without(Correction.POPULARITY_PRIOR)));
    add(variants, DEFAULT, "RACRec (corrected, tuned)", RacRecConfig.corrected());
    return variants;
  }

  /** The default's corrections without one: what that one buys, with the rest on. */
  private static Corrections without(Correction left) {
    Set<Correction> switches = EnumSet.copyOf(RacRecConfig.corrected().corrections().switches());
    switches.remove(left);
    return new Corrections(switches, RacRecConfig.corrected().corrections().hiddenSize());
  }

  private static void add(Map<String, Variant> variants, String key, String name, RacRecConfig c) {
    variants.put(key, new Variant(key, name, c));
  }

  /**
   * Returns every variant, in ablation order.
   *
   * @return key to variant
   */
  public static Map<String, Variant> all() {
    return ALL;
  }

  /**
   * Finds a variant by its command-line name.
   *
   * @param key e.g. {@code racrec-corrected}
   * @return the variant, or empty
   */
  public static Optional<Variant> find(String key) {
    return Optional.ofNullable(ALL.get(key));
  }
}
