package io.github.racrec.training.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.data.ReadReport;
import io.github.racrec.training.data.ReviewFileReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the readers: 100,000 mutated review lines in each schema and 50,000 mutated
 * metadata lines. Every line must end as a record or a counted skip (no silent loss), nothing may
 * escape as an exception, and each file must be read within two minutes (no hang).
 */
class ReaderFuzzTest {
  private static final int LINES = 100_000;

  private static final List<String> REVIEWS_2023 =
      List.of(
          "{\"rating\":4.0,\"title\":\"Good\",\"text\":\"A warm record with soft piano.\","
              + "\"images\":[],\"asin\":\"B000000001\",\"parent_asin\":\"B000000001\","
              + "\"user_id\":\"AUSER00001\",\"timestamp\":1647939390698,\"helpful_vote\":0,"
              + "\"verified_purchase\":true}",
          "{\"rating\":1.0,\"title\":\"Bad\",\"text\":\"Loud and boring \\u00e9 \\ud83d\\ude00\","
              + "\"asin\":\"B000000002\",\"parent_asin\":\"B000000002\",\"user_id\":\"AUSER00002\","
              + "\"timestamp\":1515580090457}");

  private static final List<String> REVIEWS_2018 =
      List.of(
          "{\"overall\": 5.0, \"verified\": true, \"reviewTime\": \"06 3, 2013\", \"reviewerID\":"
              + " \"A2SUAM1J3GNN3B\", \"asin\": \"0000013714\", \"reviewerName\": \"J. McDonald\","
              + " \"reviewText\": \"I bought this for my husband.\", \"summary\": \"Heavenly\","
              + " \"unixReviewTime\": 1370217600}",
          "{\"overall\": 2.0, \"reviewerID\": \"A1\", \"asin\": \"B1\", \"reviewText\": \"meh\","
              + " \"unixReviewTime\": 1370217601, \"style\": {\"Format:\": \" Audio CD\"}}");

  private static final List<String> META =
      List.of(
          "{\"main_category\":\"Digital Music\",\"title\":\"Soul & Lover\",\"categories\":"
              + "[\"Digital Music\"],\"parent_asin\":\"B0L2Z9NKQG\"}",
          "{\"title\": \"Kind of Blue\", \"asin\": \"B000002ADT\", \"price\": \"$9.99\"}");

  @TempDir Path dir;

  @Test
  void mutated2023Reviews_areRecordsOrCountedSkips() throws IOException {
    fuzzReviews(REVIEWS_2023, 1);
  }

  @Test
  void mutated2018Reviews_areRecordsOrCountedSkips() throws IOException {
    fuzzReviews(REVIEWS_2018, 2);
  }

  @Test
  void mutatedMetadata_neverEscapes() throws IOException {
    Path file = writeMutated(META, LINES / 2, 3);
    AtomicLong wanted = new AtomicLong();
    ItemTitles titles =
        assertTimeoutPreemptively(
            Duration.ofMinutes(2),
            () ->
                ItemTitles.read(
                    file,
                    id -> {
                      wanted.incrementAndGet();
                      return true;
                    }));
    ReadReport report = titles.report().orElseThrow();
    assertEquals(LINES / 2 + META.size(), report.lines());
    System.out.printf("metadata fuzz: %s%n", report.summary());
  }

  private void fuzzReviews(List<String> seeds, long seed) throws IOException {
    Path file = writeMutated(seeds, LINES, seed);
    AtomicLong delivered = new AtomicLong();
    ReadReport report =
        assertTimeoutPreemptively(
            Duration.ofMinutes(2),
            () -> ReviewFileReader.read(file, review -> delivered.incrementAndGet()));
    long skipped = report.skipped().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(LINES + seeds.size(), report.lines(), "every line was seen");
    assertEquals(report.records(), delivered.get());
    assertEquals(report.lines(), report.records() + skipped, "each line a record or a skip");
    System.out.printf("review fuzz (seed %d): %s%n", seed, report.summary());
  }

  /** The valid seed lines first (so the schema is detected), then mutated copies. */
  private Path writeMutated(List<String> seeds, int count, long seed) throws IOException {
    Path file = dir.resolve("fuzz-" + seed + ".jsonl");
    ByteMutator mutator = new ByteMutator(seed);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      for (String line : seeds) {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
      for (int i = 0; i < count; i++) {
        byte[] line = seeds.get(mutator.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
        out.write(mutator.mutate(line));
        out.write('\n');
      }
    }
    return file;
  }
}
