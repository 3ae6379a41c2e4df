package io.github.racrec.benchmarks.scan;

import io.github.racrec.onnx.internal.Json;
import io.github.racrec.training.report.RunEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The scan grid at each vector width this CPU can run, in one run on one host: 512-bit vectors
 * (where the CPU has AVX-512) and 256-bit ones (AVX2; on an AVX-512 CPU the forks get {@code
 * -XX:UseAVX=2 -XX:MaxVectorSize=32}). Each width's forks measure the scans, their memory floors
 * and the FMA peak at that width, and a probe JVM with the same flags records the kernel, its
 * blocking and the JIT's vector flags. With {@code --faiss}, FAISS {@code IndexFlatIP} runs on the
 * same float32 catalogs with OpenBLAS held to that width's kernels ({@code OPENBLAS_CORETYPE}
 * SkylakeX or Haswell) and every arrangement of its OpenMP and OpenBLAS pools.
 *
 * <p>Run: {@code java -cp benchmarks/target/racrec-benchmarks.jar
 * io.github.racrec.benchmarks.scan.WidthScanBenchmarks [--faiss] [--forks N] [--out
 * benchmarks/results/scan-widths.json]} (70,500 items, d = 384 and 768, float32, bfloat16 and int8,
 * 1 and 64 queries, 1 and 2 threads: about 20 minutes a width with one fork). {@code
 * benchmarks/scripts/scan-widths-table.py} prints its tables.
 */
public final class WidthScanBenchmarks {
  private static final String[] DIMS = {"384", "768"};

  /** One vector width: its label, the floats per vector, and the JVM flags that select it. */
  record Width(int bits, List<String> jvmFlags, String openBlasCore) {
    int lanes() {
      return bits / Float.SIZE;
    }
  }

  private WidthScanBenchmarks() {}

  /**
   * Runs the grid at every width.
   *
   * @param args see the class comment
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    boolean faiss = false;
    int forks = 1;
    Path out = Path.of("benchmarks/results/scan-widths.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--faiss" -> faiss = true;
        case "--forks" -> forks = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    List<Width> widths = new ArrayList<>();
    if (Files.readString(Path.of("/proc/cpuinfo")).contains(" avx512f")) {
      widths.add(new Width(512, List.of(), "SkylakeX"));
    }
    widths.add(
        new Width(
            256,
            List.of("-XX:+IgnoreUnrecognizedVMOptions", "-XX:UseAVX=2", "-XX:MaxVectorSize=32"),
            "Haswell"));
    List<Object> reports = new ArrayList<>();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("command", "WidthScanBenchmarks " + String.join(" ", args));
    report.put("environment", RunEnvironment.describe());
    report.put("widths", reports);
    for (Width width : widths) {
      reports.add(runWidth(width, forks, faiss, out));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, Json.toPrettyJson(report), StandardCharsets.UTF_8); // after each width
    }
    System.out.println("Results: " + out);
  }

  private static Map<String, Object> runWidth(Width width, int forks, boolean faiss, Path out)
      throws Exception {
    List<String> jvmArgs = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector"));
    jvmArgs.add("-Xms4g");
    jvmArgs.add("-Xmx4g");
    jvmArgs.addAll(width.jvmFlags());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("bits", width.bits());
    result.put("jvmArgs", jvmArgs);
    result.put("probe", probe(jvmArgs));
    Iterable<RunResult> runs =
        new Runner(
                new OptionsBuilder()
                    .include(CatalogScanBenchmark.class.getName())
                    .include(StreamingReadBenchmark.class.getName())
                    .include(FmaPeakBenchmark.class.getName())
                    .param("items", "70500")
                    .param("dim", DIMS)
                    .forks(forks)
                    .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                    .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
                    .result(
                        out.resolveSibling(out.getFileName() + "." + width.bits() + ".jmh.json")
                            .toString())
                    .shouldFailOnError(true)
                    .build())
            .run();
    List<RunResult> all = new ArrayList<>();
    runs.forEach(all::add);
    Map<Integer, Double> flops = ScanBenchmarks.fmaPeaks(all, width.lanes());
    List<Map<String, Object>> rows = ScanBenchmarks.scanRows(all, flops);
    result.put("fmaPeakGflops", flops);
    result.put("scans", rows);
    System.out.println();
    System.out.println(width.bits() + "-bit vectors, " + result.get("probe"));
    ScanBenchmarks.printTable(rows, flops);
    if (faiss) {
      Map<String, String> environment = Map.of("OPENBLAS_CORETYPE", width.openBlasCore());
      List<Object> faissRuns = new ArrayList<>();
      for (String dim : DIMS) {
        faissRuns.add(ScanBenchmarks.runFaiss(rows, Integer.parseInt(dim), environment));
      }
      result.put("openBlasCoreType", width.openBlasCore());
      result.put("faiss", faissRuns);
    }
    return result;
  }

  /** Runs {@link VectorWidthProbe} in a JVM with the forks' flags and returns what it printed. */
  private static Object probe(List<String> jvmArgs) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(VectorWidthProbe.class.getName());
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("the vector width probe failed: " + output);
    }
    String last = output.strip().lines().reduce((a, b) -> b).orElse("");
    return Json.reader().readTree(last);
  }
}
