package io.github.racrec.examples;

import io.github.racrec.training.racrec.RacRecVariants;

/** The RACRec configurations a command can train, as picocli reads them ({@code --variant}). */
enum ModelVariant {
  /** Every correction, settings tuned on demo-tune-v1: the default. */
  CORRECTED,
  /** The original project's model and settings. */
  ORIGINAL,
  /** The original plus gradient reversal. */
  GRL,
  /** The original plus the orthogonal L_diff. */
  ORTHO,
  /** The original plus a trained cold-start path. */
  COLDPATH,
  /** The original with each pair's own review excluded. */
  EXCLUDE,
  /** The original plus rating biases. */
  BIASES,
  /** The original plus a hidden layer. */
  NONLINEAR,
  /** The original plus BPR over unrated items. */
  UNRATED,
  /** The original plus the item-mean shrinkage. */
  SHRINK,
  /** The original plus the popularity prior. */
  PRIOR,
  /** Every correction on the original's settings. */
  ALL,
  /** The default without the item-mean shrinkage. */
  NOSHRINK,
  /** The default without the popularity prior. */
  NOPRIOR;

  /** The variant as the evaluation lists it. */
  RacRecVariants.Variant variant() {
    return RacRecVariants.find("racrec-" + name().toLowerCase(java.util.Locale.ROOT)).orElseThrow();
  }
}
