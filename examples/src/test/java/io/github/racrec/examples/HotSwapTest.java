package io.github.racrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.racrec.api.Review;
import io.github.racrec.examples.web.AdminServer;
import io.github.racrec.examples.web.LiveModels;
import io.github.racrec.onnx.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The service on the library's hot swap: five swaps between a float32 and an int8 catalog of the
 * demo model during a load run, with no failed request and every answer equal to what the set that
 * claims it gives; and a swap to a broken set refused while the old set keeps serving.
 */
class HotSwapTest {
  @TempDir static Path dir;
  static Path model;
  static Path float32;
  static Path int8;

  @BeforeAll
  static void buildAnInt8Catalog() {
    Path work = DemoModel.workDir();
    model = work.resolve("model");
    float32 = work.resolve("catalog.rcat");
    int8 = dir.resolve("catalog-int8.rcat");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int exit =
        new CommandLine(new CatalogCommand(out, out))
            .execute(
                "--model",
                model.toString(),
                "--target",
                work.resolve("demo/Digital_Music.jsonl").toString(),
                "--element-type",
                "INT8",
                "--out",
                int8.toString(),
                "--vector-cache",
                Path.of("target", "quickstart-test-vectors.bin").toString());
    assertEquals(0, exit, buffer.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theTwoCatalogs_answerDifferently_soAnswersTellTheirSet() {
    ServingFiles files = new ServingFiles();
    List<Review> reviews = List.of(Review.of("A haunting film with a score that stayed with me."));
    try (LiveModels a = new LiveModels(files.load(model, float32));
        LiveModels b = new LiveModels(files.load(model, int8))) {
      assertNotEquals(
          a.recommend(reviews, 10).value().get(0).score(),
          b.recommend(reviews, 10).value().get(0).score());
    }
  }

  @Test
  void loadTest_withFiveSwaps_hasNoErrorsAndEveryAnswerMatchesItsSet() throws Exception {
    Path report = dir.resolve("web-load.json");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int exit =
        new CommandLine(new LoadTestCommand(out))
            .execute(
                "--model",
                model.toString(),
                "--catalog",
                float32.toString(),
                "--swap-catalog",
                int8.toString(),
                "--swaps",
                "5",
                "--clients",
                "4",
                "--seconds",
                "6",
                "--out",
                report.toString());
    String console = buffer.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, console);
    JsonNode json = Json.reader().readTree(Files.readString(report));
    assertEquals(5, json.get("swapsDone").asInt(), console);
    assertEquals(0, json.get("errors").asLong(), console);
    assertEquals(0, json.get("mismatches").asLong(), console);
    assertEquals(6, json.get("answersPerSet").size(), "every set served: " + console);
    assertTrue(json.get("requests").asLong() > 30, console);
  }

  @Test
  void swapToABrokenCatalog_isRefused_andTheOldSetKeepsServing() throws Exception {
    Path broken = dir.resolve("broken.rcat");
    byte[] bytes = Files.readAllBytes(float32);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(broken, bytes);
    ServingFiles files = new ServingFiles();
    try (LiveModels models = new LiveModels(files.load(model, float32));
        AdminServer admin = AdminServer.start(0, models, files::load)) {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> refused = swap(client, admin, model, broken);
      assertEquals(422, refused.statusCode(), refused.body());
      assertEquals(
          "CATALOG_CORRUPT",
          Json.reader().readTree(refused.body()).get("error").get("code").asText());
      assertEquals("set-1", models.currentSetName());

      HttpResponse<String> done = swap(client, admin, model, int8);
      assertEquals(200, done.statusCode(), done.body());
      assertNotEquals("set-1", models.currentSetName());
      assertEquals("INT8", models.info().get("elementType"));
    }
  }

  private static HttpResponse<String> swap(
      HttpClient client, AdminServer admin, Path model, Path catalog) throws Exception {
    String body =
        Json.toJson(java.util.Map.of("model", model.toString(), "catalog", catalog.toString()));
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + "/admin/swap"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
