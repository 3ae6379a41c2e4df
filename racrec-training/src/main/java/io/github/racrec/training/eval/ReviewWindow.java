package io.github.racrec.training.eval;

import io.github.racrec.training.data.DomainReviews;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest reviews with text that make a user or item vector, and their mean vector.
 *
 * <p>Thread-safety: immutable; {@link #mean} reads vectors that must have been encoded before.
 */
final class ReviewWindow {
  private final ReviewVectors vectors;
  private final int size;

  /**
   * Creates a window.
   *
   * @param vectors where review vectors come from
   * @param size how many newest reviews with text make a vector
   */
  ReviewWindow(ReviewVectors vectors, int size) {
    this.vectors = vectors;
    this.size = size;
  }

  /**
   * Returns the newest {@link #size} reviews with text, oldest first.
   *
   * @param domain the reviews' domain
   * @param ordered review indexes, oldest first
   * @return the newest of them that have text, oldest first
   */
  List<Integer> newestWithText(DomainReviews domain, List<Integer> ordered) {
    List<Integer> withText = new ArrayList<>();
    for (int r : ordered) {
      if (domain.hasText(r)) {
        withText.add(r);
      }
    }
    return withText.subList(Math.max(0, withText.size() - size), withText.size());
  }

  /**
   * Returns the newest {@link #size} reviews with text, oldest first.
   *
   * @param domain the reviews' domain
   * @param ordered review indexes, oldest first
   * @return the newest of them that have text, oldest first
   */
  List<Integer> newestWithText(DomainReviews domain, int[] ordered) {
    return newestWithText(domain, boxed(ordered));
  }

  /**
   * Returns the mean of the reviews' vectors.
   *
   * @param domain the reviews' domain
   * @param reviews review indexes with text
   * @return the mean vector, all zeros for no reviews
   */
  float[] mean(DomainReviews domain, List<Integer> reviews) {
    float[] sum = new float[vectors.dimension()];
    if (reviews.isEmpty()) {
      return sum;
    }
    for (int r : reviews) {
      float[] vector = vectors.vector(domain.text(r));
      for (int j = 0; j < sum.length; j++) {
        sum[j] += vector[j];
      }
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] /= reviews.size();
    }
    return sum;
  }

  /**
   * Returns one review's vector.
   *
   * @param domain the review's domain
   * @param review a review index with text
   * @return its vector
   */
  float[] vector(DomainReviews domain, int review) {
    return vectors.vector(domain.text(review));
  }

  /**
   * Returns how many newest reviews make a vector.
   *
   * @return the window size
   */
  int size() {
    return size;
  }

  static List<Integer> boxed(int[] values) {
    List<Integer> list = new ArrayList<>(values.length);
    for (int value : values) {
      list.add(value);
    }
    return list;
  }
}
