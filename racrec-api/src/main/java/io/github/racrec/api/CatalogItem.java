package io.github.racrec.api;

import java.util.Objects;

/**
 * An item of a catalog: its id, a title for people to read, and its position in the catalog.
 *
 * <p>Thread-safety: immutable.
 *
 * @param ordinal the item's position in its catalog, from 0 to {@code size() - 1}
 * @param id the item's id (for Amazon data, its {@code parent_asin} or {@code asin})
 * @param title the item's title; empty when unknown, never null
 */
public record CatalogItem(int ordinal, String id, String title) {

  /**
   * Checks the components.
   *
   * @param ordinal the item's position in its catalog, from 0 to {@code size() - 1}
   * @param id the item's id (for Amazon data, its {@code parent_asin} or {@code asin})
   * @param title the item's title; empty when unknown, never null
   * @throws NullPointerException if {@code id} or {@code title} is null
   * @throws IllegalArgumentException if {@code ordinal} is negative
   */
  public CatalogItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal must not be negative, got " + ordinal);
    }
  }
}
