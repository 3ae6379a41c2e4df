package io.github.racrec.examples.web;

import java.time.Duration;

/**
 * What one request may ask of the service, and how much work it takes on at once.
 *
 * @param maxBodyBytes the largest request body read; a longer one is answered 413
 * @param maxReviews the most reviews in one request
 * @param maxReviewChars the most characters in one review
 * @param maxK the most recommendations one request may ask for
 * @param workers recommendations computed at once (each uses the encoder and scans the catalog)
 * @param queueWait how long a request waits for a worker before it is answered 503
 */
public record ServiceLimits(
    int maxBodyBytes,
    int maxReviews,
    int maxReviewChars,
    int maxK,
    int workers,
    Duration queueWait) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if one is out of range
   */
  public ServiceLimits {
    if (maxBodyBytes < 1 || maxReviews < 1 || maxReviewChars < 1 || maxK < 1 || workers < 1) {
      throw new IllegalArgumentException("every limit must be at least 1");
    }
    if (queueWait.isNegative()) {
      throw new IllegalArgumentException("queueWait must not be negative");
    }
  }

  /**
   * Returns the defaults: 64 KiB bodies, 20 reviews of at most 5,000 characters, k up to 50, one
   * worker per processor, 2 s of waiting for one.
   *
   * @return the defaults
   */
  public static ServiceLimits defaults() {
    return new ServiceLimits(
        64 * 1024,
        20,
        5_000,
        50,
        Runtime.getRuntime().availableProcessors(),
        Duration.ofSeconds(2));
  }
}
