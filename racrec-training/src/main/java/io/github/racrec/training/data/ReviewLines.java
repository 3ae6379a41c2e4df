package io.github.racrec.training.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses one line of an Amazon review file (2014, 2018 or 2023 release) into a {@link
 * ReviewRecord}, or says why the line is skipped. {@link ReviewFileReader} reads whole files with
 * it; a distributed reader (the Spark jobs) calls it on each line it is given.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class ReviewLines {
  private static final JsonFactory JSON = new JsonFactory();

  private ReviewLines() {}

  /**
   * Parses one line (without its line break).
   *
   * @param buffer the bytes, UTF-8
   * @param offset where the line starts
   * @param length its length in bytes
   * @return the review, or the reason the line is skipped
   * @throws IndexOutOfBoundsException if the range is outside the buffer
   */
  public static ParsedLine parse(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (isBlank(buffer, offset, length)) {
      return ParsedLine.skipped(SkipReason.BLANK_LINE, "blank line");
    }
    Fields fields = new Fields();
    try (JsonParser parser = JSON.createParser(buffer, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return ParsedLine.skipped(SkipReason.MALFORMED_JSON, "not a JSON object");
      }
      fields.read(parser);
      if (parser.nextToken() != null) {
        return ParsedLine.skipped(SkipReason.MALFORMED_JSON, "text after the JSON object");
      }
    } catch (JsonProcessingException e) {
      return ParsedLine.skipped(SkipReason.MALFORMED_JSON, e.getOriginalMessage());
    } catch (IOException e) {
      // Parsing a byte array does no I/O; Jackson declares it anyway.
      throw new UncheckedIOException(e);
    }
    SkipReason problem = fields.problem();
    if (problem != null) {
      return ParsedLine.skipped(problem, fields.describe(problem));
    }
    return new ParsedLine(fields.toRecord(), fields.schema(), null, "");
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

  /**
   * What one line held: a review and its schema, or the reason it was skipped and a short detail
   * for the log.
   *
   * <p>Thread-safety: immutable.
   */
  public static final class ParsedLine {
    private final ReviewRecord review;
    private final ReviewSchema schema;
    private final SkipReason skipReason;
    private final String detail;

    private ParsedLine(
        ReviewRecord review, ReviewSchema schema, SkipReason skipReason, String detail) {
      this.review = review;
      this.schema = schema;
      this.skipReason = skipReason;
      this.detail = detail;
    }

    private static ParsedLine skipped(SkipReason reason, String detail) {
      return new ParsedLine(null, null, reason, detail == null ? "" : detail);
    }

    /**
     * Returns the review, if the line held a good one.
     *
     * @return the review, or empty for a skipped line
     */
    public Optional<ReviewRecord> review() {
      return Optional.ofNullable(review);
    }

    /**
     * Returns the release whose field names the line used.
     *
     * @return the schema, or empty for a skipped line
     */
    public Optional<ReviewSchema> schema() {
      return Optional.ofNullable(schema);
    }

    /**
     * Returns why the line was skipped.
     *
     * @return the reason, or empty for a good line
     */
    public Optional<SkipReason> skipReason() {
      return Optional.ofNullable(skipReason);
    }

    /**
     * Returns a short description of the problem, for the log.
     *
     * @return the detail, empty for a good line
     */
    public String detail() {
      return detail;
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
