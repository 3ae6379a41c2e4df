package io.github.racrec.onnx.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Locale;

/**
 * racrec's JSON settings (Jackson), in one place: how the files racrec writes look, and how it
 * reads JSON.
 *
 * <p>For every value racrec's files held before, the written text is byte for byte what Gson's
 * defaults wrote, because catalogs hash their metadata JSON into their fingerprint and committed
 * results are compared as text (one difference: {@code NaN} and {@code Infinity}, on which Gson's
 * defaults threw, are now written bare):
 *
 * <ul>
 *   <li>{@link #toPrettyJson}: two spaces of indent, {@code "name": value}, one array element a
 *       line, {@code {}} and {@code []} when empty, {@code \n} line ends, no final line end;
 *   <li>{@link #toJson}: all on one line, no spaces;
 *   <li>both leave out {@code null} fields and map entries, write numbers as {@link
 *       Double#toString} and {@link Float#toString} do, {@code NaN} and {@code Infinity} bare, and
 *       escape the characters HTML gives a meaning ({@code < > & = '}) as {@code \u003c} and so on,
 *       control characters with lower-case hex digits, and U+2028, U+2029;
 *   <li>{@link #toJsonKeepingHtml} is {@link #toJson} with {@code < > & = '} written as they are,
 *       for the web API.
 * </ul>
 *
 * <p>{@link #reader()} ignores unknown fields, accepts bare {@code NaN} and {@code Infinity}, and
 * otherwise reads strict JSON: one value, nothing after it.
 *
 * <p>Thread-safety: stateless; the Jackson objects behind it are immutable and shared.
 */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .build();
  private static final ObjectWriter LINE = MAPPER.writer().with(new Escapes(true));
  private static final ObjectWriter LINE_KEEPING_HTML = MAPPER.writer().with(new Escapes(false));
  private static final ObjectWriter PRETTY =
      LINE.with(
          new DefaultPrettyPrinter(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                      .withObjectEmptySeparator("")
                      .withArrayEmptySeparator(""))
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private Json() {}

  /**
   * Returns the reader for JSON racrec reads: trees, records, maps.
   *
   * @return the shared reader
   */
  public static ObjectReader reader() {
    return MAPPER.reader();
  }

  /**
   * Returns {@code value} as JSON on one line.
   *
   * @param value a map, list, record, string, number or boolean (nested freely)
   * @return the JSON text
   * @throws IllegalArgumentException if Jackson cannot write the value
   */
  public static String toJson(Object value) {
    return write(LINE, value);
  }

  /**
   * Returns {@code value} as indented JSON, as racrec's JSON files hold it.
   *
   * @param value a map, list, record, string, number or boolean (nested freely)
   * @return the JSON text, without a final line end
   * @throws IllegalArgumentException if Jackson cannot write the value
   */
  public static String toPrettyJson(Object value) {
    return write(PRETTY, value);
  }

  /**
   * Returns {@code value} as JSON on one line, with {@code < > & = '} as they are.
   *
   * @param value a map, list, record, string, number or boolean (nested freely)
   * @return the JSON text
   * @throws IllegalArgumentException if Jackson cannot write the value
   */
  public static String toJsonKeepingHtml(Object value) {
    return write(LINE_KEEPING_HTML, value);
  }

  private static String write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Gson's escapes: see the class comment. */
  private static final class Escapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final String HTML = "<>&='";

    private final int[] ascii;

    Escapes(boolean html) {
      ascii = standardAsciiEscapesForJSON();
      for (int c = 0; c < 0x20; c++) {
        if (ascii[c] == ESCAPE_STANDARD) {
          // Jackson writes the hex digits in upper case, Gson in lower case.
          ascii[c] = ESCAPE_CUSTOM;
        }
      }
      if (html) {
        for (int i = 0; i < HTML.length(); i++) {
          ascii[HTML.charAt(i)] = ESCAPE_CUSTOM;
        }
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      boolean custom =
          ch < ascii.length ? ascii[ch] == ESCAPE_CUSTOM : ch == 0x2028 || ch == 0x2029;
      return custom ? new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch)) : null;
    }
  }
}
