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
    Path cache = work.resolve("vectors.bin");

    Output train =
        run(
            new TrainCommand(out(), out()),
            "--source",
            data.movieReviewFile().toString(),
            "--target",
            data.musicReviewFile().toString(),
            "--out",
            work.toString(),
            "--epochs",
            "3",
            "--vector-cache",
            cache.toString());
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
            data.musicReviewFile().toString(),
            "--target-meta",
            data.musicMetaFile().toString(),
            "--out",
            catalog.toString(),
            "--vector-cache",
            cache.toString());
    assertEquals(0, built.exit, built.text);
    assertTrue(Files.size(catalog) > 0);

    Output answer =
        runWithInput(
            "A slow, haunting film with a beautiful orchestral score.\n\nI loved the soundtrack.\n",
            "--model",
            model.toString(),
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
    Path samples = SampleData.requireDir();
    Path work = dir.resolve("work");
    Path cache = Path.of("target", "quickstart-test-vectors.bin");
    Output train =
        run(
            new TrainCommand(out(), out()),
            "--source",
            samples.resolve("saade92_Movies_and_TV_5.head999.2014.json").toString(),
            samples.resolve("darrkest_Movies_and_TV_5.head3017.2018.json").toString(),
            samples.resolve("darrkest_Movies_and_TV_5.sample633.2018.json").toString(),
            samples.resolve("darrkest_test_set.2018.json").toString(),
            "--target",
            samples.resolve("reviews_Digital_Music_5.partial.jsonl.gz").toString(),
            "--out",
            work.toString(),
            "--epochs",
            "3",
            "--vector-cache",
            cache.toString());
    assertEquals(0, train.exit, train.text);
    Path catalog = work.resolve("music.rcat");
    Output built =
        run(
            new CatalogCommand(out(), out()),
            "--model",
            work.resolve("model").toString(),
            "--target",
            samples.resolve("reviews_Digital_Music_5.partial.jsonl.gz").toString(),
            "--target-meta",
            samples.resolve("meta_Digital_Music.partial.for_review_items.jsonl").toString(),
            "--out",
            catalog.toString(),
            "--vector-cache",
            cache.toString());
    assertEquals(0, built.exit, built.text);
    Output answer =
        runWithInput(
            "",
            "--model",
            work.resolve("model").toString(),
            "--catalog",
            catalog.toString(),
            "-k",
            "5",
            "--json",
            "A gripping war drama, superbly acted.");
    assertEquals(0, answer.exit, answer.text);
    JsonNode items = JSON.readTree(answer.text).get("items");
    assertEquals(5, items.size(), answer.text);
    assertTrue(!items.get(0).get("title").asText().isBlank(), "titles from the metadata");
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
