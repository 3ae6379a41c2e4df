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
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
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
 * <p>Skipped lines are counted by {@link Result#countSkipped()}, a job of its own that parses the
 * files again: exact, where accumulators would count a line again in every action and every retried
 * task that reads it.
 *
 * <p>Thread-safety: call from the driver.
 */
public final class SparkReviewFiles {
  private static final Logger LOG = LoggerFactory.getLogger(SparkReviewFiles.class);

  private SparkReviewFiles() {}

  /**
   * The reviews of a read, and the reasons of its skipped lines.
   *
   * @param reviews the reviews, read when an action runs
   * @param skipReasons one element per skipped line, read when an action runs
   */
  public record Result(Dataset<Row> reviews, JavaRDD<SkipReason> skipReasons) {
    /**
     * Counts the skipped lines by reason (zeros left out) and logs them: one more pass over the
     * files, parsing only.
     *
     * @return the counts
     */
    public Map<SkipReason, Long> countSkipped() {
      Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
      skipReasons.countByValue().forEach(counts::put);
      if (!counts.isEmpty()) {
        LOG.warn("Skipped review lines: {}", counts);
      }
      return Collections.unmodifiableMap(counts);
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
    JavaRDD<Row> rows = null;
    JavaRDD<SkipReason> skips = null;
    for (int i = 0; i < paths.size(); i++) {
      int fileIndex = i;
      JavaPairRDD<LongWritable, Text> lines =
          context.newAPIHadoopFile(
              paths.get(i),
              TextInputFormat.class,
              LongWritable.class,
              Text.class,
              context.hadoopConfiguration());
      JavaRDD<Row> fileRows = lines.flatMap(line -> review(fileIndex, line._1().get(), line._2()));
      JavaRDD<SkipReason> fileSkips = lines.flatMap(line -> skipReason(line._2()));
      rows = rows == null ? fileRows : rows.union(fileRows);
      skips = skips == null ? fileSkips : skips.union(fileSkips);
    }
    return new Result(spark.createDataFrame(rows, SparkColumns.REVIEWS), skips);
  }

  private static Iterator<Row> review(int fileIndex, long offset, Text line) {
    if (line.getLength() > JsonLines.MAX_LINE_BYTES) {
      return Collections.emptyIterator();
    }
    ReviewLines.ParsedLine parsed = ReviewLines.parse(line.getBytes(), 0, line.getLength());
    if (parsed.review().isEmpty()) {
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

  private static Iterator<SkipReason> skipReason(Text line) {
    if (line.getLength() > JsonLines.MAX_LINE_BYTES) {
      return List.of(SkipReason.LINE_TOO_LONG).iterator();
    }
    return ReviewLines.parse(line.getBytes(), 0, line.getLength()).skipReason().stream().iterator();
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
