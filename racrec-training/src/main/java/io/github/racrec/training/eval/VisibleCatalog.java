package io.github.racrec.training.eval;

import io.github.racrec.training.data.DomainReviews;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The catalog of a split built from the visible target reviews only: the items with at least one
 * visible review with text, their vectors and statistics, the global mean rating, and which reviews
 * the item vectors average (so that a model can take a training user's own review back out).
 *
 * <p>Thread-safety: immutable (arrays are shared; do not modify them).
 *
 * @param catalog the items, sorted by id
 * @param globalMean the mean of all visible ratings, 3.0 when there are none
 * @param reviewsInItemVectors the target reviews some item vector averages
 */
record VisibleCatalog(
    TrainingData.Catalog catalog, double globalMean, Set<Integer> reviewsInItemVectors) {

  /**
   * Builds the catalog.
   *
   * @param target the target reviews
   * @param visibleByItem the visible reviews of each item (oldest first), by item id
   * @param window which reviews make an item vector
   * @return the catalog
   */
  static VisibleCatalog build(
      DomainReviews target, SortedMap<String, List<Integer>> visibleByItem, ReviewWindow window) {
    List<String> itemIds = new ArrayList<>();
    List<float[]> itemVectors = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    List<Double> ratingSums = new ArrayList<>();
    List<Integer> vectorCounts = new ArrayList<>();
    Set<Integer> inItemVectors = new HashSet<>();
    double ratingTotal = 0;
    long ratingCount = 0;
    for (Map.Entry<String, List<Integer>> entry : visibleByItem.entrySet()) {
      List<Integer> reviews = entry.getValue();
      double sum = 0;
      for (int r : reviews) {
        sum += target.rating(r);
      }
      // Items without a review with text are not in the catalog, but their ratings count.
      ratingTotal += sum;
      ratingCount += reviews.size();
      List<Integer> withText = window.newestWithText(target, reviews);
      if (!withText.isEmpty()) {
        itemIds.add(entry.getKey());
        itemVectors.add(window.mean(target, withText));
        counts.add(reviews.size());
        ratingSums.add(sum);
        vectorCounts.add(withText.size());
        inItemVectors.addAll(withText);
      }
    }
    TrainingData.Catalog catalog =
        new TrainingData.Catalog(
            List.copyOf(itemIds),
            itemVectors.toArray(new float[0][]),
            counts.stream().mapToInt(Integer::intValue).toArray(),
            ratingSums.stream().mapToDouble(Double::doubleValue).toArray(),
            vectorCounts.stream().mapToInt(Integer::intValue).toArray());
    double globalMean = ratingCount == 0 ? 3.0 : ratingTotal / ratingCount;
    return new VisibleCatalog(catalog, globalMean, Set.copyOf(inItemVectors));
  }
}
