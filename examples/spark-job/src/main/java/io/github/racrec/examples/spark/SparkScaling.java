package io.github.racrec.examples.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.racrec.training.catalog.CatalogBuildReport;
import io.github.racrec.training.report.RunEnvironment;
import io.github.racrec.training.spark.EncoderSpec;
import io.github.racrec.training.spark.SparkCatalogBuilder;
import io.github.racrec.training.spark.SparkEncoding;
import io.github.racrec.training.spark.SparkReviewFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scaling benchmark of issue 25, in Spark's {@code local-cluster} mode (a standalone master and
 * workers in this JVM, each executor a separate JVM with one core): encoding throughput with 1 and
 * 2 workers on the same sample of reviews, and the time to build the demo and synthetic-v1 catalogs
 * from their review vectors. Run by benchmarks/scripts/spark-scaling.sh, which sets up the class
 * path and the testing properties local-cluster mode needs without a Spark installation.
 *
 * <p>The synthetic-v1 review vectors (129,492 texts) are encoded once, with the most workers, and
 * kept in the scratch folder: a run stopped later reuses them.
 */
@Command(name = "spark-scaling", mixinStandardHelpOptions = true)
public final class SparkScaling implements Callable<Integer> {
  @Option(names = "--demo-music", required = true)
  Path demoMusic;

  @Option(names = "--synthetic-music", required = true)
  Path syntheticMusic;

  @Option(names = "--model", required = true, description = "RACRec model folder (MiniLM).")
  Path model;

  @Option(names = "--workers", split = ",", description = "Default: 2,1.")
  List<Integer> workers = List.of(2, 1);

  @Option(names = "--sample", description = "Reviews encoded per worker count (default 4000).")
  int sample = 4000;

  @Option(names = "--scratch", required = true)
  Path scratch;

  @Option(names = "--out", required = true)
  Path out;

  /**
   * Runs the benchmark.
   *
   * @param args options
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SparkScaling()).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    Files.createDirectories(scratch);
    Path cpuinfo = Path.of("/proc/cpuinfo");
    boolean avx512 = Files.isReadable(cpuinfo) && Files.readString(cpuinfo).contains(" avx512f");
    List<Map<String, Object>> runs = new ArrayList<>();
    int most = workers.stream().mapToInt(Integer::intValue).max().orElseThrow();
    for (int count : workers) {
      runs.add(run(count, count == most));
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "spark-scaling");
    report.put("environment", RunEnvironment.describe());
    report.put("avx512f", avx512);
    report.put(
        "setup",
        "Spark 4.2.0 local-cluster[workers, 1 core, 3072 MB], spark.executor.cores=1, executor"
            + " heap 2g, default MiniLM encoder (float32, one text per model call), "
            + sample
            + " synthetic-v1 music reviews per encoding run; catalogs with the item tower of "
            + model.getFileName());
    report.put("runs", runs);
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
    System.out.println("wrote " + out);
    return 0;
  }

  private Map<String, Object> run(int workerCount, boolean encodeAll) throws InterruptedException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("workers", workerCount);
    SparkSession spark =
        SparkSession.builder()
            .master("local-cluster[" + workerCount + ",1,3072]")
            .appName("racrec spark-scaling " + workerCount)
            .config("spark.executor.cores", "1")
            .config("spark.executor.memory", "2g")
            .config("spark.executorEnv.SPARK_SCALA_VERSION", "2.13")
            .config("spark.executorEnv.SPARK_TESTING", "1")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", Integer.toString(4 * workerCount))
            .getOrCreate();
    try {
      int executors = awaitExecutors(spark, workerCount);
      result.put("executorJvms", executors);
      EncoderSpec encoder = EncoderSpec.embeddedMiniLm();
      // Every executor opens its encoder before the clock starts.
      encode(
          spark,
          syntheticMusic,
          8 * workerCount,
          8 * workerCount,
          encoder,
          "warmup-" + workerCount);

      long start = System.nanoTime();
      encode(spark, syntheticMusic, sample, 4 * workerCount, encoder, "sample-" + workerCount);
      double seconds = (System.nanoTime() - start) / 1e9;
      result.put("encodeReviews", sample);
      result.put("encodeSeconds", round(seconds));
      result.put("encodeReviewsPerSecond", round(sample / seconds));

      Path demoVectors = scratch.resolve("demo-vectors.parquet");
      Path syntheticVectors = scratch.resolve("synthetic-v1-vectors.parquet");
      if (!Files.exists(demoVectors.resolve("_SUCCESS"))) {
        encodeTo(spark, demoMusic, 4 * workerCount, encoder, demoVectors);
      }
      if (encodeAll && !Files.exists(syntheticVectors.resolve("_SUCCESS"))) {
        start = System.nanoTime();
        long reviews = encodeTo(spark, syntheticMusic, 16 * workerCount, encoder, syntheticVectors);
        seconds = (System.nanoTime() - start) / 1e9;
        result.put("syntheticEncodeReviews", reviews);
        result.put("syntheticEncodeSeconds", round(seconds));
        result.put("syntheticEncodeReviewsPerSecond", round(reviews / seconds));
      }
      result.put("demoCatalog", buildCatalog(spark, demoVectors, "demo", workerCount));
      if (Files.exists(syntheticVectors.resolve("_SUCCESS"))) {
        result.put(
            "syntheticCatalog", buildCatalog(spark, syntheticVectors, "synthetic-v1", workerCount));
      }
    } finally {
      spark.stop();
    }
    System.out.println(result);
    return result;
  }

  private void encode(
      SparkSession spark, Path file, int rows, int partitions, EncoderSpec encoder, String name) {
    Dataset<Row> reviews =
        SparkReviewFiles.read(spark, List.of(file.toString()))
            .reviews()
            .limit(rows)
            .repartition(partitions);
    SparkEncoding.encode(reviews, encoder, 256)
        .write()
        .mode("overwrite")
        .parquet(scratch.resolve(name + ".parquet").toString());
  }

  private static long encodeTo(
      SparkSession spark, Path file, int partitions, EncoderSpec encoder, Path target) {
    Dataset<Row> reviews =
        SparkReviewFiles.read(spark, List.of(file.toString())).reviews().repartition(partitions);
    SparkEncoding.encode(reviews, encoder, 256)
        .write()
        .mode("overwrite")
        .parquet(target.toString());
    return spark.read().parquet(target.toString()).count();
  }

  private Map<String, Object> buildCatalog(
      SparkSession spark, Path vectors, String name, int workerCount) {
    long start = System.nanoTime();
    CatalogBuildReport report =
        SparkCatalogBuilder.builder()
            .itemTower(model)
            .build()
            .write(
                spark,
                spark.read().parquet(vectors.toString()),
                scratch.resolve(name + "-" + workerCount + ".rcat"));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("items", report.items());
    result.put("reviewVectors", report.reviews());
    result.put("seconds", round((System.nanoTime() - start) / 1e9));
    return result;
  }

  /** Waits until the cluster's executors have registered; returns how many did. */
  private static int awaitExecutors(SparkSession spark, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    int executors = 0;
    while (System.nanoTime() < deadline) {
      // The driver is listed too.
      executors = spark.sparkContext().statusTracker().getExecutorInfos().length - 1;
      if (executors >= expected) {
        return executors;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "only " + executors + " of " + expected + " executors registered in 120 s");
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
