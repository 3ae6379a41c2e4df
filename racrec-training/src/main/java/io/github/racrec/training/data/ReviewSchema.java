package io.github.racrec.training.data;

/**
 * The releases of the Amazon review data, told apart by their field names.
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum ReviewSchema {
  /**
   * The 2014 and 2018 releases: {@code reviewerID, asin, overall, summary, reviewText,
   * unixReviewTime} (seconds).
   */
  AMAZON_2014_2018,
  /**
   * The 2023 release: {@code user_id, parent_asin, rating, title, text, timestamp} (milliseconds).
   */
  AMAZON_2023
}
