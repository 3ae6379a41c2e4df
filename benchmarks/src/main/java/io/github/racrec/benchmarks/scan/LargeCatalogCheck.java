package io.github.racrec.benchmarks.scan;

import io.github.racrec.api.ScoredItem;
import io.github.racrec.onnx.catalog.ElementType;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A catalog larger than the heap: opens the 1,000,000 x 768 float32 catalog (3 GB) in a JVM started
 * with {@code -Xmx512m}, so the vectors must be read from the memory mapping, scans it, and checks
 * the top 10 against an exact scan that regenerates the vectors row by row.
 *
 * <p>Run: {@code java -Xmx512m --add-modules jdk.incubator.vector -cp
 * benchmarks/target/racrec-benchmarks.jar io.github.racrec.benchmarks.scan.LargeCatalogCheck}.
 */
public final class LargeCatalogCheck {
  private LargeCatalogCheck() {}

  /**
   * Runs the check; exits with status 1 if the top 10 differs.
   *
   * @param args unused
   * @throws Exception if the catalog cannot be written or read
   */
  public static void main(String[] args) throws Exception {
    int items = 1_000_000;
    int dim = 768;
    Path file = SyntheticCatalogs.file(items, dim, ElementType.FLOAT32);
    float[] query = SyntheticCatalogs.queries(1, dim, 99)[0];
    try (ExactCatalogIndex index = ExactCatalogIndex.open(file)) {
      System.out.printf(
          Locale.ROOT,
          "max heap %d MiB; catalog %s: %,d x %d float32 (%.1f GB), kernel %s%n",
          Runtime.getRuntime().maxMemory() >> 20,
          file,
          index.size(),
          index.dimension(),
          (double) items * dim * 4 / 1e9,
          index.kernelName());
      List<ScoredItem> top = null;
      double[] millis = new double[10];
      for (int run = 0; run < millis.length; run++) {
        long start = System.nanoTime();
        top = index.search(query, 10, Set.of());
        millis[run] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(millis);
      long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      System.out.printf(
          Locale.ROOT,
          "10 searches: median %.1f ms, fastest %.1f ms; heap in use %d MiB%n",
          millis[5],
          millis[0],
          heapUsed >> 20);
      int[] exact = exactTop(items, dim, query);
      for (int i = 0; i < 10; i++) {
        if (top.get(i).ordinal() != exact[i]) {
          System.out.println(
              "MISMATCH at rank " + i + ": " + top + " vs " + Arrays.toString(exact));
          System.exit(1);
        }
      }
      System.out.println("top 10 equals the exact scan's: " + Arrays.toString(exact));
    }
  }

  private static int[] exactTop(int items, int dim, float[] query) {
    double[] best = new double[10];
    int[] ordinals = new int[10];
    Arrays.fill(best, Double.NEGATIVE_INFINITY);
    float[] row = new float[dim];
    for (int i = 0; i < items; i++) {
      SyntheticCatalogs.row(i, row);
      double score = 0;
      for (int j = 0; j < dim; j++) {
        score += (double) query[j] * row[j];
      }
      if (score > best[9]) {
        int at = 9;
        while (at > 0 && score > best[at - 1]) {
          best[at] = best[at - 1];
          ordinals[at] = ordinals[at - 1];
          at--;
        }
        best[at] = score;
        ordinals[at] = i;
      }
    }
    return ordinals;
  }
}
