package io.github.racrec.training.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.api.ReviewWindow;
import io.github.racrec.onnx.ItemTermBlend;
import io.github.racrec.onnx.RacRecManifest;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.CatalogWriter;
import io.github.racrec.onnx.catalog.ElementType;
import io.github.racrec.training.catalog.CatalogBuildReport;
import io.github.racrec.training.catalog.CatalogRecipe;
import io.github.racrec.training.data.ItemTitles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a catalog from a table of review vectors on Spark: the executors pick each item's newest
 * {@code K} review vectors, average them and run the model's item tower; the driver streams the
 * item vectors, in item order, into one catalog file through {@link CatalogWriter}, the same
 * format, checksums, fingerprints and metadata as {@link
 * io.github.racrec.training.catalog.CatalogBuilder}.
 *
 * <p>Same inputs, same bits: the mean is {@link CatalogRecipe#meanInto} over the same reviews
 * (newest by timestamp, ties broken by file and position as the one-machine reader's stream order
 * does), summed oldest first; the item tower runs a few hundred items per call instead of 4,096,
 * which the tests check gives the same vectors. Items are written in Spark's string order (UTF-8
 * bytes), which is {@code CatalogBuilder}'s order for every id below U+E000 (all Amazon ids).
 *
 * <p>The driver holds no item vectors, only titles ({@link ItemTitles}) and one partition at a
 * time. Float32 catalogs only; build a quantized one from it on one machine.
 *
 * <p>Thread-safety: a built {@code SparkCatalogBuilder} is immutable; call {@link #write} from the
 * driver.
 */
public final class SparkCatalogBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(SparkCatalogBuilder.class);
  private static final StructType ITEM_VECTORS =
      new StructType()
          .add(SparkColumns.ITEM, DataTypes.StringType, false)
          .add(SparkColumns.VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), false)
          .add("texts", DataTypes.IntegerType, false);

  private final Path modelFolder;
  private final ReviewWindow window;
  private final ItemTitles titles;
  private final int itemsPerCall;

  private SparkCatalogBuilder(Builder builder) {
    this.modelFolder = builder.modelFolder;
    this.window = builder.window;
    this.titles = builder.titles;
    this.itemsPerCall = builder.itemsPerCall;
  }

  /**
   * Returns a builder; without {@link Builder#itemTower} the catalog holds unit-length mean review
   * vectors (the content recommender's catalog).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds the catalog and writes it (atomically: a failed build leaves any earlier file in place).
   *
   * @param spark the session
   * @param reviewVectors a table of {@link SparkColumns#REVIEW_VECTORS}, as {@link
   *     SparkEncoding#encode} makes it
   * @param output the catalog file, on the driver
   * @return what was built
   * @throws RacrecException with {@link ErrorCode#MODEL_INCOMPATIBLE} if the model was trained on
   *     another encoder's vectors, {@link ErrorCode#DATA_FORMAT} if the table has no encoder
   *     fingerprint, or an error of writing the catalog
   */
  public CatalogBuildReport write(SparkSession spark, Dataset<Row> reviewVectors, Path output) {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(reviewVectors, "reviewVectors");
    Objects.requireNonNull(output, "output");
    long start = System.nanoTime();
    String encoderFingerprint = SparkEncoding.encoderFingerprint(reviewVectors);
    int inputDimension = SparkEncoding.dimension(reviewVectors);
    RacRecManifest manifest = modelFolder == null ? null : RacRecManifest.read(modelFolder);
    if (manifest != null && !manifest.encoderFingerprint().equals(encoderFingerprint)) {
      throw new RacrecException(
          ErrorCode.MODEL_INCOMPATIBLE,
          "the RACRec model was trained on vectors of encoder "
              + manifest.encoderFingerprint()
              + ", but the review vectors are of "
              + encoderFingerprint
              + ": encode the reviews with the model's encoder");
    }
    ShippedFile model = modelFolder == null ? null : ShippedFile.folder(spark, modelFolder);
    // Read three times (counts, newest reviews, items with reviews): kept, not recomputed.
    Dataset<Row> input = reviewVectors.persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> items = itemVectors(input, model).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row totals = items.agg(count(lit(1)), sum("texts"), max("texts")).first();
      long itemCount = totals.getLong(0);
      long texts = itemCount == 0 ? 0 : totals.getLong(1);
      int reviewsPerItem = itemCount == 0 ? 0 : totals.getInt(2);
      long itemsWithReviews = reviewVectors.select(SparkColumns.ITEM).distinct().count();
      String fingerprint;
      int dimension;
      if (manifest != null) {
        // Opening the towers recomputes their fingerprint: a damaged model fails here, not in
        // tasks.
        try (RacRecTowers towers = RacRecTowers.open(modelFolder)) {
          fingerprint = towers.modelFingerprint();
        }
        dimension = manifest.catalogDimension();
      } else {
        fingerprint = encoderFingerprint;
        dimension = inputDimension;
      }
      try (CatalogWriter writer =
          CatalogWriter.create(output, dimension, fingerprint, ElementType.FLOAT32)) {
        CatalogRecipe.describe(writer, manifest, reviewsPerItem, manifest == null);
        Iterator<Row> sorted = items.orderBy(SparkColumns.ITEM).toLocalIterator();
        while (sorted.hasNext()) {
          Row row = sorted.next();
          String id = row.getString(0);
          writer.add(id, titles.title(id), RowBatches.floats(row.getList(1)));
        }
        writer.commit();
      }
      CatalogBuildReport report =
          new CatalogBuildReport(
              output,
              Math.toIntExact(itemCount),
              Math.toIntExact(itemsWithReviews - itemCount),
              Math.toIntExact(texts),
              0,
              System.nanoTime() - start,
              ElementType.FLOAT32,
              Double.NaN);
      LOG.info("Built catalog on Spark: {}", report.summary());
      return report;
    } finally {
      items.unpersist();
      input.unpersist();
    }
  }

  /** Each item with text: its vector and how many review vectors made it. */
  private Dataset<Row> itemVectors(Dataset<Row> reviewVectors, ShippedFile model) {
    Dataset<Row> stats =
        reviewVectors
            .groupBy(SparkColumns.ITEM)
            .agg(count(lit(1)).as("reviews"), sum(SparkColumns.RATING).as("rating_sum"));
    WindowSpec newestFirst =
        Window.partitionBy(SparkColumns.ITEM)
            .orderBy(
                col(SparkColumns.TIMESTAMP).desc(),
                col(SparkColumns.FILE_INDEX).desc(),
                col(SparkColumns.OFFSET).desc());
    Dataset<Row> newest =
        reviewVectors
            .filter(col(SparkColumns.VECTOR).isNotNull())
            .withColumn("age", row_number().over(newestFirst))
            .filter(col("age").leq(window.size()))
            .groupBy(SparkColumns.ITEM)
            .agg(collect_list(struct(col("age"), col(SparkColumns.VECTOR))).as("newest"));
    Dataset<Row> joined =
        newest
            .join(stats, SparkColumns.ITEM)
            .select(col(SparkColumns.ITEM), col("newest"), col("reviews"), col("rating_sum"));
    boolean normalize = model == null;
    int perCall = itemsPerCall;
    return joined.mapPartitions(
        (MapPartitionsFunction<Row, Row>)
            rows -> new RowBatches(rows, perCall, new ItemVectors(model, normalize)::call),
        Encoders.row(ITEM_VECTORS));
  }

  /** Averages a call's worth of items and runs them through the item tower together. */
  private static final class ItemVectors {
    private final RacRecTowers towers;
    private final ItemTermBlend blend;
    private final boolean normalize;

    ItemVectors(ShippedFile model, boolean normalize) {
      this.towers = model == null ? null : ExecutorResources.towers(model);
      this.blend =
          towers != null && towers.manifest().blendsItemTerms()
              ? towers.manifest().itemTerms()
              : null;
      this.normalize = normalize;
    }

    List<Row> call(List<Row> batch) {
      float[][] means = new float[batch.size()][];
      int[] texts = new int[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        List<Row> newest = new ArrayList<>(batch.get(i).getList(1));
        // Oldest first, the order CatalogBuilder sums in.
        newest.sort(Comparator.comparingInt((Row r) -> r.getInt(0)).reversed());
        int dim = newest.get(0).getList(1).size();
        float[] flat = new float[newest.size() * dim];
        for (int r = 0; r < newest.size(); r++) {
          System.arraycopy(RowBatches.floats(newest.get(r).getList(1)), 0, flat, r * dim, dim);
        }
        means[i] = new float[dim];
        CatalogRecipe.meanInto(flat, 0, newest.size(), dim, normalize, means[i]);
        texts[i] = newest.size();
      }
      float[][] vectors = towers == null ? means : towers.itemVectors(means);
      List<Row> out = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        Row row = batch.get(i);
        float[] vector =
            blend == null
                ? vectors[i]
                : CatalogRecipe.withItemTerms(
                    vectors[i], blend, row.getDouble(3), Math.toIntExact(row.getLong(2)));
        out.add(RowFactory.create(row.getString(0), RowBatches.boxed(vector), texts[i]));
      }
      return out;
    }
  }

  /**
   * Configures a {@link SparkCatalogBuilder}.
   *
   * <p>Thread-safety: not thread-safe.
   */
  public static final class Builder {
    private Path modelFolder;
    private ReviewWindow window = ReviewWindow.DEFAULT;
    private ItemTitles titles = ItemTitles.none();
    private int itemsPerCall = 256;

    private Builder() {}

    /**
     * Makes a catalog of RACRec item vectors with this model's item tower (the folder is shipped to
     * the executors).
     *
     * @param modelFolder the exported model, on the driver
     * @return this builder
     */
    public Builder itemTower(Path modelFolder) {
      this.modelFolder = Objects.requireNonNull(modelFolder, "modelFolder");
      return this;
    }

    /**
     * Sets how many of each item's newest reviews make its vector (default {@link
     * ReviewWindow#DEFAULT}).
     *
     * @param window the window
     * @return this builder
     */
    public Builder window(ReviewWindow window) {
      this.window = Objects.requireNonNull(window, "window");
      return this;
    }

    /**
     * Sets the item titles (default: none, empty titles). They are read on the driver.
     *
     * @param titles the titles
     * @return this builder
     */
    public Builder titles(ItemTitles titles) {
      this.titles = Objects.requireNonNull(titles, "titles");
      return this;
    }

    /**
     * Sets how many items go through the item tower per call. Default 256.
     *
     * @param itemsPerCall items per call, at least 1
     * @return this builder
     * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if below 1
     */
    public Builder itemsPerCall(int itemsPerCall) {
      if (itemsPerCall < 1) {
        throw new RacrecException(
            ErrorCode.INVALID_ARGUMENT, "itemsPerCall must be at least 1, got " + itemsPerCall);
      }
      this.itemsPerCall = itemsPerCall;
      return this;
    }

    /**
     * Returns the configured builder.
     *
     * @return the catalog builder
     */
    public SparkCatalogBuilder build() {
      return new SparkCatalogBuilder(this);
    }
  }
}
