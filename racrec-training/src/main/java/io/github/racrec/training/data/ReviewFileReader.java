package io.github.racrec.training.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
  private static final JsonFactory JSON = new JsonFactory();
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
    public void line(byte[] buffer, int offset, int length, long lineNumber) throws IOException {
      if (isBlank(buffer, offset, length)) {
        skipped.merge(SkipReason.BLANK_LINE, 1L, Long::sum);
        return;
      }
      Fields fields = new Fields();
      try (JsonParser parser = JSON.createParser(buffer, offset, length)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          skip(SkipReason.MALFORMED_JSON, lineNumber, "not a JSON object");
          return;
        }
        fields.read(parser);
        if (parser.nextToken() != null) {
          skip(SkipReason.MALFORMED_JSON, lineNumber, "text after the JSON object");
          return;
        }
      } catch (JsonProcessingException e) {
        skip(SkipReason.MALFORMED_JSON, lineNumber, e.getOriginalMessage());
        return;
      }
      SkipReason problem = fields.problem();
      if (problem != null) {
        skip(problem, lineNumber, fields.describe(problem));
        return;
      }
      if (schema == null) {
        schema = fields.schema();
      }
      records++;
      sink.accept(fields.toRecord());
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

    private static boolean isBlank(byte[] buffer, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        byte b = buffer[i];
        if (b != ' ' && b != '\t' && b != '\r') {
          return false;
        }
      }
      return true;
    }
  }

  /** The fields of one review line, whichever release named them. */
  private static final class Fields {
    String user;
    String parentItem;
    String item;
    Float rating;
    boolean ratingInvalid;
    Long timestamp;
    boolean timestampInSeconds;
    boolean timestampInvalid;
    String title;
    String body;
    boolean newSchema;

    void read(JsonParser parser) throws IOException {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "user_id" -> {
            user = id(parser, value);
            newSchema = true;
          }
          case "reviewerID" -> user = id(parser, value);
          case "parent_asin" -> parentItem = id(parser, value);
          case "asin" -> item = id(parser, value);
          case "rating", "overall" -> readRating(parser, value);
          case "timestamp" -> readTime(parser, value, false);
          case "unixReviewTime" -> readTime(parser, value, true);
          case "title", "summary" -> title = string(parser, value);
          case "text", "reviewText" -> body = string(parser, value);
          default -> parser.skipChildren();
        }
      }
    }

    SkipReason problem() {
      if (user == null || user.isBlank()) {
        return SkipReason.MISSING_USER;
      }
      String itemId = parentItem != null && !parentItem.isBlank() ? parentItem : item;
      if (itemId == null || itemId.isBlank()) {
        return SkipReason.MISSING_ITEM;
      }
      if (ratingInvalid || rating == null || !(rating >= 1f && rating <= 5f)) {
        return SkipReason.BAD_RATING;
      }
      if (timestampInvalid || timestamp == null || timestamp < 0) {
        return SkipReason.BAD_TIMESTAMP;
      }
      return null;
    }

    String describe(SkipReason problem) {
      return switch (problem) {
        case MISSING_USER -> "no user_id or reviewerID";
        case MISSING_ITEM -> "no parent_asin or asin";
        case BAD_RATING ->
            rating == null ? "no numeric rating" : "rating " + rating + " is not 1 to 5";
        case BAD_TIMESTAMP -> timestamp == null ? "no whole-number time" : "time " + timestamp;
        default -> problem.name();
      };
    }

    ReviewSchema schema() {
      return newSchema ? ReviewSchema.AMAZON_2023 : ReviewSchema.AMAZON_2014_2018;
    }

    ReviewRecord toRecord() {
      String itemId = parentItem != null && !parentItem.isBlank() ? parentItem : item;
      long millis = timestampInSeconds ? timestamp * 1000L : timestamp;
      return new ReviewRecord(user, itemId, rating, ReviewText.join(title, body), millis);
    }

    private void readRating(JsonParser parser, JsonToken value) throws IOException {
      if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
        rating = parser.getFloatValue();
      } else {
        ratingInvalid = true;
        parser.skipChildren();
      }
    }

    private void readTime(JsonParser parser, JsonToken value, boolean seconds) throws IOException {
      if (value == JsonToken.VALUE_NUMBER_INT) {
        timestamp = parser.getLongValue();
        timestampInSeconds = seconds;
      } else {
        timestampInvalid = true;
        parser.skipChildren();
      }
    }

    private static String id(JsonParser parser, JsonToken value) throws IOException {
      if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
        return parser.getText().strip();
      }
      parser.skipChildren();
      return null;
    }

    private static String string(JsonParser parser, JsonToken value) throws IOException {
      if (value == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      parser.skipChildren();
      return null;
    }
  }
}
