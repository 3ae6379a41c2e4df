package io.github.racrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import io.github.racrec.examples.web.RecommendationServer;
import io.github.racrec.examples.web.RecommendationSource;
import io.github.racrec.examples.web.ServiceLimits;
import io.github.racrec.onnx.internal.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API: answers, and a clear JSON error for every bad request, after which it serves on.
 */
class WebApiTest {
  private static WebServiceFixture service;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    service = new WebServiceFixture(ServiceLimits.defaults());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void recommend_answersTopKWithTitlesRatingsAndTheReviewThatCountedMost() throws Exception {
    List<String> reviews =
        List.of(
            "A haunting film with a score that stayed with me for days.",
            "Loud, dumb action movie, but the car chases are fun.");
    HttpResponse<String> response =
        post("{\"reviews\": [\"" + reviews.get(0) + "\", \"" + reviews.get(1) + "\"], \"k\": 10}");
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    JsonNode items = json(response).get("items");
    assertEquals(10, items.size());
    for (JsonNode item : items) {
      assertFalse(item.get("title").textValue().isBlank(), item.toString());
      double rating = item.get("rating").doubleValue();
      assertTrue(rating >= 1 && rating <= 5, item.toString());
      assertEquals(2, item.get("contributions").size());
      if (item.has("because")) {
        JsonNode because = item.get("because");
        assertEquals(
            reviews.get(because.get("review").intValue()), because.get("text").textValue());
      }
    }
    // The same answer as the library gives directly.
    List<Recommendation> direct =
        service.recommender.recommend(reviews.stream().map(Review::of).toList(), 10);
    for (int i = 0; i < 10; i++) {
      assertEquals(direct.get(i).itemId(), items.get(i).get("id").textValue());
    }
  }

  @Test
  void healthAndInfo_describeTheService() throws Exception {
    HttpResponse<String> health = get("/api/health");
    assertEquals(200, health.statusCode());
    assertEquals("ok", json(health).get("status").textValue());
    HttpResponse<String> infoResponse = get("/api/info");
    assertEquals(200, infoResponse.statusCode(), infoResponse.body());
    JsonNode info = json(infoResponse);
    assertEquals(20, info.get("limits").get("maxReviews").intValue());
    assertEquals(service.catalog.size(), info.get("catalogSize").intValue());
    assertEquals("FLOAT32", info.get("elementType").textValue());
    assertTrue(info.get("encoder").textValue().contains("MiniLM"));
    assertEquals(service.towers.modelFingerprint(), info.get("modelFingerprint").textValue());
  }

  @Test
  void badRequests_getAClearJsonError_andTheServerServesOn() throws Exception {
    ServiceLimits limits = ServiceLimits.defaults();
    assertError(post("{\"reviews\": [\"unclosed"), 400, "INVALID_JSON");
    assertError(post("[1, 2]"), 400, "INVALID_JSON");
    assertError(post("{\"k\": 3}"), 400, "MISSING_FIELD");
    assertError(post("{\"reviews\": \"just one string\"}"), 400, "INVALID_FIELD");
    assertError(post("{\"reviews\": [42]}"), 400, "INVALID_FIELD");
    assertError(post("{\"reviews\": []}"), 400, "EMPTY_REVIEWS");
    assertError(post("{\"reviews\": [\"   \"]}"), 400, "EMPTY_REVIEW");
    assertError(post("{\"reviews\": [\"fine\"], \"k\": 0}"), 400, "INVALID_FIELD");
    assertError(post("{\"reviews\": [\"fine\"], \"k\": 2.5}"), 400, "INVALID_FIELD");
    assertError(post("{\"reviews\": [\"fine\"], \"k\": 100000}"), 400, "INVALID_FIELD");
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= limits.maxReviews(); i++) {
      many.add("\"review " + i + "\"");
    }
    assertError(post("{\"reviews\": [" + String.join(",", many) + "]}"), 400, "TOO_MANY_REVIEWS");
    String longReview = "a".repeat(limits.maxReviewChars() + 1);
    assertError(post("{\"reviews\": [\"" + longReview + "\"]}"), 400, "REVIEW_TOO_LONG");
    String huge = "{\"reviews\": [\"" + "b".repeat(limits.maxBodyBytes()) + "\"]}";
    assertError(post(huge), 413, "BODY_TOO_LARGE");
    assertError(
        send(
            HttpRequest.newBuilder(URI.create(service.url("/api/recommend")))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reviews\": [\"fine\"]}"))),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    assertError(get("/api/recommend"), 405, "METHOD_NOT_ALLOWED");
    assertError(get("/api/nothing"), 404, "NOT_FOUND");
    assertError(get("/etc/passwd"), 404, "NOT_FOUND");
    // Still serving, and still right.
    assertEquals(200, get("/api/health").statusCode());
    assertEquals(200, post("{\"reviews\": [\"A quiet, lovely film.\"], \"k\": 3}").statusCode());
  }

  @Test
  void saturatedWorkers_answer503WithRetryAfter_thenRecover() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    Recommender slow =
        new Recommender() {
          @Override
          public List<Recommendation> recommend(List<Review> reviews, int k, Set<String> excluded) {
            entered.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return List.of();
          }

          @Override
          public void close() {}
        };
    ServiceLimits oneWorker = new ServiceLimits(65536, 20, 5000, 50, 1, Duration.ofMillis(100));
    try (RecommendationServer server =
        RecommendationServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            RecommendationSource.fixed("slow", slow, Map.of()),
            oneWorker,
            Optional.empty())) {
      String url = "http://127.0.0.1:" + server.port() + "/api/recommend";
      CompletableFuture<HttpResponse<String>> first = CLIENT.sendAsync(postTo(url), ofString());
      assertTrue(entered.await(10, TimeUnit.SECONDS));
      HttpResponse<String> busy = CLIENT.send(postTo(url), ofString());
      assertError(busy, 503, "SERVER_BUSY");
      assertEquals("1", busy.headers().firstValue("Retry-After").orElse(""));
      release.countDown();
      assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
      assertEquals(200, CLIENT.send(postTo(url), ofString()).statusCode());
    }
  }

  @Test
  void page_isServedFromTheJar_withAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<script src=\"/app.js\"></script>"));
    String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
    assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no CDN");
    assertEquals(200, get("/app.js").statusCode());
    assertEquals(200, get("/style.css").statusCode());
  }

  private static void assertError(HttpResponse<String> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode error = json(response).get("error");
    assertEquals(code, error.get("code").textValue(), response.body());
    assertFalse(error.get("message").textValue().isBlank());
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      JsonNode json = Json.reader().readTree(response.body());
      assertTrue(json.isObject(), response.body());
      return json;
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static HttpRequest postTo(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"reviews\": [\"fine\"]}"))
        .build();
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(service.url("/api/recommend")))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(service.url(path))).GET());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), ofString());
  }
}
