package io.github.racrec.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import io.github.racrec.examples.web.RecommendationJson;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Recommends from a trained model and its catalog to one user given by their reviews. */
@Command(
    name = "recommend",
    mixinStandardHelpOptions = true,
    description = {
      "Recommend the top k target items to one user known by their source-domain reviews: given"
          + " as arguments, one per line in --file, or one per line on standard input."
    })
final class RecommendCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--model", required = true, description = "The model folder (from train).")
  Path model;

  @Option(names = "--catalog", required = true, description = "Its catalog (from catalog).")
  Path catalog;

  @Option(names = "-k", description = "How many items (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--file", description = "Reviews, one per line ('-' for standard input).")
  Path file;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Parameters(arity = "0..*", paramLabel = "REVIEW", description = "Reviews, one per argument.")
  List<String> reviewArguments = List.of();

  private final InputStream in;
  private final PrintStream out;

  RecommendCommand() {
    this(System.in, System.out);
  }

  RecommendCommand(InputStream in, PrintStream out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    List<String> texts = reviews();
    if (texts.isEmpty()) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT, "no reviews: give them as arguments, in --file or on stdin");
    }
    List<Review> reviews = texts.stream().map(Review::of).toList();
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build();
        RacRecTowers towers = RacRecTowers.open(model);
        ExactCatalogIndex index = ExactCatalogIndex.open(catalog);
        Recommender recommender = RacRecRecommender.create(encoder, towers, index)) {
      List<Recommendation> top = recommender.recommend(reviews, k);
      if (json) {
        printJson(top, texts, index.kernelName());
      } else {
        printTable(top, texts, index.kernelName());
      }
    }
    return 0;
  }

  private List<String> reviews() throws IOException {
    List<String> texts = new ArrayList<>(reviewArguments);
    if (file != null && !file.toString().equals("-")) {
      texts.addAll(nonBlankLines(Files.newInputStream(file)));
    } else if (file != null || texts.isEmpty()) {
      texts.addAll(nonBlankLines(in));
    }
    return texts;
  }

  private static List<String> nonBlankLines(InputStream stream) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      return reader.lines().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void printJson(List<Recommendation> top, List<String> texts, String kernel)
      throws IOException {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("scanKernel", kernel);
    answer.put("items", top.stream().map(r -> RecommendationJson.of(r, texts)).toList());
    out.println(JSON.writeValueAsString(answer));
  }

  private void printTable(List<Recommendation> top, List<String> texts, String kernel) {
    out.printf(
        Locale.ROOT,
        "Top %d from %d reviews (scan kernel: %s)%n",
        top.size(),
        texts.size(),
        kernel);
    for (int i = 0; i < top.size(); i++) {
      Recommendation r = top.get(i);
      String because =
          r.explanation()
              .flatMap(e -> e.strongest())
              .map(
                  c ->
                      String.format(
                          Locale.ROOT,
                          "because of [%d] %+.2f",
                          c.reviewIndex() + 1,
                          c.contribution()))
              .orElse("");
      out.printf(
          Locale.ROOT,
          "%2d. %-40s %-12s %4.1f stars  score %7.3f  %s%n",
          i + 1,
          shorten(r.title().isEmpty() ? r.itemId() : r.title(), 40),
          r.itemId(),
          r.predictedRating().orElse(Double.NaN),
          r.score(),
          because);
    }
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
