package io.github.racrec.api;

import java.util.Objects;

/**
 * One search hit: an item of a catalog and its score for a query.
 *
 * <p>Thread-safety: immutable.
 *
 * @param ordinal the item's position in its catalog, from 0 to {@code size() - 1}
 * @param itemId the item's id, never null
 * @param score the score: the inner product of the query and the item's vector
 */
public record ScoredItem(int ordinal, String itemId, float score) {

  /**
   * Checks the components.
   *
   * @param ordinal the item's position in its catalog, from 0 to {@code size() - 1}
   * @param itemId the item's id, never null
   * @param score the score: the inner product of the query and the item's vector
   * @throws NullPointerException if {@code itemId} is null
   * @throws IllegalArgumentException if {@code ordinal} is negative
   */
  public ScoredItem {
    Objects.requireNonNull(itemId, "itemId");
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal must not be negative, got " + ordinal);
    }
  }
}
