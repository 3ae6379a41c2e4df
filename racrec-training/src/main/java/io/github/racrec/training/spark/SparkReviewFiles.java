package io.github.racrec.training.spark;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.training.data.JsonLines;
import io.github.racrec.training.data.ReviewLines;
import io.github.racrec.training.data.ReviewRecord;
import io.github.racrec.training.data.SkipReason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Amazon review files (2014, 2018, 2023; plain or gzip, any file system Hadoop reads) in
 * parallel into a table of {@link SparkColumns#REVIEWS}: plain files are split across tasks, a gzip
 * file is one task (gzip cannot be split). Each line goes through {@link ReviewLines}, the parser
 * of the one-machine reader, and lines over {@link JsonLines#MAX_LINE_BYTES} are skipped as there.
 * Two differences from {@link io.github.racrec.training.data.ReviewFileReader}: Hadoop chooses gzip
 * by the {@code .gz} ending (the local reader by the file's first bytes), and it also ends a line
 * at a lone carriage return.
 *
 * <p>Skipped lines are counted by reason in Spark accumulators ({@link Result#skipped()}), read
 * after an action has run the read; every action that reads the table again (and every retried
 * task) counts again, so read the counts after the one action that consumed the read.
 *
 * <p>Thread-safety: call from the driver.
 */
public final class SparkReviewFiles {
  private static final Logger LOG = LoggerFactory.getLogger(SparkReviewFiles.class);

  private SparkReviewFiles() {}

  /**
   * The reviews of a read, and its skip counters.
   *
   * @param reviews the reviews, lazily read when an action runs
   * @param skipCounters one accumulator per skip reason
   */
  public record Result(Dataset<Row> reviews, Map<SkipReason, LongAccumulator> skipCounters) {
    /**
     * Returns the lines skipped so far, by reason (zeros left out).
     *
     * @return the counts
     */
    public Map<SkipReason, Long> skipped() {
      Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
      skipCounters.forEach(
          (reason, counter) -> {
            if (counter.value() > 0) {
              counts.put(reason, counter.value());
            }
          });
      return Collections.unmodifiableMap(counts);
    }

    /** Logs the skip counts; call after an action. */
    public void logSkipped() {
      Map<SkipReason, Long> counts = skipped();
      if (!counts.isEmpty()) {
        LOG.warn("Skipped review lines: {}", counts);
      }
    }
  }

  /**
   * Reads the files, in the order given (the order breaks ties between reviews with equal times).
   *
   * @param spark the session
   * @param paths the files, as Hadoop paths or URIs
   * @return the reviews and skip counters
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if no path is given
   */
  public static Result read(SparkSession spark, List<String> paths) {
    Objects.requireNonNull(spark, "spark");
    if (paths.isEmpty()) {
      throw new RacrecException(ErrorCode.INVALID_ARGUMENT, "give at least one review file");
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Map<SkipReason, LongAccumulator> counters = new EnumMap<>(SkipReason.class);
    for (SkipReason reason : SkipReason.values()) {
      counters.put(reason, spark.sparkContext().longAccumulator("racrec skipped " + reason));
    }
    JavaRDD<Row> rows = null;
    for (int i = 0; i < paths.size(); i++) {
      int fileIndex = i;
      JavaRDD<Row> fileRows =
          context
              .newAPIHadoopFile(
                  paths.get(i),
                  TextInputFormat.class,
                  LongWritable.class,
                  Text.class,
                  context.hadoopConfiguration())
              .flatMap(line -> parse(fileIndex, line._1().get(), line._2(), counters));
      rows = rows == null ? fileRows : rows.union(fileRows);
    }
    return new Result(spark.createDataFrame(rows, SparkColumns.REVIEWS), counters);
  }

  private static Iterator<Row> parse(
      int fileIndex, long offset, Text line, Map<SkipReason, LongAccumulator> counters) {
    if (line.getLength() > JsonLines.MAX_LINE_BYTES) {
      counters.get(SkipReason.LINE_TOO_LONG).add(1);
      return Collections.emptyIterator();
    }
    ReviewLines.ParsedLine parsed = ReviewLines.parse(line.getBytes(), 0, line.getLength());
    if (parsed.review().isEmpty()) {
      counters.get(parsed.skipReason().orElseThrow()).add(1);
      return Collections.emptyIterator();
    }
    ReviewRecord review = parsed.review().orElseThrow();
    return List.of(
            RowFactory.create(
                reviewKey(review),
                review.userId(),
                review.itemId(),
                review.rating(),
                review.timestampMillis(),
                fileIndex,
                offset,
                review.text()))
        .iterator();
  }

  /** The first 128 bits of the SHA-256 of user, item, time and text, in hex. */
  static String reviewKey(ReviewRecord review) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part :
          new String[] {
            review.userId(), review.itemId(), Long.toString(review.timestampMillis()), review.text()
          }) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
