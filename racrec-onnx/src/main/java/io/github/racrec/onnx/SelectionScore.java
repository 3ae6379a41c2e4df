package io.github.racrec.onnx;

import io.github.racrec.onnx.internal.Vectors;

/**
 * The catalog query of a model that ranks by selection ({@link RacRecManifest#ranksBySelection()}).
 * Its catalog vectors are {@code [item, log(1 + n_i)]}, so the query {@code [lambda * taste, 1 -
 * lambda]} makes the scan's inner product the selection score {@code lambda * rating + (1 - lambda)
 * * log(1 + n_i)} (rating = {@code taste . item}, the global bias being 0 for such models): one
 * scan, no second pass.
 *
 * <p>Thread-safety: immutable.
 */
final class SelectionScore {
  private final double weight;

  SelectionScore(double weight) {
    this.weight = weight;
  }

  /** The rating's weight lambda. */
  double weight() {
    return weight;
  }

  /** The catalog query for a taste vector. */
  float[] query(float[] taste) {
    float[] query = new float[taste.length + 1];
    for (int j = 0; j < taste.length; j++) {
      query[j] = (float) (weight * taste[j]);
    }
    query[taste.length] = (float) (1 - weight);
    return query;
  }

  /** The item term of the selection score that is the same for every user: the popularity part. */
  double popularityTerm(float[] catalogVector) {
    return (1 - weight) * catalogVector[catalogVector.length - 1];
  }

  /** The rating part of a term of the taste: {@code lambda * (term . item)}. */
  double ratingTerm(float[] tasteTerm, float[] catalogVector) {
    return weight * Vectors.dot(tasteTerm, catalogVector);
  }
}
