package io.github.racrec.training.catalog;

import io.github.racrec.onnx.ItemTermBlend;
import io.github.racrec.onnx.RacRecManifest;
import io.github.racrec.onnx.catalog.CatalogWriter;
import java.util.Arrays;

/**
 * What every catalog build shares, whichever engine runs it ({@link CatalogBuilder} on one machine,
 * the Spark build across many): how an item's review vectors become its mean, and the metadata that
 * describes the catalog's vectors. One copy, so that both builds give the same bits.
 *
 * <p>Thread-safety: stateless.
 */
public final class CatalogRecipe {
  private CatalogRecipe() {}

  /**
   * Writes an item's mean review vector: the rows {@code from} (inclusive) to {@code to}
   * (exclusive) of {@code vectors}, summed in that order in float, divided by their count, then
   * scaled to unit length if asked.
   *
   * @param vectors review vectors, one row of {@code dim} after another, oldest first
   * @param from the item's first row
   * @param to one past its last row (above {@code from})
   * @param dim the vector length
   * @param normalize whether to scale the mean to unit length
   * @param out receives the mean ({@code dim} values)
   */
  public static void meanInto(
      float[] vectors, int from, int to, int dim, boolean normalize, float[] out) {
    Arrays.fill(out, 0, dim, 0f);
    for (int r = from; r < to; r++) {
      for (int j = 0; j < dim; j++) {
        out[j] += vectors[r * dim + j];
      }
    }
    double squares = 0;
    for (int j = 0; j < dim; j++) {
      out[j] /= (to - from);
      squares += (double) out[j] * out[j];
    }
    if (normalize && squares > 0) {
      float scale = (float) (1 / Math.sqrt(squares));
      for (int j = 0; j < dim; j++) {
        out[j] *= scale;
      }
    }
  }

  /**
   * Returns an item vector with the item terms of a model that blends them in appended (see {@link
   * ItemTermBlend}).
   *
   * @param vector the item tower's vector
   * @param blend the model's item terms
   * @param ratingSum the sum of the item's ratings, reviews with or without text
   * @param reviewCount the item's reviews, with or without text
   * @return a new, longer vector
   */
  public static float[] withItemTerms(
      float[] vector, ItemTermBlend blend, double ratingSum, int reviewCount) {
    float[] terms = blend.catalogTerms(ratingSum, reviewCount);
    float[] extended = Arrays.copyOf(vector, vector.length + terms.length);
    System.arraycopy(terms, 0, extended, vector.length, terms.length);
    return extended;
  }

  /**
   * Records how the catalog's vectors were made.
   *
   * @param writer the catalog being written
   * @param model the RACRec model whose item tower made the vectors, or null for mean review
   *     vectors
   * @param reviewsPerItem the most reviews any item's vector was made of
   * @param normalized whether the vectors were scaled to unit length
   */
  public static void describe(
      CatalogWriter writer, RacRecManifest model, int reviewsPerItem, boolean normalized) {
    writer
        .metadata(
            "item-vector",
            model != null
                ? model.blendsItemTerms()
                    ? "RACRec item tower of the mean of the newest review vectors, then the"
                        + " shrunk mean rating and log(1 + reviews)"
                    : "RACRec item tower of the mean of the newest review vectors"
                : "mean of the newest review vectors")
        .metadata("reviews-per-item", Integer.toString(reviewsPerItem))
        .metadata("normalized", Boolean.toString(normalized));
  }
}
