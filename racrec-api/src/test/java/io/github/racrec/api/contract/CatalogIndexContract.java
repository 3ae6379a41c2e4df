package io.github.racrec.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.CatalogIndex;
import io.github.racrec.api.CatalogItem;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.api.ScoredItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link CatalogIndex} must have: exact top-k by inner product, ties broken by
 * catalog order, exclusions, batch equal to single searches, concurrency. A backend's test class
 * extends this and says how to build an index from vectors.
 */
public abstract class CatalogIndexContract {

  /**
   * Builds an index over the given items; the test closes it.
   *
   * @param ids item ids, unique
   * @param titles item titles
   * @param vectors one vector per item
   */
  protected abstract CatalogIndex openIndex(String[] ids, String[] titles, float[][] vectors);

  /** Random catalog; values from a small set so that many scores tie exactly. */
  protected static float[][] randomVectors(Random random, int count, int dim, boolean coarse) {
    float[][] vectors = new float[count][dim];
    for (float[] vector : vectors) {
      for (int j = 0; j < dim; j++) {
        vector[j] = coarse ? random.nextInt(3) - 1 : (float) random.nextGaussian();
      }
    }
    return vectors;
  }

  private CatalogIndex randomIndex(Random random, int count, int dim, boolean coarse) {
    String[] ids = new String[count];
    String[] titles = new String[count];
    for (int i = 0; i < count; i++) {
      ids[i] = "item-" + Integer.toString(i * 7919 % 100_003, 36) + "-" + i;
      titles[i] = "Title " + i;
    }
    return openIndex(ids, titles, randomVectors(random, count, dim, coarse));
  }

  /** The reference: score every item, sort by score descending then ordinal ascending. */
  private static List<Integer> bruteForce(
      CatalogIndex index, float[][] vectors, float[] query, int k, Set<Integer> excluded) {
    return IntStream.range(0, vectors.length)
        .boxed()
        .filter(i -> !excluded.contains(i))
        .sorted(
            Comparator.comparingDouble((Integer i) -> -dot(vectors[i], query))
                .thenComparingInt(i -> i))
        .limit(k)
        .toList();
  }

  /** Inner product in float, summed in order, as a plain scan computes it. */
  protected static float dot(float[] a, float[] b) {
    float sum = 0f;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 500})
  void search_randomCatalogWithTies_equalsBruteForceSort(int k) {
    Random random = new Random(17 + k);
    int count = 300;
    int dim = 8;
    String[] ids = new String[count];
    String[] titles = new String[count];
    for (int i = 0; i < count; i++) {
      ids[i] = "id" + i;
      titles[i] = "";
    }
    float[][] vectors = randomVectors(random, count, dim, true);
    try (CatalogIndex index = openIndex(ids, titles, vectors)) {
      for (int q = 0; q < 20; q++) {
        float[] query = randomVectors(random, 1, dim, true)[0];
        List<Integer> expected = bruteForce(index, vectors, query, k, Set.of());
        List<Integer> actual = index.search(query, k).stream().map(ScoredItem::ordinal).toList();
        assertEquals(expected, actual, "query " + q);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 500})
  void search_withExclusions_equalsBruteForceWithoutThem(int k) {
    Random random = new Random(99 + k);
    int count = 300;
    int dim = 16;
    String[] ids = new String[count];
    String[] titles = new String[count];
    for (int i = 0; i < count; i++) {
      ids[i] = "id" + i;
      titles[i] = "t" + i;
    }
    float[][] vectors = randomVectors(random, count, dim, false);
    try (CatalogIndex index = openIndex(ids, titles, vectors)) {
      for (int q = 0; q < 10; q++) {
        float[] query = randomVectors(random, 1, dim, false)[0];
        Set<Integer> excludedOrdinals = new HashSet<>();
        Set<String> excludedIds = new HashSet<>(Set.of("not-in-catalog"));
        for (int e = 0; e < 40; e++) {
          int ordinal = random.nextInt(count);
          excludedOrdinals.add(ordinal);
          excludedIds.add(ids[ordinal]);
        }
        List<Integer> expected = bruteForce(index, vectors, query, k, excludedOrdinals);
        List<ScoredItem> hits = index.search(query, k, excludedIds);
        assertEquals(expected, hits.stream().map(ScoredItem::ordinal).toList());
        for (ScoredItem hit : hits) {
          assertEquals(ids[hit.ordinal()], hit.itemId());
          assertEquals(dot(index.vector(hit.ordinal()), query), hit.score(), 1e-4f);
          assertEquals(dot(vectors[hit.ordinal()], query), hit.score(), 1e-4f);
        }
      }
    }
  }

  @Test
  void search_kLargerThanCatalog_returnsAllItems() {
    try (CatalogIndex index = randomIndex(new Random(3), 7, 4, false)) {
      assertEquals(7, index.search(new float[] {1, 0, 0, 0}, 100).size());
    }
  }

  @Test
  void searchBatch_equalsOneSearchPerQuery() {
    Random random = new Random(5);
    try (CatalogIndex index = randomIndex(random, 200, 12, false)) {
      float[][] queries = randomVectors(random, 9, 12, false);
      List<List<ScoredItem>> batch = index.searchBatch(queries, 10);
      assertEquals(queries.length, batch.size());
      for (int q = 0; q < queries.length; q++) {
        assertEquals(index.search(queries[q], 10), batch.get(q));
      }
    }
  }

  @Test
  void search_badArguments_throwWithCodes() {
    try (CatalogIndex index = randomIndex(new Random(1), 10, 4, false)) {
      float[] query = {1, 2, 3, 4};
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> index.search(query, 0));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> index.search(query, -3));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> index.search(new float[3], 5));
      assertCode(ErrorCode.INVALID_INPUT, () -> index.search(new float[] {1, Float.NaN, 0, 0}, 5));
      assertThrows(NullPointerException.class, () -> index.search(null, 5));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> index.searchBatch(new float[][] {query}, 0));
    }
  }

  @Test
  void item_byIdAndOrdinal_agree() {
    try (CatalogIndex index = randomIndex(new Random(8), 50, 4, false)) {
      for (int ordinal = 0; ordinal < index.size(); ordinal++) {
        CatalogItem item = index.item(ordinal);
        assertEquals(item, index.item(item.id()).orElseThrow());
      }
      assertEquals(4, index.vector(3).length);
      assertTrue(index.item("no such item").isEmpty());
      assertThrows(IndexOutOfBoundsException.class, () -> index.item(index.size()));
    }
  }

  @Test
  void search_sixteenThreads_matchSequentialBitForBit() throws Exception {
    Random random = new Random(21);
    try (CatalogIndex index = randomIndex(random, 2000, 32, false)) {
      float[][] queries = randomVectors(random, 64, 32, false);
      List<List<ScoredItem>> expected = new ArrayList<>();
      for (float[] query : queries) {
        expected.add(index.search(query, 10));
      }
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Callable<List<List<ScoredItem>>>> tasks = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          tasks.add(
              () -> {
                List<List<ScoredItem>> results = new ArrayList<>();
                for (float[] query : queries) {
                  results.add(index.search(query, 10));
                }
                return results;
              });
        }
        for (Future<List<List<ScoredItem>>> result : pool.invokeAll(tasks)) {
          assertEquals(expected, result.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void close_twice_isHarmlessAndSearchAfterwardsThrows() {
    CatalogIndex index = randomIndex(new Random(2), 10, 4, false);
    int size = index.size();
    index.close();
    index.close();
    assertThrows(IllegalStateException.class, () -> index.search(new float[4], 3));
    assertEquals(size, index.size());
  }

  private static void assertCode(ErrorCode code, org.junit.jupiter.api.function.Executable call) {
    RacrecException e = assertThrows(RacrecException.class, call);
    assertEquals(code, e.code(), e.getMessage());
  }
}
