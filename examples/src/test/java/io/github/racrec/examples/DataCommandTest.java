package io.github.racrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.testing.SampleData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandTest {
  @TempDir Path dir;

  private static String run(String... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int exit =
        new CommandLine(new DataCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8)))
            .execute(args);
    assertEquals(0, exit);
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void data_oneFile_reportsCountsSkipsAndRatings() throws Exception {
    Path file =
        Files.write(
            dir.resolve("r.jsonl"),
            List.of(
                "{\"user_id\":\"u1\",\"parent_asin\":\"i1\",\"rating\":5,\"timestamp\":1,\"text\":\"a\"}",
                "{\"user_id\":\"u1\",\"parent_asin\":\"i1\",\"rating\":3,\"timestamp\":2,\"text\":\"b\"}",
                "{\"user_id\":\"u2\",\"parent_asin\":\"i2\",\"rating\":9,\"timestamp\":3}",
                "garbage"));
    String output = run(file.toString());
    assertTrue(output.contains("skipped 1 malformed_json, 1 bad_rating"), output);
    assertTrue(output.contains("1 reviews by 1 users on 1 items (1 duplicate"), output);
    assertTrue(output.contains("3 stars         1"), output);
  }

  @Test
  void data_samplePair_reports128OverlappingUsers() {
    List<String> args = new ArrayList<>(List.of("--source"));
    SampleData.movieFiles().forEach(file -> args.add(file.toString()));
    args.addAll(List.of("--target", SampleData.musicReviews().toString()));
    String output = run(args.toArray(String[]::new));
    assertTrue(
        output.contains("overlapping users (>= 1 source and >= 1 target reviews): 128"), output);
    assertTrue(output.contains("target: 6,908 reviews by 2,490 users on 382 items"), output);
  }
}
