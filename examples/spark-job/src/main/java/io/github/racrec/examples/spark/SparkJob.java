package io.github.racrec.examples.spark;

import io.github.racrec.api.RacrecException;
import io.github.racrec.training.catalog.CatalogBuildReport;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.spark.EncoderSpec;
import io.github.racrec.training.spark.ShippedFile;
import io.github.racrec.training.spark.SparkBatchRecommender;
import io.github.racrec.training.spark.SparkCatalogBuilder;
import io.github.racrec.training.spark.SparkEncoding;
import io.github.racrec.training.spark.SparkReviewFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark jobs, one per subcommand, for {@code spark-submit --class
 * io.github.racrec.examples.spark.SparkJob}: {@code encode} (review files to review vectors in
 * Parquet), {@code catalog} (review vectors to a catalog file on the driver) and {@code recommend}
 * (users' source reviews to top-k rows in Parquet). docs/spark.md has the submit lines.
 */
@Command(
    name = "racrec-spark",
    mixinStandardHelpOptions = true,
    description = "racrec on Apache Spark.",
    subcommands = {SparkJob.Encode.class, SparkJob.Catalog.class, SparkJob.Recommend.class})
public final class SparkJob implements Runnable {

  /**
   * Runs a job.
   *
   * @param args the subcommand and its options
   */
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new SparkJob());
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          // A racrec error raised in a task reaches the driver wrapped in Spark's exceptions.
          for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RacrecException) {
              line.getErr().println("racrec-spark: " + cause.getMessage());
              return 1;
            }
          }
          throw e;
        });
    System.exit(cli.execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  static SparkSession session(String job) {
    return SparkSession.builder().appName("racrec " + job).getOrCreate();
  }

  static EncoderSpec encoderSpec(SparkSession spark, String encoder) {
    return switch (encoder) {
      case "minilm" -> EncoderSpec.embeddedMiniLm();
      case "minilm-int8" -> EncoderSpec.embeddedMiniLmQuantized();
      default -> EncoderSpec.folder(ShippedFile.folder(spark, Path.of(encoder)));
    };
  }

  /** Review files to review vectors. */
  @Command(name = "encode", description = "Encode review files into review vectors (Parquet).")
  static final class Encode implements Callable<Integer> {
    @Option(names = "--reviews", arity = "1..*", required = true, description = "Review files.")
    List<String> reviews;

    @Option(names = "--out", required = true, description = "Parquet folder to write.")
    String out;

    @Option(
        names = "--encoder",
        description = "minilm, minilm-int8 or a model folder (default: ${DEFAULT-VALUE}).")
    String encoder = "minilm";

    @Option(
        names = "--partitions",
        description =
            "Repartition the reviews first (default 0: as read; gzip files are one each).")
    int partitions;

    @Option(names = "--texts-per-call", description = "Default: ${DEFAULT-VALUE}.")
    int textsPerCall = 256;

    @Override
    public Integer call() {
      SparkSession spark = session("encode");
      SparkReviewFiles.Result read = SparkReviewFiles.read(spark, reviews);
      Dataset<Row> input = partitions > 0 ? read.reviews().repartition(partitions) : read.reviews();
      SparkEncoding.encode(input, encoderSpec(spark, encoder), textsPerCall).write().parquet(out);
      long rows = spark.read().parquet(out).count();
      System.out.println(
          "review vectors: "
              + rows
              + " rows in "
              + out
              + " (skipped lines: "
              + read.countSkipped()
              + ")");
      return 0;
    }
  }

  /** Review vectors to a catalog. */
  @Command(name = "catalog", description = "Build a catalog from review vectors.")
  static final class Catalog implements Callable<Integer> {
    @Option(names = "--vectors", required = true, description = "Review vectors (Parquet).")
    String vectors;

    @Option(names = "--model", description = "RACRec model folder (default: a content catalog).")
    Path model;

    @Option(names = "--titles", description = "Item metadata file with titles, on the driver.")
    Path titles;

    @Option(names = "--out", required = true, description = "Catalog file, on the driver.")
    Path out;

    @Override
    public Integer call() {
      SparkSession spark = session("catalog");
      SparkCatalogBuilder.Builder builder = SparkCatalogBuilder.builder();
      if (model != null) {
        builder.itemTower(model);
      }
      if (titles != null) {
        builder.titles(ItemTitles.read(titles, id -> true));
      }
      CatalogBuildReport report = builder.build().write(spark, spark.read().parquet(vectors), out);
      System.out.println(report.summary());
      return 0;
    }
  }

  /** Users' source reviews to recommendations. */
  @Command(name = "recommend", description = "Top k per user, written as Parquet.")
  static final class Recommend implements Callable<Integer> {
    @Option(
        names = "--reviews",
        arity = "1..*",
        required = true,
        description = "Source-domain review files of the users.")
    List<String> reviews;

    @Option(names = "--model", required = true, description = "RACRec model folder.")
    Path model;

    @Option(names = "--catalog", required = true, description = "The model's catalog file.")
    Path catalog;

    @Option(names = "--out", required = true, description = "Parquet folder to write.")
    String out;

    @Option(names = "--k", description = "Default: ${DEFAULT-VALUE}.")
    int k = 10;

    @Option(names = "--encoder", description = "As for encode (default: ${DEFAULT-VALUE}).")
    String encoder = "minilm";

    @Override
    public Integer call() {
      SparkSession spark = session("recommend");
      SparkReviewFiles.Result read = SparkReviewFiles.read(spark, reviews);
      Dataset<Row> users = SparkBatchRecommender.usersFromReviews(read.reviews());
      SparkBatchRecommender.recommend(spark, users, encoderSpec(spark, encoder), model, catalog, k)
          .write()
          .parquet(out);
      read.countSkipped();
      Dataset<Row> written = spark.read().parquet(out);
      System.out.println(
          "recommendations: "
              + written.count()
              + " rows for "
              + written.select("user").distinct().count()
              + " users in "
              + out);
      return 0;
    }
  }
}
