package io.github.racrec.onnx;

import io.github.racrec.onnx.internal.Vectors;

/**
 * How a RACRec model blends its transfer score with two item terms that need no transfer: the
 * item's mean rating and its popularity. Both weights are chosen on validation users when the model
 * is trained, so that with little data the model falls back to what the simple baselines do, and
 * with plenty it uses the user's reviews.
 *
 * <pre>{@code
 * rating    = mu * head + (1 - mu) * m_i          m_i = (ratingSum_i + meanPrior * w) / (n_i + w)
 * selection = lambda * head + (1 - lambda) * log(1 + n_i)
 * }</pre>
 *
 * <p>{@code head} is the rating head's prediction {@code taste . item} (plus the manifest's global
 * bias), {@code n_i} the item's review count, {@code w = meanPriorWeight}. Recommendations are
 * ordered by {@code selection}; the predicted rating is {@code rating}, clipped to the rating
 * range. The item mean enters the rating only: a high mean says people who chose an item liked it,
 * not that a new user will choose it, and in the selection score it pulled rarely reviewed items
 * with a few five-star ratings ahead of what users pick (docs/ranking.md). The model's catalog
 * vectors are {@code [item, m_i, log(1 + n_i)]}, so that the scan's inner product with {@link
 * #query} is the selection score: one scan, no second pass.
 *
 * <p>Thread-safety: immutable.
 *
 * @param ratingWeight mu, the rating head's weight against the item mean, in [0, 1]
 * @param selectionWeight lambda, the rating head's weight against popularity, in [0, 1]
 * @param meanPrior the rating that item means are shrunk towards (the training data's mean)
 * @param meanPriorWeight how many ratings of {@code meanPrior} each item mean counts in addition
 */
public record ItemTermBlend(
    double ratingWeight, double selectionWeight, double meanPrior, double meanPriorWeight) {

  /** How many components the blend appends to each catalog vector. */
  public static final int CATALOG_TERMS = 2;

  /**
   * Returns the blend that ranks and rates by the rating head alone: the model before item terms.
   *
   * @return weights 1 and 1
   */
  public static ItemTermBlend headOnly() {
    return new ItemTermBlend(1, 1, 0, 0);
  }

  /**
   * Returns why these values are impossible, or {@code null} if they are fine.
   *
   * @return the problem, or {@code null}
   */
  public String problem() {
    if (!(ratingWeight >= 0 && ratingWeight <= 1 && selectionWeight >= 0 && selectionWeight <= 1)) {
      return "blend weights outside [0, 1]: " + ratingWeight + ", " + selectionWeight;
    }
    if (!Double.isFinite(meanPrior) || !(meanPriorWeight >= 0 && meanPriorWeight < 1e9)) {
      return "an impossible item-mean prior: " + meanPrior + " x " + meanPriorWeight;
    }
    return null;
  }

  /**
   * Returns the catalog components of an item, to append after its item-tower vector.
   *
   * @param ratingSum the sum of the item's ratings
   * @param reviewCount the item's number of reviews
   * @return {@code [m_i, log(1 + n_i)]}
   */
  public float[] catalogTerms(double ratingSum, int reviewCount) {
    return new float[] {(float) itemMean(ratingSum, reviewCount), (float) popularity(reviewCount)};
  }

  /**
   * Returns the item mean, shrunk towards the prior.
   *
   * @param ratingSum the sum of the item's ratings
   * @param reviewCount the item's number of reviews
   * @return {@code m_i}; the prior for an item without reviews
   */
  public double itemMean(double ratingSum, int reviewCount) {
    double weight = reviewCount + meanPriorWeight;
    return weight == 0 ? meanPrior : (ratingSum + meanPrior * meanPriorWeight) / weight;
  }

  /**
   * Returns the popularity term.
   *
   * @param reviewCount the item's number of reviews
   * @return {@code log(1 + n_i)}
   */
  public static double popularity(int reviewCount) {
    return Math.log1p(reviewCount);
  }

  /**
   * Returns the blended rating, unclipped.
   *
   * @param head the rating head's prediction
   * @param itemMean the item's {@code m_i}
   * @return {@code mu * head + (1 - mu) * m_i}
   */
  public double rating(double head, double itemMean) {
    return ratingWeight * head + (1 - ratingWeight) * itemMean;
  }

  /**
   * Returns the selection score.
   *
   * @param head the rating head's prediction
   * @param popularity the item's {@code log(1 + n_i)}
   * @return {@code lambda * head + (1 - lambda) * popularity}
   */
  public double selection(double head, double popularity) {
    return selectionWeight * head + (1 - selectionWeight) * popularity;
  }

  /**
   * Returns the catalog query whose inner product with {@code [item, m_i, log(1 + n_i)]} is the
   * selection score (with a global bias of 0, as exported models have).
   *
   * @param taste the user's taste vector
   * @return {@code [lambda * taste, 0, 1 - lambda]}
   */
  public float[] query(float[] taste) {
    float[] query = new float[taste.length + CATALOG_TERMS];
    for (int j = 0; j < taste.length; j++) {
      query[j] = (float) (selectionWeight * taste[j]);
    }
    query[taste.length + 1] = (float) (1 - selectionWeight);
    return query;
  }

  /**
   * Returns the blended rating of a catalog item, unclipped.
   *
   * @param taste the user's taste vector
   * @param catalogVector the item's catalog vector
   * @param globalBias the manifest's global bias
   * @return {@code mu * (taste . item + globalBias) + (1 - mu) * m_i}
   */
  public double rating(float[] taste, float[] catalogVector, double globalBias) {
    return rating(Vectors.dot(taste, catalogVector) + globalBias, catalogVector[taste.length]);
  }

  /**
   * Returns a taste term's part of the selection score.
   *
   * @param tasteTerm a term of the taste vector (one review's, or the constant)
   * @param catalogVector the item's catalog vector
   * @return {@code lambda * (term . item)}
   */
  public double tastePart(float[] tasteTerm, float[] catalogVector) {
    return selectionWeight * Vectors.dot(tasteTerm, catalogVector);
  }

  /**
   * Returns the part of the selection score that is the same for every user.
   *
   * @param catalogVector the item's catalog vector
   * @return {@code (1 - lambda) * log(1 + n_i)}
   */
  public double itemPart(float[] catalogVector) {
    return (1 - selectionWeight) * catalogVector[catalogVector.length - 1];
  }
}
