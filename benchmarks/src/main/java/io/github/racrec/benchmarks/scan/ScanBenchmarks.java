package io.github.racrec.benchmarks.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.racrec.onnx.catalog.ElementType;
import io.github.racrec.onnx.internal.Json;
import io.github.racrec.training.report.RunEnvironment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the catalog scan benchmarks and their floors in one run, and reports each scan next to the
 * memory floor (same bytes, same threads) and the compute floor (FMA peak), and optionally next to
 * FAISS {@code IndexFlatIP} on the same vectors and queries.
 *
 * <p>Run: {@code java -cp benchmarks/target/racrec-benchmarks.jar
 * io.github.racrec.benchmarks.scan.ScanBenchmarks [--grid quick|full|faiss] [--faiss] [--out
 * benchmarks/results/scan.json]}. {@code quick}: 70,500 and 1,000,000 items at d = 768; {@code
 * full}: also d = 64 and 384; {@code faiss}: only 70,500 x 768 float32, what FAISS is compared on
 * (with {@code --faiss}, a few minutes).
 */
public final class ScanBenchmarks {
  private static final int BATCH = 64;

  /**
   * Floats per vector register in the forks: 16 with AVX-512 (this runner's JVM may not have the
   * Vector API module, so it asks the CPU flags instead).
   */
  private static final int FLOAT_LANES = cpuHasAvx512() ? 16 : 8;

  private ScanBenchmarks() {}

  /**
   * Runs the benchmarks.
   *
   * @param args see the class comment
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    String grid = "quick";
    boolean faiss = false;
    Path out = Path.of("benchmarks/results/scan.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--grid" -> grid = args[++i];
        case "--faiss" -> faiss = true;
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    String[] dims = grid.equals("full") ? new String[] {"64", "384", "768"} : new String[] {"768"};
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(CatalogScanBenchmark.class.getName())
            .include(StreamingReadBenchmark.class.getName())
            .include(FmaPeakBenchmark.class.getName())
            .param("dim", dims)
            .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
            .result(out.resolveSibling(out.getFileName() + ".jmh.json").toString())
            .shouldFailOnError(true);
    if (grid.equals("faiss")) {
      // Only what FAISS is compared on: 70,500 x 768 float32, with its floors.
      options.param("items", "70500").param("type", "FLOAT32");
    }
    Collection<RunResult> runs = new Runner(options.build()).run();
    Map<Integer, Double> flops = fmaPeaks(runs, FLOAT_LANES);
    List<Map<String, Object>> rows = scanRows(runs, flops);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("command", "ScanBenchmarks " + String.join(" ", args));
    report.put("environment", RunEnvironment.describe());
    report.put("fmaPeakGflops", flops);
    report.put("scans", rows);
    if (faiss) {
      report.put("faiss", runFaiss(rows, 768, Map.of()));
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, Json.toPrettyJson(report), StandardCharsets.UTF_8);
    printTable(rows, flops);
    System.out.println("Results: " + out);
  }

  /** FMA peak in FLOP/s by thread count, from the FmaPeakBenchmark runs at {@code lanes} floats. */
  static Map<Integer, Double> fmaPeaks(Collection<RunResult> runs, int lanes) {
    Map<Integer, Double> flops = new LinkedHashMap<>();
    for (RunResult run : runs) {
      String name = run.getParams().getBenchmark();
      if (name.contains("FmaPeakBenchmark")) {
        int threads = name.endsWith("twoThreads") ? 2 : 1;
        flops.put(
            threads, run.getPrimaryResult().getScore() * 2.0 * 12 * lanes * FmaPeakBenchmark.STEPS);
      }
    }
    return flops;
  }

  /** One row per scan cell: time, error, and both floors measured in the same runs. */
  static List<Map<String, Object>> scanRows(
      Collection<RunResult> runs, Map<Integer, Double> flops) {
    Map<String, Double> floors = new LinkedHashMap<>();
    for (RunResult run : runs) {
      if (run.getParams().getBenchmark().endsWith("StreamingReadBenchmark.read")) {
        floors.put(key(run), run.getPrimaryResult().getScore());
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RunResult run : runs) {
      if (!run.getParams().getBenchmark().endsWith("CatalogScanBenchmark.search")) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      int items = Integer.parseInt(run.getParams().getParam("items"));
      int dim = Integer.parseInt(run.getParams().getParam("dim"));
      int batch = Integer.parseInt(run.getParams().getParam("batch"));
      int threads = Integer.parseInt(run.getParams().getParam("threads"));
      double ms = run.getPrimaryResult().getScore();
      row.put("items", items);
      row.put("dim", dim);
      row.put("type", run.getParams().getParam("type"));
      row.put("batch", batch);
      row.put("threads", threads);
      row.put("ms", ms);
      row.put("msError", run.getPrimaryResult().getScoreError());
      Double floor = floors.get(key(run));
      row.put("memoryFloorMs", floor);
      row.put("timesMemoryFloor", floor == null ? null : ms / floor);
      Double peak = flops.get(threads);
      double computeFloorMs = peak == null ? Double.NaN : 2.0 * items * dim * batch / peak * 1e3;
      row.put("computeFloorMs", computeFloorMs);
      row.put("timesComputeFloor", ms / computeFloorMs);
      rows.add(row);
    }
    return rows;
  }

  private static boolean cpuHasAvx512() {
    try {
      return Files.readString(Path.of("/proc/cpuinfo")).contains(" avx512f");
    } catch (IOException e) {
      return false;
    }
  }

  private static String key(RunResult run) {
    var p = run.getParams();
    return p.getParam("items")
        + "/"
        + p.getParam("dim")
        + "/"
        + p.getParam("type")
        + "/"
        + p.getParam("threads");
  }

  /**
   * FAISS on the 70,500 x {@code dim} float32 catalog, 1 and 64 queries, 1 and 2 threads, with
   * every arrangement of its thread pools; {@code environment} is added to each process's (for
   * instance OpenBLAS's kernel choice).
   */
  static ObjectNode runFaiss(
      List<Map<String, Object>> rows, int dim, Map<String, String> environment) throws Exception {
    int items = 70_500;
    Path catalog = SyntheticCatalogs.file(items, dim, ElementType.FLOAT32);
    Path queries = SyntheticCatalogs.folder().resolve("queries-" + dim + ".f32");
    // The JMH forks used these queries: seed 99, the first one for single searches.
    float[][] batch = SyntheticCatalogs.queries(BATCH, dim, 99);
    ByteBuffer bytes = ByteBuffer.allocate(BATCH * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] query : batch) {
      for (float v : query) {
        bytes.putFloat(v);
      }
    }
    Files.write(queries, bytes.array());
    ObjectNode result = null;
    // {OpenMP, OpenBLAS} pools: one thread; both at 2 (oversubscribed on 2 cores, reported to
    // show it); and the two fair ways to use 2 cores.
    for (int[] pools : new int[][] {{1, 1}, {2, 2}, {2, 1}, {1, 2}}) {
      ObjectNode one = runFaissProcess(catalog, queries, dim, pools[0], pools[1], environment);
      if (result == null) {
        result = one;
      } else {
        ((ArrayNode) result.get("runs")).addAll((ArrayNode) one.get("runs"));
      }
    }
    System.out.println("FAISS " + result.get("faiss") + ", BLAS " + result.get("blas"));
    System.out.println();
    System.out.println("racrec vs FAISS IndexFlatIP, " + items + " x " + dim + " float32:");
    for (JsonNode element : result.get("runs")) {
      ObjectNode faissRun = (ObjectNode) element;
      int threads = faissRun.get("threads").asInt();
      int size = faissRun.get("batch").asInt();
      double faissMs = faissRun.get("ms").asDouble();
      String pools =
          "OpenMP "
              + faissRun.get("ompThreads").asInt()
              + ", OpenBLAS "
              + faissRun.get("blasThreads").asInt();
      for (Map<String, Object> row : rows) {
        if ((int) row.get("items") == items
            && (int) row.get("dim") == dim
            && row.get("type").equals("FLOAT32")
            && (int) row.get("batch") == (size == 1 ? 1 : BATCH)
            && (int) row.get("threads") == threads) {
          double ours = (double) row.get("ms");
          faissRun.put("racrecMs", ours);
          faissRun.put("faissOverRacrec", faissMs / ours);
          System.out.printf(
              Locale.ROOT,
              "  batch %2d, %d thread(s): racrec %.2f ms, FAISS (%s) %.2f ms (FAISS/racrec %.2f)%n",
              size,
              threads,
              ours,
              pools,
              faissMs,
              faissMs / ours);
        }
      }
    }
    return result;
  }

  /** One FAISS process with its OpenMP and OpenBLAS pools of the sizes given. */
  private static ObjectNode runFaissProcess(
      Path catalog,
      Path queries,
      int dim,
      int ompThreads,
      int blasThreads,
      Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
                "/usr/bin/python3",
                "benchmarks/scripts/faiss_flat_ip.py",
                catalog.toString(),
                queries.toString(),
                Integer.toString(dim),
                Integer.toString(ompThreads))
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("OMP_NUM_THREADS", Integer.toString(ompThreads));
    builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(blasThreads));
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("FAISS run failed; is python3-faiss installed?");
    }
    JsonNode json = Json.reader().readTree(output.trim());
    if (!(json instanceof ObjectNode object) || !(object.get("runs") instanceof ArrayNode)) {
      throw new IOException("FAISS run printed no JSON object with runs: " + output.trim());
    }
    return object;
  }

  static void printTable(List<Map<String, Object>> rows, Map<Integer, Double> flops) {
    System.out.println();
    flops.forEach(
        (threads, value) ->
            System.out.printf(
                Locale.ROOT, "FMA peak, %d thread(s): %.0f GFLOP/s%n", threads, value / 1e9));
    System.out.println(
        "| items | d | type | batch | threads | ms | x memory floor | x compute floor |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Map<String, Object> row : rows) {
      System.out.printf(
          Locale.ROOT,
          "| %,d | %d | %s | %d | %d | %.2f | %s | %.2f |%n",
          row.get("items"),
          row.get("dim"),
          row.get("type"),
          row.get("batch"),
          row.get("threads"),
          (double) row.get("ms"),
          row.get("timesMemoryFloor") == null
              ? "–"
              : String.format(Locale.ROOT, "%.2f", (double) row.get("timesMemoryFloor")),
          (double) row.get("timesComputeFloor"));
    }
  }
}
