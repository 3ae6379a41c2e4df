package io.github.racrec.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One review a user wrote: its text, and optionally the rating they gave and when they wrote it.
 *
 * <p>The text is kept as given. Whether a blank text is acceptable is up to the component that
 * consumes it; the encoders reject it with {@link ErrorCode#INVALID_INPUT}.
 *
 * <p>The timestamp decides which reviews count when a user has more than a {@link ReviewWindow}
 * holds: see {@link ReviewWindow#select(java.util.List)}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param text the review text (title and body), never null
 * @param rating the rating the user gave, if known; finite when present
 * @param timestamp when the review was written, if known
 */
public record Review(String text, OptionalDouble rating, Optional<Instant> timestamp) {

  /**
   * Checks the components.
   *
   * @param text the review text (title and body), never null
   * @param rating the rating the user gave, if known; finite when present
   * @param timestamp when the review was written, if known
   * @throws NullPointerException if any component is null
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if the rating is NaN or
   *     infinite
   */
  public Review {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(timestamp, "timestamp");
    if (rating.isPresent() && !Double.isFinite(rating.getAsDouble())) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT, "review rating must be finite, got " + rating.getAsDouble());
    }
  }

  /**
   * Creates a review with only a text.
   *
   * @param text the review text
   * @return the review
   * @throws NullPointerException if {@code text} is null
   */
  public static Review of(String text) {
    return new Review(text, OptionalDouble.empty(), Optional.empty());
  }

  /**
   * Creates a review with a text and the time it was written.
   *
   * @param text the review text
   * @param timestamp when it was written
   * @return the review
   * @throws NullPointerException if an argument is null
   */
  public static Review of(String text, Instant timestamp) {
    return new Review(text, OptionalDouble.empty(), Optional.of(timestamp));
  }

  /**
   * Creates a review with a text, a rating and the time it was written.
   *
   * @param text the review text
   * @param rating the rating given, finite
   * @param timestamp when it was written
   * @return the review
   * @throws NullPointerException if {@code text} or {@code timestamp} is null
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if the rating is not finite
   */
  public static Review of(String text, double rating, Instant timestamp) {
    return new Review(text, OptionalDouble.of(rating), Optional.of(timestamp));
  }
}
