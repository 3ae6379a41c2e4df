package io.github.racrec.benchmarks.scan;

import io.github.racrec.onnx.catalog.CatalogWriter;
import io.github.racrec.onnx.catalog.ElementType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Seeded catalogs of random unit vectors for the scan benchmarks, written once and reused (a
 * 1,000,000 x 768 float32 catalog is 3 GB). The float32, bfloat16 and int8 files of one size hold
 * the same vectors, so their results can be compared item by item.
 */
public final class SyntheticCatalogs {
  /** Where catalogs are kept; override with {@code -Dracrec.bench.dir}. */
  public static Path folder() {
    return Path.of(System.getProperty("racrec.bench.dir", "racrec-work/bench/catalogs"));
  }

  private SyntheticCatalogs() {}

  /**
   * Returns the catalog file of the given shape, writing it first if it is not there.
   *
   * @param items item count
   * @param dim vector length
   * @param type element type
   * @return the file
   * @throws IOException if the folder cannot be made
   */
  public static synchronized Path file(int items, int dim, ElementType type) throws IOException {
    Path file = folder().resolve("random-" + items + "x" + dim + "-" + type + ".rcat");
    if (Files.isRegularFile(file)) {
      return file;
    }
    Files.createDirectories(folder());
    try (CatalogWriter writer = CatalogWriter.create(file, dim, "random-unit-vectors", type)) {
      float[] vector = new float[dim];
      for (int i = 0; i < items; i++) {
        row(i, vector);
        writer.add(Integer.toString(i), "", vector);
      }
      writer.commit();
    }
    return file;
  }

  /**
   * Writes item {@code i}'s vector: Gaussian components, normalised, from a seed per item.
   *
   * @param i the item
   * @param vector receives the vector
   */
  public static void row(int i, float[] vector) {
    gaussianUnit(new SplittableRandom(0x5EEDL * 31 + i), vector);
  }

  /**
   * Returns seeded random unit queries.
   *
   * @param count how many
   * @param dim their length
   * @param seed the seed
   * @return the queries
   */
  public static float[][] queries(int count, int dim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] queries = new float[count][dim];
    for (float[] query : queries) {
      gaussianUnit(random, query);
    }
    return queries;
  }

  private static void gaussianUnit(SplittableRandom random, float[] vector) {
    double norm = 0;
    for (int j = 0; j < vector.length; j += 2) {
      // Box-Muller: two normal numbers per pair of uniforms.
      double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
      double angle = 2 * Math.PI * random.nextDouble();
      vector[j] = (float) (radius * Math.cos(angle));
      if (j + 1 < vector.length) {
        vector[j + 1] = (float) (radius * Math.sin(angle));
      }
    }
    for (float v : vector) {
      norm += v * v;
    }
    float inverse = (float) (1 / Math.sqrt(norm));
    for (int j = 0; j < vector.length; j++) {
      vector[j] *= inverse;
    }
  }
}
