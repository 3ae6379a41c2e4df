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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's main command: it prints 10 titled recommendations for each cold-start user. */
class QuickstartCommandTest {
  private static final Pattern RECOMMENDATION =
      Pattern.compile(
          "^ +(\\d+)\\. +(\\(\\+\\))? +(\\S.*?) +(\\d\\.\\d) +(\\[\\d+\\] [+-]\\d+\\.\\d\\d)?$");

  @TempDir Path dir;

  @Test
  void quickstart_printsTenTitledRecommendationsPerUser() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int exit =
        new CommandLine(new PipelineCommand(out, out))
            .execute(
                "--work-dir",
                dir.toString(),
                "--cold-start-users",
                "3",
                "--epochs",
                "5",
                // Kept in target/ so that CI's second build (JDK 25) encodes nothing again.
                "--vector-cache",
                Path.of("target", "quickstart-test-vectors.bin").toString());
    assertEquals(0, exit);
    List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();

    long users = lines.stream().filter(l -> l.startsWith("User ")).count();
    assertEquals(3, users);
    int recommendations = 0;
    for (String line : lines) {
      Matcher m = RECOMMENDATION.matcher(line);
      if (m.matches()) {
        recommendations++;
        assertTrue(Integer.parseInt(m.group(1)) <= 10);
        assertTrue(!m.group(3).isBlank() && !m.group(3).startsWith("B0"), "a title: " + line);
      }
    }
    assertEquals(30, recommendations, String.join("\n", lines));
    assertTrue(Files.isRegularFile(dir.resolve("catalog.rcat")));
    assertTrue(Files.isRegularFile(dir.resolve("model/racrec-model.json")));
    assertTrue(Files.isRegularFile(dir.resolve("training-curve.png")));
  }

  @Test
  void quickstart_onTheSharedSamples_recommendsWithTitles() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--work-dir",
                dir.toString(),
                "--cold-start-users",
                "2",
                "--epochs",
                "3",
                "--vector-cache",
                Path.of("target", "quickstart-test-vectors.bin").toString(),
                "--source"));
    SampleData.movieFiles().forEach(file -> args.add(file.toString()));
    args.addAll(
        List.of(
            "--target",
            SampleData.musicReviews().toString(),
            "--target-meta",
            SampleData.musicMeta().toString()));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(new PipelineCommand(out, out)).execute(args.toArray(String[]::new));
    assertEquals(0, exit);
    List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
    long recommendations = lines.stream().filter(l -> RECOMMENDATION.matcher(l).matches()).count();
    assertEquals(20, recommendations, String.join("\n", lines));
  }
}
