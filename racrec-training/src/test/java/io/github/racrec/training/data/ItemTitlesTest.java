package io.github.racrec.training.data;

import static io.github.racrec.training.data.ReviewFileReaderTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemTitlesTest {

  @Test
  void read_2023Meta_keepsParentAsinTitles() {
    ItemTitles titles = ItemTitles.read(fixture("meta-2023.jsonl"), id -> true);
    assertEquals(2, titles.size());
    assertEquals("Kind of Blue", titles.title("P01"));
    assertEquals("Second Album", titles.title("P02"));
    assertEquals("", titles.title("unknown"));
    assertEquals(
        Map.of(SkipReason.MISSING_ITEM, 1L, SkipReason.MALFORMED_JSON, 1L),
        titles.report().orElseThrow().skipped());
  }

  @Test
  void read_2014StrictJson_readsAsinTitles() {
    ItemTitles titles = ItemTitles.read(fixture("meta-2014-strict.json"), id -> true);
    assertEquals("Memory of Trees", titles.title("0001"));
    assertEquals("", titles.title("0002"));
  }

  @Test
  void read_2014PythonLiterals_readsQuotesAndKeywords() {
    ItemTitles titles = ItemTitles.read(fixture("meta-2014-python.json"), id -> true);
    assertEquals("Memory of Trees", titles.title("0001"));
    assertEquals("Don't Stop \"Believin'\"", titles.title("0002"));
    assertEquals("It's a \"quote\"", titles.title("0003"));
    assertEquals(Map.of(SkipReason.MALFORMED_JSON, 1L), titles.report().orElseThrow().skipped());
  }

  @Test
  void read_wantedFilter_keepsOnlyThoseTitles() {
    ItemTitles titles = ItemTitles.read(fixture("meta-2023.jsonl"), "P02"::equals);
    assertEquals(1, titles.size());
  }
}
