package io.github.racrec.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossDomainAssemblerTest {
  @TempDir Path dir;

  private static String line(String user, String item, double rating, long seconds, String text) {
    return String.format(
        java.util.Locale.ROOT,
        "{\"user_id\": \"%s\", \"parent_asin\": \"%s\", \"rating\": %.1f, \"timestamp\": %d,"
            + " \"title\": \"\", \"text\": \"%s\"}",
        user,
        item,
        rating,
        seconds * 1000,
        text);
  }

  private Path file(String name, String... lines) throws IOException {
    return Files.write(dir.resolve(name), List.of(lines));
  }

  private Path movies() throws IOException {
    return file(
        "movies.jsonl",
        line("u1", "m1", 5, 10, "u1 m1 old"),
        line("u1", "m1", 2, 20, "u1 m1 new"), // newer duplicate replaces
        line("u1", "m2", 4, 30, "u1 m2"),
        line("u2", "m1", 3, 40, "u2 m1"),
        line("u3", "m3", 3, 50, "u3 m3"), // u3 has no music: skipped in pass two
        line("u4", "m1", 1, 60, "u4 m1"),
        line("u4", "m2", 1, 60, "u4 m2 first"),
        line("u4", "m2", 2, 60, "u4 m2 same time, later")); // equal time: later wins
  }

  private Path music() throws IOException {
    return file(
        "music.jsonl",
        line("u1", "a1", 5, 1, "u1 a1"),
        line("u1", "a2", 4, 2, "u1 a2"),
        line("u2", "a1", 3, 3, "u2 a1"),
        line("u4", "a3", 2, 4, "u4 a3"),
        line("u4", "a3", 5, 3, "u4 a3 older: ignored"),
        line("u5", "a2", 4, 5, "u5 a2")); // music only
  }

  @Test
  void assemble_deduplicatesKeepingNewestAndAppliesThresholds() throws IOException {
    CrossDomainDataset data =
        CrossDomainAssembler.assemble(
            List.of(movies()), List.of(music()), new AssemblyConfig(2, 1, true));
    List<String> overlap = new ArrayList<>();
    for (int u : data.overlapUsers()) {
      overlap.add(data.users().id(u));
    }
    assertEquals(List.of("u1", "u4"), overlap, "u2 has one movie review, u3 no music");
    assertEquals(4, data.source().size(), "u1: m1 (newest), m2; u4: m1, m2 (later)");
    assertEquals(List.of("u1 m1 new", "u1 m2"), texts(data.source(), data.users().indexOf("u1")));
    assertEquals(
        List.of("u4 m1", "u4 m2 same time, later"),
        texts(data.source(), data.users().indexOf("u4")));
    assertEquals(5, data.target().size(), "every user's music, duplicates merged");
    assertEquals(List.of("u4 a3"), texts(data.target(), data.users().indexOf("u4")));
    assertEquals(2, data.report().sourceDuplicates());
    assertEquals(1, data.report().targetDuplicates());
    assertEquals(1, data.report().sourceReviewsOfOtherUsers(), "u3's movie review");
  }

  @Test
  void assemble_withoutOtherTargetUsers_keepsOnlyOverlappingMusic() throws IOException {
    CrossDomainDataset data =
        CrossDomainAssembler.assemble(
            List.of(movies()), List.of(music()), new AssemblyConfig(2, 1, false));
    assertEquals(3, data.target().size(), "u1's two and u4's one");
  }

  @Test
  void cache_roundTrip_givesTheSameDatasetAndIsUsedNextTime() throws IOException {
    Path cache = dir.resolve("cache/data.bin");
    List<Path> source = List.of(movies());
    List<Path> target = List.of(music());
    CrossDomainDataset built =
        DatasetCache.loadOrAssemble(source, target, AssemblyConfig.anyOverlap(), cache);
    assertFalse(built.report().fromCache());
    CrossDomainDataset cached =
        DatasetCache.loadOrAssemble(source, target, AssemblyConfig.anyOverlap(), cache);
    assertTrue(cached.report().fromCache());
    assertSame(built, cached);
  }

  @Test
  void cache_inputChangedOrThresholdsChangedOrCacheDamaged_assemblesAgain() throws IOException {
    Path cache = dir.resolve("data.bin");
    Path moviesFile = movies();
    List<Path> target = List.of(music());
    DatasetCache.loadOrAssemble(List.of(moviesFile), target, AssemblyConfig.anyOverlap(), cache);
    assertFalse(
        DatasetCache.loadOrAssemble(
                List.of(moviesFile), target, new AssemblyConfig(2, 1, true), cache)
            .report()
            .fromCache());
    Files.writeString(
        moviesFile,
        line("u9", "m9", 4, 99, "new line") + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.setLastModifiedTime(moviesFile, FileTime.fromMillis(1));
    assertFalse(
        DatasetCache.loadOrAssemble(
                List.of(moviesFile), target, new AssemblyConfig(2, 1, true), cache)
            .report()
            .fromCache());
    byte[] bytes = Files.readAllBytes(cache);
    Files.write(cache, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    CrossDomainDataset rebuilt =
        DatasetCache.loadOrAssemble(
            List.of(moviesFile), target, new AssemblyConfig(2, 1, true), cache);
    assertFalse(rebuilt.report().fromCache());
    assertTrue(
        DatasetCache.loadOrAssemble(
                List.of(moviesFile), target, new AssemblyConfig(2, 1, true), cache)
            .report()
            .fromCache());
  }

  private static List<String> texts(DomainReviews reviews, int user) {
    List<String> texts = new ArrayList<>();
    for (int r : reviews.reviewsOfUser(user)) {
      texts.add(reviews.text(r));
    }
    return texts;
  }

  private static void assertSame(CrossDomainDataset a, CrossDomainDataset b) {
    assertArrayEquals(a.overlapUsers(), b.overlapUsers());
    assertEquals(a.users().size(), b.users().size());
    for (int u = 0; u < a.users().size(); u++) {
      assertEquals(a.users().id(u), b.users().id(u));
    }
    for (DomainReviews[] pair :
        List.of(
            new DomainReviews[] {a.source(), b.source()},
            new DomainReviews[] {a.target(), b.target()})) {
      assertEquals(pair[0].size(), pair[1].size());
      for (int r = 0; r < pair[0].size(); r++) {
        assertEquals(pair[0].user(r), pair[1].user(r));
        assertEquals(pair[0].item(r), pair[1].item(r));
        assertEquals(pair[0].rating(r), pair[1].rating(r));
        assertEquals(pair[0].timestampMillis(r), pair[1].timestampMillis(r));
        assertEquals(pair[0].text(r), pair[1].text(r));
      }
    }
    assertEquals(a.describe(), b.describe());
  }
}
