package io.github.racrec.training.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.training.data.ReadReport;
import io.github.racrec.training.data.ReviewFileReader;
import io.github.racrec.training.data.ReviewRecord;
import io.github.racrec.training.data.ReviewSchema;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoGeneratorTest {
  @TempDir Path dir;

  @Test
  void generate_sameConfigTwice_writesByteIdenticalFiles() throws IOException {
    DemoData first = DemoGenerator.generate(DemoConfig.defaults(), dir.resolve("a"));
    DemoData second = DemoGenerator.generate(DemoConfig.defaults(), dir.resolve("b"));
    for (String name :
        List.of(
            DemoGenerator.MOVIE_REVIEWS,
            DemoGenerator.MUSIC_REVIEWS,
            DemoGenerator.MOVIE_META,
            DemoGenerator.MUSIC_META,
            DemoGenerator.CONFIG,
            DemoGenerator.TRUTH)) {
      assertArrayEquals(
          Files.readAllBytes(first.folder().resolve(name)),
          Files.readAllBytes(second.folder().resolve(name)),
          name);
    }
    assertEquals(
        DemoConfig.defaults(), DemoConfig.read(first.folder().resolve(DemoGenerator.CONFIG)));
  }

  @Test
  void generate_defaults_giveAFewThousandCleanReviewsInThe2023Format() {
    DemoData data = DemoGenerator.generate(DemoConfig.defaults(), dir);
    List<ReviewRecord> music = new ArrayList<>();
    ReadReport report = ReviewFileReader.read(data.musicReviewFile(), music::add);
    assertEquals(ReviewSchema.AMAZON_2023, report.schema().orElseThrow());
    assertEquals(0, report.badLines());
    assertEquals(data.musicReviews(), music.size());
    assertTrue(data.musicReviews() > 2000 && data.movieReviews() > 3000, data.toString());
    Set<String> items = new HashSet<>();
    for (ReviewRecord review : music) {
      assertTrue(review.hasText());
      assertTrue(review.rating() >= 1 && review.rating() <= 5);
      items.add(review.itemId());
    }
    assertTrue(items.size() > 150, "most music items are reviewed: " + items.size());
  }

  @Test
  void generate_reviewTexts_areVariedSentencesNotKeywordLists() {
    DemoData data = DemoGenerator.generate(DemoConfig.defaults(), dir);
    List<String> texts = new ArrayList<>();
    ReviewFileReader.read(data.movieReviewFile(), r -> texts.add(r.text()));
    long distinct = texts.stream().distinct().count();
    assertTrue(distinct > 0.95 * texts.size(), distinct + " distinct of " + texts.size());
    for (String text : texts.subList(0, 50)) {
      assertTrue(text.endsWith(".") || text.endsWith("!"), text);
      assertTrue(text.split(" ").length >= 8, text);
    }
  }

  @Test
  void control_differsOnlyInTheLink() {
    DemoConfig control = DemoConfig.defaults().control();
    assertFalse(control.linked());
    assertEquals(DemoConfig.defaults().musicItems(), control.musicItems());
  }

  @Test
  void config_wrongGeneratorVersion_isRefused() throws IOException {
    Path file = dir.resolve("c.json");
    DemoConfig.defaults().write(file);
    Files.writeString(
        file,
        Files.readString(file).replace("\"generatorVersion\" : 1", "\"generatorVersion\" : 7"));
    RacrecException e = assertThrows(RacrecException.class, () -> DemoConfig.read(file));
    assertEquals(ErrorCode.DATA_FORMAT, e.code());
  }
}
