package io.github.racrec.onnx;

/**
 * A user's taste vector as the user tower computes it, split into one term per counted review and a
 * constant: {@code taste = mean(reviewTerms) + biasTerm} when the tower is linear. A tower with a
 * hidden layer has no such split: both are then empty.
 *
 * <p>Thread-safety: immutable by convention (arrays are not copied).
 *
 * @param taste the taste vector
 * @param reviewTerms one vector per counted review, in the order given
 * @param biasTerm the part that does not depend on the reviews
 */
public record UserTaste(float[] taste, float[][] reviewTerms, float[] biasTerm) {}
