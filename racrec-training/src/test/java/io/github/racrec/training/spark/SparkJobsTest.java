package io.github.racrec.training.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.RacrecException;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Review;
import io.github.racrec.api.ReviewWindow;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.TinyBertModel;
import io.github.racrec.onnx.TransformerModel;
import io.github.racrec.onnx.catalog.CatalogFile;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.training.catalog.CatalogBuilder;
import io.github.racrec.training.catalog.NewestItemReviews;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.data.ReviewFileReader;
import io.github.racrec.training.data.ReviewRecord;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import io.github.racrec.training.eval.Split;
import io.github.racrec.training.racrec.RacRecConfig;
import io.github.racrec.training.racrec.RacRecPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark jobs against the one-machine code on the demo data, in local mode with two threads
 * ({@code local[2,2]}: a failed task is tried once more): the same review vectors, the same catalog
 * bit for bit, the same recommendations for every demo user, and a task that fails once leaves no
 * duplicate or missing row.
 */
class SparkJobsTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static Path encoderFolder;
  static OnnxTextEncoder encoder;
  static DemoData demo;
  static ItemTitles titles;
  static Path modelFolder;
  static EncoderSpec encoderSpec;
  static Dataset<Row> musicVectors;

  /** Failures injected so far; local mode runs tasks in this JVM. */
  static final AtomicInteger INJECTED = new AtomicInteger();

  @BeforeAll
  static void trainModelAndStartSpark() throws IOException {
    encoderFolder = new TinyBertModel(32, 512, false, 8).writeFolder(dir.resolve("encoder"));
    encoder = OnnxTextEncoder.builder().model(TransformerModel.fromFolder(encoderFolder)).build();
    demo = DemoGenerator.generate(DemoConfig.defaults(), dir.resolve("demo"));
    titles = ItemTitles.read(demo.musicMetaFile(), id -> true);
    CrossDomainDataset dataset =
        CrossDomainAssembler.assemble(
            List.of(demo.movieReviewFile()),
            List.of(demo.musicReviewFile()),
            AssemblyConfig.anyOverlap());
    RacRecPipeline.Result result =
        RacRecPipeline.run(
            dataset,
            Split.draw(dataset, 0.2, 0.1, 3),
            encoder,
            RacRecConfig.original().withEpochs(2),
            titles,
            dir.resolve("model-out"),
            ProgressListener.none());
    modelFolder = result.modelFolder();
    spark =
        SparkSession.builder()
            .master("local[2,2]")
            .appName("racrec-spark-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.host", "127.0.0.1")
            .getOrCreate();
    encoderSpec = EncoderSpec.folder(ShippedFile.folder(spark, encoderFolder));
    Dataset<Row> reviews = reviews(demo.musicReviewFile()).repartition(3);
    Path vectors = dir.resolve("music-vectors.parquet");
    SparkEncoding.encode(reviews, encoderSpec, 64).write().parquet(vectors.toString());
    musicVectors = spark.read().parquet(vectors.toString());
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (encoder != null) {
      encoder.close();
    }
  }

  @Test
  void read_gzip2014Plain2018And2023WithBadLines_sameRecordsAndSkipsAsLocalReader()
      throws Exception {
    Path gzip = dir.resolve("reviews-2014.json.gz");
    try (java.io.OutputStream out =
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip))) {
      Files.copy(fixture("reviews-2014.json"), out);
    }
    List<Path> files = List.of(gzip, fixture("reviews-2018.json"), fixture("reviews-2023.jsonl"));
    List<ReviewRecord> expected = new ArrayList<>();
    Map<io.github.racrec.training.data.SkipReason, Long> expectedSkips = new HashMap<>();
    for (Path file : files) {
      ReviewFileReader.read(file, expected::add)
          .skipped()
          .forEach((reason, count) -> expectedSkips.merge(reason, count, Long::sum));
    }
    SparkReviewFiles.Result read =
        SparkReviewFiles.read(spark, files.stream().map(Path::toString).toList());
    List<Row> rows =
        read.reviews().orderBy(SparkColumns.FILE_INDEX, SparkColumns.OFFSET).collectAsList();
    assertEquals(expected.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      ReviewRecord want = expected.get(i);
      Row got = rows.get(i);
      assertEquals(
          List.of(want.userId(), want.itemId(), want.rating(), want.timestampMillis(), want.text()),
          List.of(
              got.getString(1),
              got.getString(2),
              got.getFloat(3),
              got.getLong(4),
              got.getString(7)));
      assertEquals(SparkReviewFiles.reviewKey(want), got.getString(0));
    }
    assertTrue(!expectedSkips.isEmpty(), "the fixtures hold bad lines");
    expectedSkips.values().removeIf(count -> count == 0);
    assertEquals(expectedSkips, read.countSkipped());
    assertEquals(expectedSkips, read.countSkipped(), "counted again, the same");
  }

  private static Path fixture(String name) throws java.net.URISyntaxException {
    return Path.of(SparkJobsTest.class.getResource("/fixtures/" + name).toURI());
  }

  @Test
  void encode_everyReview_sameVectorAsEncoderAndFingerprintInParquet() {
    assertEquals(encoder.fingerprint(), SparkEncoding.encoderFingerprint(musicVectors));
    assertEquals(encoder.dimension(), SparkEncoding.dimension(musicVectors));
    Map<String, String> textByKey = new HashMap<>();
    for (ReviewRecord review : read(demo.musicReviewFile())) {
      textByKey.put(SparkReviewFiles.reviewKey(review), review.text());
    }
    List<Row> rows =
        musicVectors.select(SparkColumns.REVIEW_KEY, SparkColumns.VECTOR).collectAsList();
    assertEquals(demo.musicReviews(), rows.size());
    List<String> texts = new ArrayList<>();
    for (Row row : rows) {
      texts.add(textByKey.get(row.getString(0)));
    }
    float[][] expected = encoder.encode(texts);
    for (int i = 0; i < rows.size(); i++) {
      assertArrayEquals(
          expected[i], RowBatches.floats(rows.get(i).getList(1)), "review " + rows.get(i).get(0));
    }
  }

  @Test
  void catalog_sameReviewVectors_equalsCatalogBuilderBitForBit() throws IOException {
    Path sparkCatalog = dir.resolve("spark-racrec.rcat");
    SparkCatalogBuilder.builder()
        .itemTower(modelFolder)
        .titles(titles)
        .build()
        .write(spark, musicVectors, sparkCatalog);
    assertSameCatalog(localRacRecCatalog(dir.resolve("local-racrec.rcat")), sparkCatalog);
  }

  @Test
  void catalog_withoutModel_equalsContentCatalogBitForBit() throws IOException {
    Path sparkCatalog = dir.resolve("spark-content.rcat");
    SparkCatalogBuilder.builder().titles(titles).build().write(spark, musicVectors, sparkCatalog);
    Path localCatalog = dir.resolve("local-content.rcat");
    CatalogBuilder.builder(encoder).build().write(newestReviews(), titles, localCatalog);
    assertSameCatalog(localCatalog, sparkCatalog);
  }

  @Test
  void catalog_vectorsWithoutOrOfAnotherEncoder_refused() {
    Dataset<Row> unmarked =
        musicVectors.withColumn(
            SparkColumns.VECTOR,
            musicVectors.col(SparkColumns.VECTOR).as(SparkColumns.VECTOR, Metadata.empty()));
    RacrecException missing =
        assertThrows(
            RacrecException.class,
            () ->
                SparkCatalogBuilder.builder()
                    .build()
                    .write(spark, unmarked, dir.resolve("never.rcat")));
    assertEquals(ErrorCode.DATA_FORMAT, missing.code());

    Metadata otherEncoder =
        new MetadataBuilder()
            .putString(SparkColumns.ENCODER_FINGERPRINT, "another-encoder")
            .putLong(SparkColumns.DIMENSION, encoder.dimension())
            .build();
    Dataset<Row> foreign =
        musicVectors.withColumn(
            SparkColumns.VECTOR,
            musicVectors.col(SparkColumns.VECTOR).as(SparkColumns.VECTOR, otherEncoder));
    RacrecException mismatch =
        assertThrows(
            RacrecException.class,
            () ->
                SparkCatalogBuilder.builder()
                    .itemTower(modelFolder)
                    .build()
                    .write(spark, foreign, dir.resolve("never.rcat")));
    assertEquals(ErrorCode.MODEL_INCOMPATIBLE, mismatch.code());
    assertFalse(Files.exists(dir.resolve("never.rcat")));
  }

  @Test
  void recommend_everyDemoUser_equalsRecommender() throws IOException {
    Path catalog = localRacRecCatalog(dir.resolve("recommend.rcat"));
    Dataset<Row> users =
        SparkBatchRecommender.usersFromReviews(reviews(demo.movieReviewFile()).repartition(3));
    List<Row> rows =
        SparkBatchRecommender.recommend(spark, users, encoderSpec, modelFolder, catalog, 10)
            .collectAsList();
    Map<String, List<Row>> byUser = new HashMap<>();
    for (Row row : rows) {
      byUser.computeIfAbsent(row.getString(0), u -> new ArrayList<>()).add(row);
    }
    Map<String, List<Review>> sourceReviews = reviewsByUser(demo.movieReviewFile());
    assertEquals(sourceReviews.keySet(), byUser.keySet());
    try (RacRecTowers towers = RacRecTowers.open(modelFolder);
        ExactCatalogIndex index = ExactCatalogIndex.open(catalog);
        RacRecRecommender recommender = RacRecRecommender.create(encoder, towers, index)) {
      for (Map.Entry<String, List<Review>> user : sourceReviews.entrySet()) {
        List<Recommendation> expected = recommender.recommend(user.getValue(), 10, Set.of());
        List<Row> actual = new ArrayList<>(byUser.get(user.getKey()));
        actual.sort(Comparator.comparingInt(r -> r.getInt(1)));
        assertEquals(expected.size(), actual.size(), user.getKey());
        for (int i = 0; i < expected.size(); i++) {
          Recommendation want = expected.get(i);
          Row got = actual.get(i);
          String where = user.getKey() + " rank " + (i + 1);
          assertEquals(i + 1, got.getInt(1), where);
          assertEquals(want.itemId(), got.getString(2), where);
          assertEquals(want.title(), got.getString(3), where);
          assertEquals(want.score(), got.getDouble(4), 0.0, where);
          assertEquals(want.predictedRating().getAsDouble(), got.getDouble(5), 0.0, where);
          assertEquals(SparkBatchRecommender.strongestReview(want), got.getInt(6), where);
        }
      }
    }
  }

  @Test
  void encode_taskFailsOnce_retriedWithoutDuplicateOrMissingRows() {
    INJECTED.set(0);
    // The first attempt of one task fails after 100 rows, when its first call's vectors are
    // written.
    Dataset<Row> failingOnce =
        reviews(demo.musicReviewFile())
            .repartition(4)
            .mapPartitions(
                (MapPartitionsFunction<Row, Row>) SparkJobsTest::failingOnceAfter100Rows,
                Encoders.row(SparkColumns.REVIEWS));
    Path out = dir.resolve("retried-vectors.parquet");
    SparkEncoding.encode(failingOnce, encoderSpec, 64).write().parquet(out.toString());
    assertEquals(1, INJECTED.get(), "the failure was injected once");

    Map<String, float[]> expected = vectorsByKey(musicVectors);
    Map<String, float[]> actual = vectorsByKey(spark.read().parquet(out.toString()));
    assertEquals(expected.size(), actual.size());
    for (Map.Entry<String, float[]> entry : expected.entrySet()) {
      assertArrayEquals(entry.getValue(), actual.get(entry.getKey()), entry.getKey());
    }
  }

  /** Passes the rows on; the first attempt of partition 1 fails at its 100th row. */
  private static java.util.Iterator<Row> failingOnceAfter100Rows(java.util.Iterator<Row> rows) {
    TaskContext task = TaskContext.get();
    boolean fail = task.partitionId() == 1 && task.attemptNumber() == 0;
    return new java.util.Iterator<>() {
      private int seen;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row row = rows.next();
        if (fail && ++seen == 100 && INJECTED.compareAndSet(0, 1)) {
          throw new IllegalStateException("injected failure, first attempt");
        }
        return row;
      }
    };
  }

  private static Map<String, float[]> vectorsByKey(Dataset<Row> vectors) {
    List<Row> rows = vectors.select(SparkColumns.REVIEW_KEY, SparkColumns.VECTOR).collectAsList();
    Map<String, float[]> byKey = new HashMap<>();
    for (Row row : rows) {
      float[] previous = byKey.put(row.getString(0), RowBatches.floats(row.getList(1)));
      assertTrue(previous == null, "duplicate row " + row.getString(0));
    }
    return byKey;
  }

  private static void assertSameCatalog(Path expectedPath, Path actualPath) {
    try (CatalogFile expected = CatalogFile.open(expectedPath);
        CatalogFile actual = CatalogFile.open(actualPath)) {
      assertEquals(expected.size(), actual.size());
      assertTrue(expected.size() > 0);
      assertEquals(expected.dimension(), actual.dimension());
      assertEquals(expected.modelFingerprint(), actual.modelFingerprint());
      assertEquals(expected.metadata(), actual.metadata());
      float[] want = new float[expected.dimension()];
      float[] got = new float[actual.dimension()];
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.id(i), actual.id(i));
        assertEquals(expected.title(i), actual.title(i));
        expected.copyVector(i, want, 0);
        actual.copyVector(i, got, 0);
        assertArrayEquals(want, got, expected.id(i));
      }
    }
  }

  private static Dataset<Row> reviews(Path file) {
    return SparkReviewFiles.read(spark, List.of(file.toString())).reviews();
  }

  private static List<ReviewRecord> read(Path file) {
    List<ReviewRecord> records = new ArrayList<>();
    ReviewFileReader.read(file, records::add);
    return records;
  }

  /** The RACRec catalog CatalogBuilder makes of the demo music reviews. */
  private static Path localRacRecCatalog(Path file) {
    try (RacRecTowers towers = RacRecTowers.open(modelFolder)) {
      CatalogBuilder.builder(encoder)
          .itemTower(towers)
          .build()
          .write(newestReviews(), titles, file);
    }
    return file;
  }

  private static NewestItemReviews newestReviews() {
    NewestItemReviews reviews = new NewestItemReviews(ReviewWindow.DEFAULT);
    ReviewFileReader.read(demo.musicReviewFile(), reviews);
    return reviews;
  }

  /** Each user's reviews with text, by time and then file order, as the Spark users table has. */
  private static Map<String, List<Review>> reviewsByUser(Path file) {
    Map<String, List<ReviewRecord>> byUser = new LinkedHashMap<>();
    for (ReviewRecord review : read(file)) {
      if (review.hasText()) {
        byUser.computeIfAbsent(review.userId(), u -> new ArrayList<>()).add(review);
      }
    }
    Map<String, List<Review>> result = new HashMap<>();
    byUser.forEach(
        (user, records) -> {
          List<ReviewRecord> sorted = new ArrayList<>(records);
          sorted.sort(Comparator.comparingLong(ReviewRecord::timestampMillis));
          result.put(
              user,
              sorted.stream()
                  .map(
                      r ->
                          Review.of(
                              r.text(), r.rating(), Instant.ofEpochMilli(r.timestampMillis())))
                  .toList());
        });
    return result;
  }
}
