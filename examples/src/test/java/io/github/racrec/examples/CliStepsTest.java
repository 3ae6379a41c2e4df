package io.github.racrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.racrec.testing.SampleData;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import java.io.ByteArrayInputStream;
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

/**
 * The README's "your own files" path: {@code train}, {@code catalog} and {@code recommend} as
 * separate steps, each reading only what the one before wrote.
 */
class CliStepsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void trainCatalogRecommend_onDemoFiles_answersTenItemsOfTheCatalog() throws Exception {
    DemoData data = DemoGenerator.generate(DemoConfig.defaults().scaled(80, 30, 40), dir);
    Path work = dir.resolve("work");
    Path catalog = work.resolve("music.rcat");
    trainAndBuildCatalog(
        List.of(data.movieReviewFile()),
        data.musicReviewFile(),
        data.musicMetaFile(),
        work,
        work.resolve("vectors.bin"));

    Output answer =
        runWithInput(
            "A slow, haunting film with a beautiful orchestral score.\n\nI loved the soundtrack.\n",
            "--model",
            work.resolve("model").toString(),
            "--catalog",
            catalog.toString(),
            "--json",
            "--file",
            "-");
    assertEquals(0, answer.exit, answer.text);
    JsonNode items = JSON.readTree(answer.text).get("items");
    assertEquals(10, items.size(), answer.text);
    List<String> ids = new ArrayList<>();
    for (JsonNode item : items) {
      ids.add(item.get("id").asText());
      assertTrue(item.get("rating").asDouble() >= 1, item.toString());
    }
    assertEquals(10, ids.stream().distinct().count(), "ten different items: " + ids);
    List<String> catalogIds = new ArrayList<>();
    for (String line : Files.readAllLines(data.musicReviewFile())) {
      catalogIds.add(JSON.readTree(line).get("parent_asin").asText());
    }
    assertTrue(catalogIds.containsAll(ids), "items of the target files: " + ids);
  }

  @Test
  void recommend_withoutReviews_failsWithItsCodeAndExitOne() throws Exception {
    Path work = DemoModel.workDir();
    Output answer =
        runWithInput(
            "\n  \n",
            "--model",
            work.resolve("model").toString(),
            "--catalog",
            work.resolve("catalog.rcat").toString());
    assertEquals(1, answer.exit, answer.text);
    assertTrue(answer.text.startsWith("racrec: INVALID_ARGUMENT"), answer.text);
  }

  @Test
  void trainCatalogRecommend_onTheSharedSamples() throws Exception {
    Path work = dir.resolve("work");
    trainAndBuildCatalog(
        SampleData.movieFiles(),
        SampleData.musicReviews(),
        SampleData.musicMeta(),
        work,
        Path.of("target", "quickstart-test-vectors.bin"));
    Output answer =
        runWithInput(
            "",
            "--model",
            work.resolve("model").toString(),
            "--catalog",
            work.resolve("music.rcat").toString(),
            "-k",
            "5",
            "--json",
            "A gripping war drama, superbly acted.");
    assertEquals(0, answer.exit, answer.text);
    JsonNode items = JSON.readTree(answer.text).get("items");
    assertEquals(5, items.size(), answer.text);
    assertTrue(!items.get(0).get("title").asText().isBlank(), "titles from the metadata");
  }

  /** {@code train} (3 epochs) into {@code work/model}, then {@code catalog} into its music.rcat. */
  private void trainAndBuildCatalog(
      List<Path> sources, Path target, Path targetMeta, Path work, Path cache) {
    List<String> trainArgs = new ArrayList<>(List.of("--source"));
    sources.forEach(source -> trainArgs.add(source.toString()));
    trainArgs.addAll(
        List.of(
            "--target",
            target.toString(),
            "--out",
            work.toString(),
            "--epochs",
            "3",
            "--vector-cache",
            cache.toString()));
    Output train = run(new TrainCommand(out(), out()), trainArgs.toArray(String[]::new));
    assertEquals(0, train.exit, train.text);
    assertTrue(train.text.contains("best epoch"), train.text);
    Path model = work.resolve("model");
    assertTrue(Files.isRegularFile(model.resolve("racrec-model.json")), train.text);

    Path catalog = work.resolve("music.rcat");
    Output built =
        run(
            new CatalogCommand(out(), out()),
            "--model",
            model.toString(),
            "--target",
            target.toString(),
            "--target-meta",
            targetMeta.toString(),
            "--out",
            catalog.toString(),
            "--vector-cache",
            cache.toString());
    assertEquals(0, built.exit, built.text);
    assertTrue(Files.isRegularFile(catalog) && catalog.toFile().length() > 0, built.text);
  }

  // --- helpers: one buffer per command, so each step's output is checked on its own ---

  private ByteArrayOutputStream buffer;
  private PrintStream stream;

  private PrintStream out() {
    if (stream == null) {
      buffer = new ByteArrayOutputStream();
      stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
    return stream;
  }

  private Output run(Object command, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setErr(new java.io.PrintWriter(out(), true));
    int exit = cli.execute(args);
    Output output = new Output(exit, buffer.toString(StandardCharsets.UTF_8));
    stream = null;
    return output;
  }

  private Output runWithInput(String input, String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    CommandLine cli =
        new CommandLine(
            new RecommendCommand(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(stdout, true, StandardCharsets.UTF_8)));
    cli.setExecutionExceptionHandler(RacrecCli::reportError);
    cli.setErr(
        new java.io.PrintWriter(new PrintStream(stderr, true, StandardCharsets.UTF_8), true));
    int exit = cli.execute(args);
    String text =
        exit == 0
            ? stdout.toString(StandardCharsets.UTF_8)
            : stderr.toString(StandardCharsets.UTF_8);
    return new Output(exit, text);
  }

  private record Output(int exit, String text) {}
}
