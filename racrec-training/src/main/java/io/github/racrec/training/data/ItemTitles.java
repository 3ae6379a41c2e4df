package io.github.racrec.training.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.racrec.api.RacrecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * {@code title}) or 2014/2018 metadata ({@code asin}, {@code title}) as strict JSON lines or as the
 * Python-literal lines the 2014 release shipped (single quotes, {@code True}, {@code None}).
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
    long start = System.nanoTime();
    TitleLines lines = new TitleLines(wanted);
    long count = ReviewFileReader.readLines(file, lines);
    ReadReport report =
        new ReadReport(
            file, Optional.empty(), count, lines.records, lines.skipped, System.nanoTime() - start);
    LOG.info("Read titles {}", report.summary());
    return new ItemTitles(Map.copyOf(lines.titles), report);
  }

  /** Keeps the wanted titles of a metadata file, counting bad lines by reason. */
  private static final class TitleLines implements JsonLines.LineHandler {
    private final Predicate<String> wanted;
    private final Map<String, String> titles = new HashMap<>();
    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private long records;

    TitleLines(Predicate<String> wanted) {
      this.wanted = wanted;
    }

    @Override
    public void line(byte[] buffer, int offset, int length, long lineNumber) throws IOException {
      String text = new String(buffer, offset, length, StandardCharsets.UTF_8);
      if (text.isBlank()) {
        skipped.merge(SkipReason.BLANK_LINE, 1L, Long::sum);
        return;
      }
      String[] idAndTitle;
      try {
        idAndTitle = parse(JSON.createParser(text));
      } catch (JsonProcessingException strictFailed) {
        // The 2014 metadata files hold Python literals rather than JSON.
        try {
          idAndTitle = parse(JSON.createParser(PythonLiterals.toJson(text)));
        } catch (JsonProcessingException e) {
          idAndTitle = null;
        }
      }
      if (idAndTitle == null) {
        skipped.merge(SkipReason.MALFORMED_JSON, 1L, Long::sum);
      } else if (idAndTitle[0] == null || idAndTitle[0].isBlank()) {
        skipped.merge(SkipReason.MISSING_ITEM, 1L, Long::sum);
      } else {
        records++;
        if (wanted.test(idAndTitle[0])) {
          titles.put(idAndTitle[0], ReviewText.clean(idAndTitle[1]));
        }
      }
    }

    @Override
    public void tooLong(long lineNumber) {
      skipped.merge(SkipReason.LINE_TOO_LONG, 1L, Long::sum);
    }
  }

  /** Reads {id, title} from one JSON object, or null if the line is not a JSON object. */
  private static String[] parse(JsonParser parser) throws IOException {
    try (parser) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String parentAsin = null;
      String asin = null;
      String title = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING && name.equals("parent_asin")) {
          parentAsin = parser.getText();
        } else if (value == JsonToken.VALUE_STRING && name.equals("asin")) {
          asin = parser.getText();
        } else if (value == JsonToken.VALUE_STRING && name.equals("title")) {
          title = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        return null;
      }
      return new String[] {parentAsin != null ? parentAsin : asin, title};
    }
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
