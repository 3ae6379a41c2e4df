package io.github.racrec.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The JSON text racrec writes is the text its files have always held (written by Gson before): the
 * expected strings here are Gson's output for the same values.
 */
class JsonTest {
  record Settings(int size, float rate, long seed, List<String> switches, String note) {}

  static Map<String, Object> report() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("command", "Bench --out a.json");
    report.put("cores", 2);
    report.put("peak", Map.of(1, 1.1724938263596878E11));
    report.put("ms", List.of(0.6371088364068904, 1.0));
    report.put("settings", new Settings(32, 0.001f, 7L, List.of("A", "B"), null));
    report.put("floor", null);
    report.put("empty", List.of());
    report.put("none", Map.of());
    report.put("nan", Double.NaN);
    return report;
  }

  @Test
  void toPrettyJson_layoutAndNumbers_asRacrecFilesHoldThem() {
    assertEquals(
        String.join(
            "\n",
            "{",
            "  \"command\": \"Bench --out a.json\",",
            "  \"cores\": 2,",
            "  \"peak\": {",
            "    \"1\": 1.1724938263596878E11",
            "  },",
            "  \"ms\": [",
            "    0.6371088364068904,",
            "    1.0",
            "  ],",
            "  \"settings\": {",
            "    \"size\": 32,",
            "    \"rate\": 0.001,",
            "    \"seed\": 7,",
            "    \"switches\": [",
            "      \"A\",",
            "      \"B\"",
            "    ]",
            "  },",
            "  \"empty\": [],",
            "  \"none\": {},",
            "  \"nan\": NaN",
            "}"),
        Json.toPrettyJson(report()));
  }

  @Test
  void toJson_oneLine_nullsLeftOut() {
    assertEquals(
        "{\"command\":\"Bench --out a.json\",\"cores\":2,\"peak\":{\"1\":1.1724938263596878E11},"
            + "\"ms\":[0.6371088364068904,1.0],\"settings\":{\"size\":32,\"rate\":0.001,\"seed\":7,"
            + "\"switches\":[\"A\",\"B\"]},\"empty\":[],\"none\":{},\"nan\":NaN}",
        Json.toJson(report()));
    assertEquals("[\"a\",null]", Json.toJson(Arrays.asList("a", null)), "list elements stay");
  }

  @Test
  void toJson_escapesHtmlAndControlCharactersAsGsonDid() {
    Map<String, String> metadata = new TreeMap<>();
    metadata.put("a<b>", "x & y = 'z' \"q\" \\ \t\n\u0001\u001f\u007f \u2028\u2029 é 日");
    assertEquals(
        "{\"a\\u003cb\\u003e\":\"x \\u0026 y \\u003d \\u0027z\\u0027 \\\"q\\\" \\\\ \\t\\n"
            + "\\u0001\\u001f\u007f \\u2028\\u2029 é 日\"}",
        Json.toJson(metadata));
  }

  @Test
  void toJsonKeepingHtml_writesHtmlCharactersAsTheyAre() {
    assertEquals(
        "\"Rock & Roll <Live> = 'n' \\u001f \\u2028\"",
        Json.toJsonKeepingHtml("Rock & Roll <Live> = 'n' \u001f \u2028"));
  }

  @Test
  void reader_readsWhatItWrites_ignoresUnknownFields_refusesTrailingText() throws Exception {
    String text = Json.toPrettyJson(report());
    JsonNode tree = Json.reader().readTree(text);
    assertTrue(tree.get("nan").isDouble() && Double.isNaN(tree.get("nan").doubleValue()));
    Settings settings =
        Json.reader()
            .forType(Settings.class)
            .readValue("{\"size\": 3, \"rate\": 0.5, \"seed\": 1, \"extra\": true}");
    assertEquals(new Settings(3, 0.5f, 1, null, null), settings);
    assertThrows(JsonProcessingException.class, () -> Json.reader().readTree("{} {}"));
  }
}
