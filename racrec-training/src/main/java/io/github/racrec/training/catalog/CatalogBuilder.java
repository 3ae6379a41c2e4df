package io.github.racrec.training.catalog;

import io.github.racrec.api.Encoder;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.Progress;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.ItemTermBlend;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.CatalogWriter;
import io.github.racrec.onnx.catalog.ElementType;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.onnx.catalog.QuantizationRecall;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.eval.ReviewVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a catalog of item vectors from item reviews: each item's vector is the mean of the vectors
 * of its newest {@code K} review texts (see {@link NewestItemReviews}), scaled to unit length by
 * default so that inner products are cosines.
 *
 * <pre>{@code
 * NewestItemReviews reviews = new NewestItemReviews(ReviewWindow.DEFAULT);
 * ReviewFileReader.read(musicFile, reviews);
 * CatalogBuildReport report =
 *     CatalogBuilder.builder(encoder).build().write(reviews, ItemTitles.read(meta, id -> true), out);
 * }</pre>
 *
 * <p>Texts are encoded in large calls (the encoder batches and sorts them by length inside), and
 * progress is reported after each call. The catalog is written atomically: an interrupted build
 * leaves any earlier catalog in place.
 *
 * <p>Thread-safety: a built {@code CatalogBuilder} is immutable and may be shared; each build runs
 * on the calling thread.
 */
public final class CatalogBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogBuilder.class);
  private static final int RECALL_QUERIES = 100;

  private final Encoder encoder;
  private final ReviewVectors vectorStore;
  private final RacRecTowers itemTower;
  private final boolean normalize;
  private final int textsPerCall;
  private final ProgressListener progress;
  private final ElementType elementType;

  private CatalogBuilder(Builder builder) {
    this.elementType = builder.elementType;
    this.encoder = builder.encoder;
    this.vectorStore = builder.vectorStore;
    this.itemTower = builder.itemTower;
    this.normalize = builder.normalize && builder.itemTower == null;
    this.textsPerCall = builder.textsPerCall;
    this.progress = builder.progress;
  }

  /**
   * Returns a builder for catalogs made with this encoder.
   *
   * @param encoder the encoder; its fingerprint is recorded in the catalog
   * @return the builder
   */
  public static Builder builder(Encoder encoder) {
    return new Builder(Objects.requireNonNull(encoder, "encoder"));
  }

  /**
   * Encodes the collected reviews and writes the catalog.
   *
   * @param reviews each item's newest review texts
   * @param titles item titles; unknown items get an empty title
   * @param output the catalog file to write (replaced atomically)
   * @return what was built
   * @throws NullPointerException if an argument is null
   * @throws RacrecException if encoding or writing fails
   */
  public CatalogBuildReport write(NewestItemReviews reviews, ItemTitles titles, Path output) {
    Objects.requireNonNull(reviews, "reviews");
    Objects.requireNonNull(titles, "titles");
    Objects.requireNonNull(output, "output");
    long start = System.nanoTime();
    Map<String, List<String>> texts = reviews.textsByItem();
    List<String> itemIds = new ArrayList<>(texts.keySet());
    List<String> flat = new ArrayList<>();
    int[] firstText = new int[itemIds.size() + 1];
    for (int i = 0; i < itemIds.size(); i++) {
      firstText[i] = flat.size();
      flat.addAll(texts.get(itemIds.get(i)));
    }
    firstText[itemIds.size()] = flat.size();

    int dim = encoder.dimension();
    int[] encoded = {flat.size()};
    float[] vectors = encodeAll(flat, dim, encoded);
    float[][] items = new float[itemIds.size()][];
    for (int i = 0; i < itemIds.size(); i++) {
      items[i] = new float[dim];
      CatalogRecipe.meanInto(vectors, firstText[i], firstText[i + 1], dim, normalize, items[i]);
    }
    if (itemTower != null) {
      items = itemTower.itemVectors(items);
      if (itemTower.manifest().blendsItemTerms()) {
        items = withItemTerms(items, itemIds, reviews, itemTower.manifest().itemTerms());
      }
    }
    String fingerprint = itemTower != null ? itemTower.modelFingerprint() : encoder.fingerprint();
    try (CatalogWriter writer =
        CatalogWriter.create(
            output, items.length == 0 ? dimension() : items[0].length, fingerprint, elementType)) {
      CatalogRecipe.describe(
          writer,
          itemTower == null ? null : itemTower.manifest(),
          maxPerItem(firstText),
          normalize);
      for (int i = 0; i < itemIds.size(); i++) {
        writer.add(itemIds.get(i), titles.title(itemIds.get(i)), items[i]);
      }
      writer.commit();
    }
    CatalogBuildReport report =
        new CatalogBuildReport(
            output,
            itemIds.size(),
            reviews.itemsWithoutUsableReview(),
            flat.size(),
            encoded[0],
            System.nanoTime() - start,
            elementType,
            recallAgainstFloat32(items, output));
    LOG.info("Built catalog: {}", report.summary());
    return report;
  }

  /**
   * The recall@10 of a quantized catalog against its float32 vectors, with 100 of its own items as
   * queries; NaN for float32 catalogs.
   */
  private double recallAgainstFloat32(float[][] items, Path output) {
    if (elementType == ElementType.FLOAT32) {
      return Double.NaN;
    }
    try (ExactCatalogIndex index = ExactCatalogIndex.open(output)) {
      return QuantizationRecall.measure(
          items, index, QuantizationRecall.evenlySpaced(items, RECALL_QUERIES), 10);
    }
  }

  /** Encodes (or looks up) the texts; {@code encoded[0]} receives how many were encoded. */
  private float[] encodeAll(List<String> texts, int dim, int[] encoded) {
    float[] vectors = new float[Math.multiplyExact(texts.size(), dim)];
    progress.onProgress(new Progress("encoding reviews", 0, texts.size(), "reviews"));
    if (vectorStore != null) {
      encoded[0] = vectorStore.encodeAll(texts, progress);
      for (int i = 0; i < texts.size(); i++) {
        System.arraycopy(vectorStore.vector(texts.get(i)), 0, vectors, i * dim, dim);
      }
      return vectors;
    }
    for (int from = 0; from < texts.size(); from += textsPerCall) {
      int to = Math.min(texts.size(), from + textsPerCall);
      encoder.encodeInto(texts.subList(from, to), vectors, from * dim);
      progress.onProgress(new Progress("encoding reviews", to, texts.size(), "reviews"));
    }
    return vectors;
  }

  /**
   * Appends each item's mean rating and popularity to its vector, the item terms of a model that
   * blends them in (see {@link ItemTermBlend}).
   */
  private static float[][] withItemTerms(
      float[][] items, List<String> itemIds, NewestItemReviews reviews, ItemTermBlend blend) {
    float[][] extended = new float[items.length][];
    for (int i = 0; i < items.length; i++) {
      String id = itemIds.get(i);
      extended[i] =
          CatalogRecipe.withItemTerms(
              items[i], blend, reviews.ratingSum(id), reviews.reviewCount(id));
    }
    return extended;
  }

  /** The catalog's vector length: the model's catalog dimension, or the encoder's. */
  private int dimension() {
    return itemTower != null ? itemTower.manifest().catalogDimension() : encoder.dimension();
  }

  private static int maxPerItem(int[] firstText) {
    int max = 0;
    for (int i = 0; i + 1 < firstText.length; i++) {
      max = Math.max(max, firstText[i + 1] - firstText[i]);
    }
    return max;
  }

  /**
   * Configures a {@link CatalogBuilder}.
   *
   * <p>Thread-safety: not thread-safe.
   */
  public static final class Builder {
    private final Encoder encoder;
    private ReviewVectors vectorStore;
    private RacRecTowers itemTower;
    private boolean normalize = true;
    private int textsPerCall = 256;
    private ProgressListener progress = ProgressListener.none();
    private ElementType elementType = ElementType.FLOAT32;

    private Builder(Encoder encoder) {
      this.encoder = encoder;
    }

    /**
     * Sets how the catalog stores its vectors (default {@link ElementType#FLOAT32}). For bfloat16
     * and int8 the build measures recall@10 against the float32 vectors ({@link
     * CatalogBuildReport#recallAt10VsFloat32()}).
     *
     * @param elementType the element type
     * @return this builder
     */
    public Builder elementType(ElementType elementType) {
      this.elementType = Objects.requireNonNull(elementType, "elementType");
      return this;
    }

    /**
     * Sets whether item vectors are scaled to unit length. Default {@code true}, which the content
     * recommender requires.
     *
     * @param normalize {@code true} for unit-length item vectors
     * @return this builder
     */
    public Builder normalize(boolean normalize) {
      this.normalize = normalize;
      return this;
    }

    /**
     * Makes a catalog of RACRec item vectors: each item's mean review vector goes through the
     * model's item tower, and the catalog records the model's fingerprint. Such vectors are not
     * normalized. The towers must belong to this builder's encoder.
     *
     * @param towers the model whose item tower to apply (borrowed)
     * @return this builder
     * @throws RacrecException with {@link ErrorCode#MODEL_INCOMPATIBLE} if the model was trained on
     *     another encoder's vectors
     */
    public Builder itemTower(RacRecTowers towers) {
      Objects.requireNonNull(towers, "towers");
      if (!towers.manifest().encoderFingerprint().equals(encoder.fingerprint())) {
        throw new RacrecException(
            ErrorCode.MODEL_INCOMPATIBLE,
            "the RACRec model was trained on vectors of encoder "
                + towers.manifest().encoderFingerprint()
                + ", not of "
                + encoder.fingerprint());
      }
      this.itemTower = towers;
      return this;
    }

    /**
     * Takes review vectors from a store (encoding only the texts it lacks) instead of encoding
     * every text, e.g. to reuse the vectors a training run already computed. The store must use
     * this builder's encoder.
     *
     * @param store the vector store (borrowed)
     * @return this builder
     * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if the store uses another
     *     encoder
     */
    public Builder vectors(ReviewVectors store) {
      Objects.requireNonNull(store, "store");
      if (!store.fingerprint().equals(encoder.fingerprint())) {
        throw new RacrecException(
            ErrorCode.INVALID_ARGUMENT, "the vector store belongs to another encoder");
      }
      this.vectorStore = store;
      return this;
    }

    /**
     * Sets how many texts go to the encoder per call, which is also how often progress is reported.
     * Default 256.
     *
     * @param textsPerCall texts per call, at least 1
     * @return this builder
     * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if below 1
     */
    public Builder textsPerCall(int textsPerCall) {
      if (textsPerCall < 1) {
        throw new RacrecException(
            ErrorCode.INVALID_ARGUMENT, "textsPerCall must be at least 1, got " + textsPerCall);
      }
      this.textsPerCall = textsPerCall;
      return this;
    }

    /**
     * Sets who hears about progress. Default: nobody.
     *
     * @param progress the listener
     * @return this builder
     */
    public Builder progress(ProgressListener progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Returns the configured catalog builder; call {@link CatalogBuilder#write} on it.
     *
     * @return the catalog builder
     */
    public CatalogBuilder build() {
      return new CatalogBuilder(this);
    }
  }
}
