package io.github.racrec.training.catalog;

import io.github.racrec.onnx.catalog.ElementType;
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
 * @param elementType how the catalog stores its vectors
 * @param recallAt10VsFloat32 for bfloat16 and int8 catalogs, the share of the exact float32 top 10
 *     that the catalog returns (100 of its own items as queries); NaN for float32
 */
public record CatalogBuildReport(
    Path catalog,
    int items,
    int itemsSkipped,
    long reviews,
    long reviewsEncoded,
    long nanos,
    ElementType elementType,
    double recallAt10VsFloat32) {

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
    String recall =
        Double.isNaN(recallAt10VsFloat32)
            ? ""
            : String.format(
                Locale.ROOT, "; %s, recall@10 vs float32 %.4f", elementType, recallAt10VsFloat32);
    return String.format(
        Locale.ROOT,
        "%,d items from %,d reviews in %.1f s (%s); %,d item%s without a usable review skipped"
            + "%s -> %s",
        items,
        reviews,
        nanos / 1e9,
        speed,
        itemsSkipped,
        itemsSkipped == 1 ? "" : "s",
        recall,
        catalog);
  }
}
