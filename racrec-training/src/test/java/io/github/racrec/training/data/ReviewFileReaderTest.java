package io.github.racrec.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three schemas, with a broken line of every kind, read to exact counts. */
class ReviewFileReaderTest {
  @TempDir Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(ReviewFileReaderTest.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<ReviewRecord> read(Path file, ReadReport[] report) {
    List<ReviewRecord> records = new ArrayList<>();
    report[0] = ReviewFileReader.read(file, records::add);
    return records;
  }

  @Test
  void read_2023FixtureWithEveryKindOfBadLine_countsEachReason() {
    ReadReport[] report = new ReadReport[1];
    List<ReviewRecord> records = read(fixture("reviews-2023.jsonl"), report);
    assertEquals(ReviewSchema.AMAZON_2023, report[0].schema().orElseThrow());
    assertEquals(16, report[0].lines());
    assertEquals(3, report[0].records());
    assertEquals(
        Map.of(
            SkipReason.BLANK_LINE, 1L,
            SkipReason.MALFORMED_JSON, 4L,
            SkipReason.MISSING_USER, 1L,
            SkipReason.MISSING_ITEM, 1L,
            SkipReason.BAD_RATING, 4L,
            SkipReason.BAD_TIMESTAMP, 2L),
        report[0].skipped());
    assertEquals(12, report[0].badLines());
    assertEquals(
        new ReviewRecord("U1", "P01", 5f, "Great album. Loved it. Every track.", 1600000000000L),
        records.get(0));
    assertEquals("B02", records.get(1).itemId(), "asin stands in for a missing parent_asin");
    assertEquals("Only an asin here.", records.get(1).text());
    assertEquals("", records.get(2).text());
  }

  @Test
  void read_2014Fixture_convertsSecondsAndJoinsSummary() {
    ReadReport[] report = new ReadReport[1];
    List<ReviewRecord> records = read(fixture("reviews-2014.json"), report);
    assertEquals(ReviewSchema.AMAZON_2014_2018, report[0].schema().orElseThrow());
    assertEquals(7, report[0].lines());
    assertEquals(
        Map.of(
            SkipReason.MALFORMED_JSON, 1L,
            SkipReason.MISSING_USER, 1L,
            SkipReason.MISSING_ITEM, 1L,
            SkipReason.BAD_RATING, 1L,
            SkipReason.BAD_TIMESTAMP, 1L),
        report[0].skipped());
    assertEquals(
        List.of(
            new ReviewRecord(
                "A1",
                "0001",
                4f,
                "good version of a classic. A charming version of the classic.",
                1203984000000L),
            new ReviewRecord("A2", "0002", 5f, "Wonderful! Loved the songs.", 1203984001000L)),
        records);
  }

  @Test
  void read_2018Fixture_skipsNestedFieldsAndCountsBadLines() {
    ReadReport[] report = new ReadReport[1];
    List<ReviewRecord> records = read(fixture("reviews-2018.json"), report);
    assertEquals(7, report[0].lines());
    assertEquals(
        Map.of(
            SkipReason.BAD_RATING, 1L,
            SkipReason.MISSING_USER, 1L,
            SkipReason.BAD_TIMESTAMP, 1L,
            SkipReason.BLANK_LINE, 1L),
        report[0].skipped());
    assertEquals(
        List.of(
            "Amazing! So sorry I did not buy this years ago!",
            "Not great. Meh.",
            "No summary at all."),
        records.stream().map(ReviewRecord::text).toList());
  }

  @Test
  void read_gzipAndCrlf_giveTheSameRecords() throws IOException {
    Path plain = fixture("reviews-2018.json");
    String crlf = Files.readString(plain).replace("\n", "\r\n");
    Path gz = dir.resolve("reviews.json.whatever");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(crlf.getBytes(StandardCharsets.UTF_8));
    }
    ReadReport[] expected = new ReadReport[1];
    ReadReport[] actual = new ReadReport[1];
    assertEquals(read(plain, expected), read(gz, actual));
    assertEquals(expected[0].skipped(), actual[0].skipped());
  }

  @Test
  void read_missingFile_throwsDataFormat() {
    RacrecException e =
        assertThrows(
            RacrecException.class, () -> ReviewFileReader.read(dir.resolve("none.jsonl"), r -> {}));
    assertEquals(ErrorCode.DATA_FORMAT, e.code());
  }

  @Test
  void read_cutOffGzip_throwsDataFormatNamingIt() throws IOException {
    Path gz = dir.resolve("cut.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(fixture("reviews-2023.jsonl")));
    }
    byte[] bytes = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(bytes, bytes.length - 30));
    RacrecException e =
        assertThrows(RacrecException.class, () -> ReviewFileReader.read(gz, r -> {}));
    assertEquals(ErrorCode.DATA_FORMAT, e.code());
  }

  @Test
  void forEachLine_overLongLine_isReportedAndTheRestRead() throws IOException {
    String text = "short\n" + "x".repeat(100) + "\nafter\nlast-without-newline";
    List<String> lines = new ArrayList<>();
    List<Long> tooLong = new ArrayList<>();
    long count =
        JsonLines.forEachLine(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            new JsonLines.LineHandler() {
              @Override
              public void line(byte[] buffer, int offset, int length, long lineNumber) {
                lines.add(new String(buffer, offset, length, StandardCharsets.UTF_8));
              }

              @Override
              public void tooLong(long lineNumber) {
                tooLong.add(lineNumber);
              }
            },
            8,
            32);
    assertEquals(4, count);
    assertEquals(List.of("short", "after", "last-without-newline"), lines);
    assertEquals(List.of(2L), tooLong);
  }
}
