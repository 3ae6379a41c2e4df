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
 * @param reviews review texts the item vectors are made of
 * @param reviewsEncoded of those, texts encoded by this build (the others came from a vector store
 *     that already knew them)
 * @param nanos the time spent, encoding and writing
 */
public record CatalogBuildReport(
    Path catalog, int items, int itemsSkipped, long reviews, long reviewsEncoded, long nanos) {

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
    String speed =
        reviewsEncoded == 0
            ? "all vectors already known"
            : String.format(
                Locale.ROOT, "%,d encoded, %.0f reviews/s", reviewsEncoded, reviewsPerSecond());
    return String.format(
        Locale.ROOT,
        "%,d items from %,d reviews in %.1f s (%s); %,d item%s without a usable review skipped"
            + " -> %s",
        items,
        reviews,
        nanos / 1e9,
        speed,
        itemsSkipped,
        itemsSkipped == 1 ? "" : "s",
        catalog);
  }
}
