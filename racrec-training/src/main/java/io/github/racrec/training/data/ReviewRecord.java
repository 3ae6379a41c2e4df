package io.github.racrec.training.data;

import java.util.Objects;

/**
 * One review as read from a data file, in the same shape whatever the release it came from.
 *
 * <p>Thread-safety: immutable.
 *
 * @param userId the reviewer's id ({@code user_id} or {@code reviewerID})
 * @param itemId the item's id ({@code parent_asin}, else {@code asin})
 * @param rating the star rating, 1 to 5
 * @param text the title (or summary) and the body, HTML line breaks removed; may be empty
 * @param timestampMillis when it was written, in milliseconds since the epoch
 */
public record ReviewRecord(
    String userId, String itemId, float rating, String text, long timestampMillis) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if an id or the text is null
   */
  public ReviewRecord {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(text, "text");
  }

  /**
   * Returns whether the review has any text to encode.
   *
   * @return {@code true} if the text is not blank
   */
  public boolean hasText() {
    return !text.isBlank();
  }
}
