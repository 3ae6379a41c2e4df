package io.github.racrec.training.data;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Amazon review files of the 2014, 2018 and 2023 releases ({@code .json} or {@code .jsonl},
 * plain or gzip), one JSON object per line, into {@link ReviewRecord}s.
 *
 * <p>Field names decide the schema, per line: {@code user_id}/{@code reviewerID} for the user,
 * {@code parent_asin} (else {@code asin}) for the item, {@code rating}/{@code overall} for the
 * stars, {@code timestamp} (milliseconds) or {@code unixReviewTime} (seconds) for the time, and
 * {@code title}/{@code summary} plus {@code text}/{@code reviewText} for the text. The report names
 * the schema of the first review.
 *
 * <p>The file is streamed: memory does not grow with it. A bad line (cut off, not JSON, no user or
 * item id, rating not between 1 and 5, no time) is skipped, counted by reason, and the first few of
 * each reason are logged with their line numbers; it never stops the read. A file that cannot be
 * read at all (missing, or a damaged gzip stream) throws.
 *
 * <p>Thread-safety: the static methods are safe to call from several threads at once; each call has
 * its own state.
 */
public final class ReviewFileReader {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewFileReader.class);
  private static final int LOGGED_PER_REASON = 3;

  private ReviewFileReader() {}

  /**
   * Reads a review file, handing each good review to {@code sink} in file order.
   *
   * @param file the file
   * @param sink receives the reviews
   * @return what was read and skipped
   * @throws NullPointerException if an argument is null
   * @throws RacrecException with {@link ErrorCode#DATA_FORMAT} if the file is missing or cannot be
   *     decompressed, or with {@link ErrorCode#IO_ERROR} if reading fails
   */
  public static ReadReport read(Path file, Consumer<ReviewRecord> sink) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sink, "sink");
    LineParser parser = new LineParser(file, sink);
    long start = System.nanoTime();
    long lines = readLines(file, parser);
    ReadReport report =
        new ReadReport(
            file,
            Optional.ofNullable(parser.schema),
            lines,
            parser.records,
            parser.skipped,
            System.nanoTime() - start);
    LOG.info("Read {}", report.summary());
    return report;
  }

  static long readLines(Path file, JsonLines.LineHandler handler) {
    try {
      return JsonLines.forEachLine(file, handler);
    } catch (NoSuchFileException e) {
      throw new RacrecException(ErrorCode.DATA_FORMAT, "data file " + file + " does not exist", e);
    } catch (ZipException | EOFException e) {
      throw new RacrecException(
          ErrorCode.DATA_FORMAT,
          "data file " + file + " is a damaged or cut-off gzip file (" + e.getMessage() + ")",
          e);
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot read data file " + file, e);
    }
  }

  /** Parses lines, counting and logging the bad ones. */
  private static final class LineParser implements JsonLines.LineHandler {
    private final Path file;
    private final Consumer<ReviewRecord> sink;
    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private ReviewSchema schema;
    private long records;

    LineParser(Path file, Consumer<ReviewRecord> sink) {
      this.file = file;
      this.sink = sink;
    }

    @Override
    public void line(byte[] buffer, int offset, int length, long lineNumber) {
      ReviewLines.ParsedLine parsed = ReviewLines.parse(buffer, offset, length);
      if (parsed.review().isEmpty()) {
        SkipReason reason = parsed.skipReason().orElseThrow();
        if (reason == SkipReason.BLANK_LINE) {
          skipped.merge(reason, 1L, Long::sum);
        } else {
          skip(reason, lineNumber, parsed.detail());
        }
        return;
      }
      if (schema == null) {
        schema = parsed.schema().orElseThrow();
      }
      records++;
      sink.accept(parsed.review().orElseThrow());
    }

    @Override
    public void tooLong(long lineNumber) {
      skip(SkipReason.LINE_TOO_LONG, lineNumber, "over " + JsonLines.MAX_LINE_BYTES + " bytes");
    }

    private void skip(SkipReason reason, long lineNumber, String detail) {
      long count = skipped.merge(reason, 1L, Long::sum);
      if (count <= LOGGED_PER_REASON) {
        LOG.warn(
            "{} line {}: skipped ({}): {}{}",
            file.getFileName(),
            lineNumber,
            reason,
            detail,
            count == LOGGED_PER_REASON
                ? " (further lines with this problem are only counted)"
                : "");
      }
    }
  }
}
