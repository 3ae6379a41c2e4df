package io.github.racrec.training.racrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * The vectors serving uses, read off a forward pass of {@link RacRecNetwork}: cold-start taste
 * vectors {@code [E_c(u_s), E_t(0), 1, b_u]} and item vectors {@code [E_p(i_t), b_i, 1]} (the bias
 * components only with {@link Correction#RATING_BIASES}), so that a taste times an item is the
 * served prediction.
 *
 * <p>Thread-safety: stateless.
 */
final class ServedVectors {
  private ServedVectors() {}

  /** The cold-start users' served taste vectors, one row per input row. */
  static NDArray coldTastes(NDList out, Corrections corrections) {
    NDArray taste =
        out.get(RacRecNetwork.OUT_SHARED_SOURCE)
            .concat(out.get(RacRecNetwork.OUT_SPECIFIC_COLD), 1);
    if (!corrections.has(Correction.RATING_BIASES)) {
      return taste;
    }
    return taste.concat(ones(taste), 1).concat(out.get(RacRecNetwork.OUT_USER_BIAS), 1);
  }

  /** The served item vectors, one row per input row. */
  static NDArray items(NDList out, Corrections corrections) {
    NDArray item = out.get(RacRecNetwork.OUT_ITEM);
    if (!corrections.has(Correction.RATING_BIASES)) {
      return item;
    }
    return item.concat(out.get(RacRecNetwork.OUT_ITEM_BIAS), 1).concat(ones(item), 1);
  }

  /** The served cold-start predictions: each taste row times its item row. */
  static float[] coldPredictions(NDList out, Corrections corrections) {
    return coldTastes(out, corrections)
        .mul(items(out, corrections))
        .sum(new int[] {1})
        .toFloatArray();
  }

  private static NDArray ones(NDArray rows) {
    return rows.getManager().ones(new Shape(rows.getShape().get(0), 1));
  }
}
