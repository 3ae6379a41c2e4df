package io.github.racrec.training.catalog;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What a catalog build did.
 *
 * <p>Thread-safety: immutable.
 *
 * @param catalog the catalog file written
 * @param items items in the catalog
 * @param itemsSkipped items that had reviews but none with text, left out
 * @param reviewsEncoded review texts encoded
 * @param nanos the time spent, encoding and writing
 */
public record CatalogBuildReport(
    Path catalog, int items, int itemsSkipped, long reviewsEncoded, long nanos) {

  /**
   * Returns the encoding throughput.
   *
   * @return reviews encoded per second
   */
  public double reviewsPerSecond() {
    return nanos == 0 ? 0 : reviewsEncoded / (nanos / 1e9);
  }

  /**
   * Returns a one-line summary with the throughput.
   *
   * @return the summary
   */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%,d items from %,d reviews in %.1f s (%.0f reviews/s); %,d item%s without a usable review"
            + " skipped -> %s",
        items,
        reviewsEncoded,
        nanos / 1e9,
        reviewsPerSecond(),
        itemsSkipped,
        itemsSkipped == 1 ? "" : "s",
        catalog);
  }
}
