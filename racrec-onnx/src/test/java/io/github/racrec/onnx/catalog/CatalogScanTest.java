package io.github.racrec.onnx.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ScoredItem;
import io.github.racrec.onnx.catalog.ScanSettings.Kernel;
import io.github.racrec.onnx.catalog.ScanSettings.Residency;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fast path (kernel x element type x residency x threads, single queries and batches) returns
 * the top 10 of a plain double-precision scan: the same items for float32 except exact near-ties,
 * and a high recall for the quantized types.
 */
class CatalogScanTest {
  static final int N = 3001; // odd, and not a multiple of any block or thread split
  static final int K = 10;
  static final int QUERIES = 70; // a full group of 64 (AVX-512) and a partial one

  @TempDir static Path dir;
  static float[][] queries;
  static final java.util.Map<String, float[][]> VECTORS = new java.util.HashMap<>();

  @BeforeAll
  static void vectors() {
    Random random = new Random(11);
    for (int dim : new int[] {64, 100}) {
      float[][] vectors = new float[N][dim];
      for (float[] vector : vectors) {
        for (int j = 0; j < dim; j++) {
          vector[j] = (float) random.nextGaussian();
        }
      }
      VECTORS.put("d" + dim, vectors);
    }
    queries = new float[QUERIES][];
  }

  static Stream<Arguments> paths() {
    List<Arguments> cases = new ArrayList<>();
    for (Kernel kernel : new Kernel[] {Kernel.SCALAR, Kernel.VECTOR_API}) {
      for (ElementType type : ElementType.values()) {
        for (Residency residency : new Residency[] {Residency.HEAP, Residency.MAPPED}) {
          for (int threads : new int[] {1, 2}) {
            for (int dim : new int[] {64, 100}) {
              cases.add(Arguments.of(kernel, type, residency, threads, dim));
            }
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} threads={3} d={4}")
  @MethodSource("paths")
  void fastPathsFindThePlainScansTopTen(
      Kernel kernel, ElementType type, Residency residency, int threads, int dim) {
    float[][] vectors = VECTORS.get("d" + dim);
    Path file = write(vectors, type);
    // Chunks of 700 rows: blocks and thread ranges must be exact across chunk borders.
    CatalogFile catalog = CatalogFile.open(file, 700L * dim * type.bytesPerComponent());
    float[][] batch = randomQueries(dim, new Random(dim + type.ordinal()));
    try (ExactCatalogIndex index =
        ExactCatalogIndex.of(catalog, new ScanSettings(threads, residency, kernel))) {
      List<List<ScoredItem>> batched = index.searchBatch(batch, K);
      int found = 0;
      for (int q = 0; q < batch.length; q++) {
        List<ScoredItem> single = index.search(batch[q], K, Set.of());
        double[] truth = exactScores(vectors, batch[q]);
        int[] best = topOrdinals(truth);
        if (type == ElementType.FLOAT32) {
          assertSameTopTen(truth, best, single);
          assertSameTopTen(truth, best, batched.get(q));
        } else {
          found += overlap(best, single);
          assertEquals(ordinals(single), ordinals(batched.get(q)), "batch differs from single");
        }
      }
      if (type != ElementType.FLOAT32) {
        double recall = found / (double) (K * batch.length);
        assertTrue(recall >= 0.9, type + " recall@10 " + recall);
      }
    }
  }

  /**
   * A batch too small to split its queries splits the rows between the threads and merges; each
   * query still ends as its single search does.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(ElementType.class)
  void smallBatchesOnTwoThreadsEndAsSingleSearches(ElementType type) {
    float[][] vectors = VECTORS.get("d64");
    try (ExactCatalogIndex index =
        ExactCatalogIndex.of(
            CatalogFile.open(write(vectors, type)), ScanSettings.defaults().withThreads(2))) {
      for (int size : new int[] {1, 5}) { // one query: fewer than the threads that finish
        float[][] batch = Arrays.copyOf(randomQueries(64, new Random(8)), size);
        List<List<ScoredItem>> batched = index.searchBatch(batch, K);
        for (int q = 0; q < batch.length; q++) {
          List<ScoredItem> single = index.search(batch[q], K, Set.of());
          assertEquals(ordinals(single), ordinals(batched.get(q)), type + " query " + q);
        }
      }
    }
  }

  @Test
  void excludedItemsAreSkippedOnEveryThread() {
    float[][] vectors = VECTORS.get("d64");
    Path file = write(vectors, ElementType.FLOAT32);
    float[] query = randomQueries(64, new Random(5))[0];
    try (ExactCatalogIndex index =
        ExactCatalogIndex.of(CatalogFile.open(file), ScanSettings.defaults().withThreads(2))) {
      List<ScoredItem> first = index.search(query, K, Set.of());
      Set<String> excluded = new HashSet<>();
      for (ScoredItem item : first) {
        excluded.add(item.itemId());
      }
      List<ScoredItem> next = index.search(query, K, excluded);
      assertEquals(K, next.size());
      for (ScoredItem item : next) {
        assertTrue(!excluded.contains(item.itemId()), item.itemId() + " was excluded");
        assertTrue(item.score() <= first.get(K - 1).score());
      }
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(ElementType.class)
  void storedVectorsReadBackWithinTheirTypesRounding(ElementType type) {
    float[][] vectors = VECTORS.get("d100");
    try (CatalogFile catalog = CatalogFile.open(write(vectors, type))) {
      assertEquals(type, catalog.elementType());
      float[] read = new float[100];
      for (int i = 0; i < N; i += 97) {
        if (type == ElementType.INT8) {
          float[] exact = new float[100];
          catalog.copyVector(i, exact, 0);
          assertArrayEquals(vectors[i], exact, 0f, "int8 catalogs keep the float32 vectors");
          catalog.copyRoundedVector(i, read, 0);
        } else {
          catalog.copyVector(i, read, 0);
        }
        float max = 0f;
        for (float v : vectors[i]) {
          max = Math.max(max, Math.abs(v));
        }
        for (int j = 0; j < read.length; j++) {
          float expected = vectors[i][j];
          double tolerance =
              switch (type) {
                case FLOAT32 -> 0;
                case BFLOAT16 -> Math.abs(expected) / 256; // 8 significant bits, rounded
                case INT8 -> max / 127 / 2 * 1.0001; // half a quantization step
              };
          assertEquals(expected, read[j], tolerance, type + " item " + i + " component " + j);
        }
      }
    }
  }

  @Test
  void float32IndexHasFullRecallAndInt8HasHighRecall() {
    float[][] vectors = VECTORS.get("d64");
    float[][] batch = randomQueries(64, new Random(3));
    try (ExactCatalogIndex exact = ExactCatalogIndex.open(write(vectors, ElementType.FLOAT32));
        ExactCatalogIndex int8 = ExactCatalogIndex.open(write(vectors, ElementType.INT8))) {
      assertEquals(1.0, QuantizationRecall.measure(vectors, exact, batch, K));
      double recall = QuantizationRecall.measure(vectors, int8, batch, K);
      assertTrue(recall >= 0.99, "int8 recall with exact re-ranking " + recall);
    }
  }

  static Stream<Arguments> kernelsAndThreads() {
    return Stream.of(
        Arguments.of(Kernel.SCALAR, 1),
        Arguments.of(Kernel.SCALAR, 2),
        Arguments.of(Kernel.VECTOR_API, 1),
        Arguments.of(Kernel.VECTOR_API, 2));
  }

  /**
   * An int8 batch keeps exactly the candidates of single searches, scores bit for bit: its float32
   * sums of integers are exact. d = 2,048 with a flat query (every component at the maximum) makes
   * sums that would pass 2^24 at full steps (128 x 127 x 2,048), so the query's steps must become
   * coarser to stay exact. On two threads the rows are split and merged (rows this long do not
   * split queries; {@link #fastPathsFindThePlainScansTopTen} covers that at d = 64 and 100).
   */
  @ParameterizedTest(name = "{0} threads={1}")
  @MethodSource("kernelsAndThreads")
  void int8BatchCandidatesAreTheSingleSearchesBitForBit(Kernel kernel, int threads) {
    int dim = 2048;
    Random random = new Random(21);
    float[][] vectors = new float[2100][dim]; // enough rows for two scan threads
    for (float[] vector : vectors) {
      for (int j = 0; j < dim; j++) {
        vector[j] = random.nextBoolean() ? 1f : -1f; // every stored byte at +-127
      }
    }
    float[][] batch = randomQueries(dim, random);
    Arrays.fill(batch[0], 1f);
    batch[1] = vectors[3].clone();
    ScanKernel scanKernel =
        kernel == Kernel.SCALAR ? ScalarScanKernel.INSTANCE : ScanKernels.vectorApi();
    try (CatalogFile catalog = CatalogFile.open(write(vectors, ElementType.INT8));
        CatalogScanner scanner =
            new CatalogScanner(StoredVectors.of(catalog, true), scanKernel, threads)) {
      assertEquals(threads, scanner.threads());
      TopK[] batched = scanner.scanBatch(batch, 40);
      for (int q = 0; q < batch.length; q++) {
        TopK single = scanner.scan(batch[q], 40, new java.util.BitSet());
        float[] singleScores = new float[40];
        int[] singleOrdinals = new int[40];
        float[] batchScores = new float[40];
        int[] batchOrdinals = new int[40];
        single.drainBestFirst(singleScores, singleOrdinals);
        batched[q].drainBestFirst(batchScores, batchOrdinals);
        assertArrayEquals(singleOrdinals, batchOrdinals, "query " + q);
        assertArrayEquals(singleScores, batchScores, 0f, "query " + q);
      }
    }
  }

  @Test
  void automaticKernelIsTheVectorApiWhereTheModuleIsPresent() {
    assertNotNull(ScanKernels.vectorApi(), "tests run with --add-modules jdk.incubator.vector");
    assertTrue(ScanKernels.best().name().startsWith("vector-api"));
  }

  /** Scores must match the exact ones; items may differ only where exact scores nearly tie. */
  private static void assertSameTopTen(double[] truth, int[] best, List<ScoredItem> found) {
    assertEquals(K, found.size());
    double tenth = truth[best[K - 1]];
    for (int i = 0; i < K; i++) {
      ScoredItem item = found.get(i);
      double exact = truth[item.ordinal()];
      assertEquals(exact, item.score(), 1e-4 * (1 + Math.abs(exact)), "score of " + item);
      assertEquals(truth[best[i]], exact, 1e-4 * (1 + Math.abs(exact)), "rank " + i);
      assertTrue(exact >= tenth - 1e-4 * (1 + Math.abs(tenth)), item + " is not in the top 10");
    }
  }

  private static int overlap(int[] best, List<ScoredItem> found) {
    Set<Integer> truth = new HashSet<>();
    for (int ordinal : best) {
      truth.add(ordinal);
    }
    int hits = 0;
    for (ScoredItem item : found) {
      hits += truth.contains(item.ordinal()) ? 1 : 0;
    }
    return hits;
  }

  private static List<Integer> ordinals(List<ScoredItem> items) {
    return items.stream().map(ScoredItem::ordinal).toList();
  }

  private static double[] exactScores(float[][] vectors, float[] query) {
    double[] scores = new double[vectors.length];
    for (int i = 0; i < vectors.length; i++) {
      double sum = 0;
      for (int j = 0; j < query.length; j++) {
        sum += (double) query[j] * vectors[i][j];
      }
      scores[i] = sum;
    }
    return scores;
  }

  private static int[] topOrdinals(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    int[] best = new int[K];
    for (int i = 0; i < K; i++) {
      best[i] = order[i];
    }
    return best;
  }

  private static float[][] randomQueries(int dim, Random random) {
    float[][] batch = new float[QUERIES][dim];
    for (float[] query : batch) {
      for (int j = 0; j < dim; j++) {
        query[j] = (float) random.nextGaussian();
      }
    }
    return batch;
  }

  private static Path write(float[][] vectors, ElementType type) {
    Path file = dir.resolve("c-" + vectors[0].length + "-" + type + ".rcat");
    if (file.toFile().exists()) {
      return file;
    }
    try (CatalogWriter writer = CatalogWriter.create(file, vectors[0].length, "test", type)) {
      for (int i = 0; i < vectors.length; i++) {
        writer.add("item-" + i, "", vectors[i]);
      }
      writer.commit();
    }
    return file;
  }
}
