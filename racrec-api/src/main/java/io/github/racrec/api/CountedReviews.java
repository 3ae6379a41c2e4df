package io.github.racrec.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The reviews that count in one {@link Recommender#recommend(List, int, Set)} call, chosen after
 * the checks that the contract of that method asks of every recommender.
 *
 * <p>{@link #select} is for implementations of {@link Recommender}: it rejects the arguments the
 * contract rejects, with the same exceptions and error codes, and applies the recommender's {@link
 * ReviewWindow}, so that every recommender checks its input in one way.
 *
 * <pre>{@code
 * CountedReviews counted = CountedReviews.select(window, sourceReviews, k, excludedItemIds);
 * float[][] vectors = encoder.encode(counted.texts());
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param indices the positions, in the list the caller passed, of the reviews that count, oldest
 *     first
 * @param reviews those reviews, in the same order
 */
public record CountedReviews(List<Integer> indices, List<Review> reviews) {

  /**
   * Copies the lists.
   *
   * @param indices the positions, in the list the caller passed, of the reviews that count, oldest
   *     first
   * @param reviews those reviews, in the same order
   * @throws NullPointerException if a list or an element is null
   * @throws IllegalArgumentException if the lists differ in length or an index is negative
   */
  public CountedReviews {
    indices = List.copyOf(indices);
    reviews = List.copyOf(reviews);
    if (indices.size() != reviews.size()) {
      throw new IllegalArgumentException(
          indices.size() + " indices for " + reviews.size() + " reviews: give one each");
    }
    for (int index : indices) {
      if (index < 0) {
        throw new IllegalArgumentException("indices must not be negative, got " + index);
      }
    }
  }

  /**
   * Checks the arguments of a {@link Recommender#recommend(List, int, Set)} call as its contract
   * says, and selects the reviews that count.
   *
   * @param window which of the user's reviews count
   * @param sourceReviews the reviews the caller passed
   * @param k how many items the caller asked for
   * @param excludedItemIds the item ids the caller excluded (only checked for null here)
   * @return the reviews that count, oldest first
   * @throws NullPointerException if an argument or an element of {@code sourceReviews} is null
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if {@code k < 1} or {@code
   *     sourceReviews} is empty, or with {@link ErrorCode#INVALID_INPUT} if the text of a review
   *     that counts is blank
   */
  public static CountedReviews select(
      ReviewWindow window, List<Review> sourceReviews, int k, Set<String> excludedItemIds) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(sourceReviews, "sourceReviews");
    Objects.requireNonNull(excludedItemIds, "excludedItemIds");
    if (k < 1) {
      throw new RacrecException(ErrorCode.INVALID_ARGUMENT, "k must be at least 1, got " + k);
    }
    if (sourceReviews.isEmpty()) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT, "a user needs at least one review to get recommendations");
    }
    int[] selected = window.selectIndices(sourceReviews);
    List<Integer> indices = new ArrayList<>(selected.length);
    List<Review> reviews = new ArrayList<>(selected.length);
    for (int index : selected) {
      Review review = sourceReviews.get(index);
      if (review.text().isBlank()) {
        throw new RacrecException(
            ErrorCode.INVALID_INPUT, "review " + index + " is empty or blank: it cannot count");
      }
      indices.add(index);
      reviews.add(review);
    }
    return new CountedReviews(indices, reviews);
  }

  /**
   * Returns how many reviews count.
   *
   * @return the number of reviews, at least 1 after {@link #select}
   */
  public int size() {
    return reviews.size();
  }

  /**
   * Returns the texts of the reviews that count, in order.
   *
   * @return the texts, an unmodifiable list
   */
  public List<String> texts() {
    return reviews.stream().map(Review::text).toList();
  }
}
