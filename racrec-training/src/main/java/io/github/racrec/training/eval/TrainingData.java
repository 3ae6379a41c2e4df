package io.github.racrec.training.eval;

import io.github.racrec.training.eval.EvalData.TrainUser;
import java.util.Collections;
import java.util.List;

/**
 * Everything a model may learn from in one evaluation split: the catalog of target items (ids,
 * vectors, statistics from visible reviews only), the training users and the validation users.
 *
 * <p>Validation users' target data is for model selection (hyper-parameters, early stopping); their
 * target reviews are left out of the catalog's vectors and statistics, as test users' are, so that
 * validation mimics the test.
 *
 * <p>Thread-safety: immutable (arrays are shared; do not modify them).
 *
 * @param catalog the target items
 * @param globalMean the mean rating of all visible target reviews
 * @param trainUsers users to fit on, sorted by id
 * @param validationUsers users to select on, sorted by id
 * @param reviewWindow how many newest reviews made each user and item vector
 */
public record TrainingData(
    Catalog catalog,
    double globalMean,
    List<TrainUser> trainUsers,
    List<TrainUser> validationUsers,
    int reviewWindow) {

  /**
   * The target items that visible reviews describe, sorted by id.
   *
   * @param itemIds the ids, sorted
   * @param vectors each item's mean review vector (newest counted visible reviews)
   * @param reviewCounts visible reviews per item: its popularity
   * @param ratingSums the sum of each item's visible ratings
   * @param vectorReviewCounts how many reviews each item's vector is the mean of (at most the
   *     review window), so a model can take one review back out of it
   */
  public record Catalog(
      List<String> itemIds,
      float[][] vectors,
      int[] reviewCounts,
      double[] ratingSums,
      int[] vectorReviewCounts) {

    /**
     * Returns the number of items.
     *
     * @return the count
     */
    public int size() {
      return itemIds.size();
    }

    /**
     * Returns the dimension of the item vectors.
     *
     * @return the dimension, 0 for an empty catalog
     */
    public int dimension() {
      return vectors.length == 0 ? 0 : vectors[0].length;
    }

    /**
     * Finds an item's index.
     *
     * @param itemId the id
     * @return the index, or a negative number if absent
     */
    public int indexOf(String itemId) {
      return Collections.binarySearch(itemIds, itemId);
    }

    /**
     * Returns an item's mean visible rating, shrunk towards {@code prior} as if {@code priorWeight}
     * extra ratings of {@code prior} had been given.
     *
     * @param item the item's index
     * @param prior the rating to shrink towards
     * @param priorWeight how many ratings the prior counts as
     * @return the shrunk mean
     */
    public double meanRating(int item, double prior, double priorWeight) {
      return (ratingSums[item] + prior * priorWeight) / (reviewCounts[item] + priorWeight);
    }
  }
}
