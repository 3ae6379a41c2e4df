package io.github.racrec.benchmarks.scan;

import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.catalog.CatalogWriter;
import io.github.racrec.onnx.catalog.ElementType;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.onnx.catalog.QuantizationRecall;
import io.github.racrec.onnx.internal.Json;
import io.github.racrec.training.data.ReviewFileReader;
import io.github.racrec.training.report.RunEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recall@10 of bfloat16 and int8 catalogs against float32, on two kinds of vectors:
 *
 * <ul>
 *   <li>real: MiniLM vectors of the shared Amazon samples, one catalog item per music review
 *       (6,908), queried with 200 movie-review vectors;
 *   <li>synthetic: the 70,500 x 768 random unit vectors of the scan benchmarks, queried with 200
 *       random unit vectors (the hardest case: scores nearly tie).
 * </ul>
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp
 * benchmarks/target/racrec-benchmarks.jar
 * io.github.racrec.benchmarks.scan.QuantizationRecallBenchmark [samples-dir] [out.json]}.
 */
public final class QuantizationRecallBenchmark {
  private static final int QUERIES = 200;
  private static final int K = 10;

  private QuantizationRecallBenchmark() {}

  /**
   * Measures and writes the results.
   *
   * @param args optional samples folder and output file
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    Path samples = Path.of(args.length > 0 ? args[0] : "../shared/data/amazon-samples");
    Path out = Path.of(args.length > 1 ? args[1] : "benchmarks/results/quantization-recall.json");
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("command", "QuantizationRecallBenchmark " + String.join(" ", args));
    report.put("environment", RunEnvironment.describe());
    if (Files.isDirectory(samples)) {
      report.put("real", real(samples));
    } else {
      System.out.println("No samples at " + samples + ": real-vector recall skipped.");
    }
    report.put("synthetic", synthetic());
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, Json.toPrettyJson(report), StandardCharsets.UTF_8);
    System.out.println("Results: " + out);
  }

  private static Map<String, Object> real(Path samples) throws IOException {
    List<String> music =
        texts(samples.resolve("reviews_Digital_Music_5.partial.jsonl.gz"), 1_000_000);
    List<String> movies =
        texts(samples.resolve("darrkest_Movies_and_TV_5.head3017.2018.json"), QUERIES);
    float[][] items;
    float[][] queries;
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build()) {
      System.out.println(
          "Encoding " + music.size() + " music and " + movies.size() + " movie reviews");
      items = encoder.encode(music);
      queries = encoder.encode(movies);
    }
    return measure("MiniLM vectors of " + items.length + " music reviews", items, queries);
  }

  private static Map<String, Object> synthetic() throws IOException {
    int items = 70_500;
    int dim = 768;
    float[][] vectors = new float[items][dim];
    for (int i = 0; i < items; i++) {
      SyntheticCatalogs.row(i, vectors[i]);
    }
    return measure(
        "random unit vectors, " + items + " x " + dim,
        vectors,
        SyntheticCatalogs.queries(QUERIES, dim, 7));
  }

  private static Map<String, Object> measure(String what, float[][] items, float[][] queries)
      throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("vectors", what);
    result.put("queries", queries.length);
    Path folder = Files.createTempDirectory("racrec-recall");
    for (ElementType type : new ElementType[] {ElementType.BFLOAT16, ElementType.INT8}) {
      Path file = folder.resolve(type + ".rcat");
      try (CatalogWriter writer = CatalogWriter.create(file, items[0].length, "recall", type)) {
        for (int i = 0; i < items.length; i++) {
          writer.add(Integer.toString(i), "", items[i]);
        }
        writer.commit();
      }
      try (ExactCatalogIndex index = ExactCatalogIndex.open(file)) {
        double recall = QuantizationRecall.measure(items, index, queries, K);
        result.put(type.name(), recall);
        System.out.printf(Locale.ROOT, "%s, %s: recall@10 vs float32 = %.4f%n", what, type, recall);
      }
      Files.delete(file);
    }
    Files.delete(folder);
    return result;
  }

  private static List<String> texts(Path file, int limit) {
    List<String> texts = new ArrayList<>();
    ReviewFileReader.read(
        file,
        review -> {
          if (texts.size() < limit && !review.text().isBlank()) {
            texts.add(review.text());
          }
        });
    return texts;
  }
}
