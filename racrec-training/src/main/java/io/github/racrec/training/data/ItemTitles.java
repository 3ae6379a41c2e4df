package io.github.racrec.training.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.racrec.api.RacrecException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Item titles read from an Amazon metadata file: 2023 {@code meta_*.jsonl} ({@code parent_asin},
 * {@code title}) or 2014/2018 metadata as strict JSON lines ({@code asin}, {@code title}).
 *
 * <p>Thread-safety: immutable once read.
 */
public final class ItemTitles {
  private static final Logger LOG = LoggerFactory.getLogger(ItemTitles.class);
  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, String> titles;
  private final ReadReport report;

  private ItemTitles(Map<String, String> titles, ReadReport report) {
    this.titles = titles;
    this.report = report;
  }

  /**
   * Returns an empty set of titles, for when there is no metadata file.
   *
   * @return titles that know no item
   */
  public static ItemTitles none() {
    return new ItemTitles(Map.of(), null);
  }

  /**
   * Reads the titles of the items {@code wanted} accepts (all items: {@code id -> true}), streaming
   * the file, so that only those titles are kept in memory.
   *
   * @param file the metadata file, plain or gzip
   * @param wanted which item ids to keep
   * @return the titles
   * @throws RacrecException as {@link ReviewFileReader#read}
   */
  public static ItemTitles read(Path file, Predicate<String> wanted) {
    Objects.requireNonNull(wanted, "wanted");
    Map<String, String> titles = new HashMap<>();
    Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    long start = System.nanoTime();
    long[] records = {0};
    long lines =
        ReviewFileReader.readLines(
            file,
            new JsonLines.LineHandler() {
              @Override
              public void line(byte[] buffer, int offset, int length, long lineNumber)
                  throws IOException {
                String id = null;
                String title = null;
                boolean blank = true;
                for (int i = offset; i < offset + length && blank; i++) {
                  blank = buffer[i] == ' ' || buffer[i] == '\t' || buffer[i] == '\r';
                }
                if (blank) {
                  skipped.merge(SkipReason.BLANK_LINE, 1L, Long::sum);
                  return;
                }
                try (JsonParser parser = JSON.createParser(buffer, offset, length)) {
                  if (parser.nextToken() != JsonToken.START_OBJECT) {
                    skipped.merge(SkipReason.MALFORMED_JSON, 1L, Long::sum);
                    return;
                  }
                  String asin = null;
                  while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (value == JsonToken.VALUE_STRING && name.equals("parent_asin")) {
                      id = parser.getText();
                    } else if (value == JsonToken.VALUE_STRING && name.equals("asin")) {
                      asin = parser.getText();
                    } else if (value == JsonToken.VALUE_STRING && name.equals("title")) {
                      title = parser.getText();
                    } else {
                      parser.skipChildren();
                    }
                  }
                  id = id != null ? id : asin;
                } catch (JsonProcessingException e) {
                  skipped.merge(SkipReason.MALFORMED_JSON, 1L, Long::sum);
                  return;
                }
                if (id == null || id.isBlank()) {
                  skipped.merge(SkipReason.MISSING_ITEM, 1L, Long::sum);
                  return;
                }
                records[0]++;
                if (wanted.test(id)) {
                  titles.put(id, ReviewText.clean(title));
                }
              }

              @Override
              public void tooLong(long lineNumber) {
                skipped.merge(SkipReason.LINE_TOO_LONG, 1L, Long::sum);
              }
            });
    ReadReport report =
        new ReadReport(
            file, Optional.empty(), lines, records[0], skipped, System.nanoTime() - start);
    LOG.info("Read titles {}", report.summary());
    return new ItemTitles(Map.copyOf(titles), report);
  }

  /**
   * Returns an item's title.
   *
   * @param itemId the item's id
   * @return the title, empty if unknown
   */
  public String title(String itemId) {
    return titles.getOrDefault(itemId, "");
  }

  /**
   * Returns the number of titles known.
   *
   * @return the count
   */
  public int size() {
    return titles.size();
  }

  /**
   * Returns the report of the read, if titles were read from a file.
   *
   * @return the report
   */
  public Optional<ReadReport> report() {
    return Optional.ofNullable(report);
  }
}
