package io.github.racrec.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Review;
import io.github.racrec.examples.web.AdminServer;
import io.github.racrec.examples.web.LiveModels;
import io.github.racrec.examples.web.RecommendationServer;
import io.github.racrec.examples.web.ServiceLimits;
import io.github.racrec.onnx.internal.Json;
import io.github.racrec.training.report.RunEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A bounded load run on loopback: the HTTP service as {@code serve} runs it (live models, admin
 * listener), in this process, and N clients posting recommendation requests for a fixed time,
 * optionally while the admin listener swaps the serving set. Reports throughput, p50/p99 latency
 * (HdrHistogram) and every status seen. After the run every answer is checked against the set that
 * says it served it: a fresh set loaded from the same files answers each request again, and any
 * difference counts as a mismatch. Fails on any error, mismatch, or 503s reaching 5 %.
 */
@Command(
    name = "load-test",
    mixinStandardHelpOptions = true,
    description =
        "Load the HTTP service on loopback, optionally swapping model and catalog during the run,"
            + " and report throughput, latency, errors and answers that do not match their set.")
final class LoadTestCommand implements Callable<Integer> {
  private static final List<String> REVIEWS =
      List.of(
          "A haunting film with a score that stayed with me for days.",
          "Loud, dumb action movie, but the car chases are fun.",
          "A warm, funny family story; the kids watched it three times.",
          "I fell asleep twice. The plot goes nowhere and the ending is worse.",
          "Gorgeous photography and a patient, moving story about two brothers.",
          "The jokes land, the music is great, and the cast clearly had fun.",
          "Too long, too loud, and the villain makes no sense at all.",
          "A quiet documentary about jazz musicians in New Orleans. Wonderful.");

  /** Distinct request bodies: few enough that every one is checked against every set. */
  private static final int BODIES = 16;

  private static final int K = 10;

  @Option(names = "--clients", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int clients = 8;

  @Option(names = "--seconds", description = "How long to load (default: ${DEFAULT-VALUE}).")
  int seconds = 30;

  @Option(names = "--reviews", description = "Reviews per request (default: ${DEFAULT-VALUE}).")
  int reviewsPerRequest = 3;

  @Option(names = "--model", description = "Model folder (default: the quickstart's).")
  Path model;

  @Option(names = "--catalog", description = "Its catalog (default: the quickstart's).")
  Path catalog;

  @Option(
      names = "--swaps",
      description = "Hot swaps during the run, evenly spaced (default: ${DEFAULT-VALUE}).")
  int swaps = 0;

  @Option(
      names = "--swap-model",
      description = "Model folder the swaps alternate with (default: --model).")
  Path swapModel;

  @Option(
      names = "--swap-catalog",
      description = "Catalog the swaps alternate with (default: --catalog).")
  Path swapCatalog;

  @Option(names = "--out", description = "Write the report as JSON here too.")
  Path out;

  private final PrintStream console;

  LoadTestCommand() {
    this(System.out);
  }

  LoadTestCommand(PrintStream console) {
    this.console = console;
  }

  /** The files of one serving set. */
  private record ServedFiles(Path model, Path catalog) {}

  @Override
  public Integer call() throws Exception {
    if (model == null && catalog == null) {
      int code = QuickstartFiles.ensure(console);
      if (code != 0) {
        return code;
      }
    }
    ServedFiles primary =
        new ServedFiles(
            model != null ? model : QuickstartFiles.MODEL,
            catalog != null ? catalog : QuickstartFiles.CATALOG);
    ServedFiles alternate =
        new ServedFiles(
            swapModel != null ? swapModel : primary.model(),
            swapCatalog != null ? swapCatalog : primary.catalog());
    List<String> bodies = bodies();
    ServiceLimits limits = ServiceLimits.defaults();
    ServingFiles loader = new ServingFiles();
    Map<String, ServedFiles> filesOfSet = new ConcurrentHashMap<>();
    LiveModels.Loaded first = loader.load(primary.model(), primary.catalog());
    filesOfSet.put(first.set().name(), primary);
    Run run;
    try (LiveModels models = new LiveModels(first);
        RecommendationServer server =
            RecommendationServer.start(
                new InetSocketAddress("127.0.0.1", 0), models, limits, Optional.empty());
        AdminServer admin =
            AdminServer.start(
                0,
                models,
                (m, c) -> {
                  LiveModels.Loaded next = loader.load(m, c);
                  filesOfSet.put(next.set().name(), new ServedFiles(m, c));
                  return next;
                })) {
      URI recommend = URI.create("http://127.0.0.1:" + server.port() + "/api/recommend");
      URI swap = URI.create("http://127.0.0.1:" + admin.port() + "/admin/swap");
      new Run(bodies).load(recommend, Duration.ofSeconds(2), 0, swap, primary, alternate);
      run = new Run(bodies);
      run.load(recommend, Duration.ofSeconds(seconds), swaps, swap, primary, alternate);
    }
    long mismatches = run.mismatches(filesOfSet, loader);
    Map<String, Object> report = run.report();
    report.put("workers", limits.workers());
    report.put("queueWaitMs", limits.queueWait().toMillis());
    report.put("mismatches", mismatches);
    report.put("environment", RunEnvironment.describe());
    if (out != null) {
      Files.writeString(out, Json.toPrettyJson(report), StandardCharsets.UTF_8);
    }
    long errors = (long) report.get("errors");
    double busyShare = (double) report.get("busyShare");
    console.printf(
        Locale.ROOT,
        "%d clients x %d s, %d reviews per request: %d requests, %.1f requests/s, p50 %.1f ms,"
            + " p99 %.1f ms; statuses %s; errors %d; 503 share %.2f %%; swaps %d (%s);"
            + " answers not matching their set: %d%n",
        clients,
        seconds,
        reviewsPerRequest,
        report.get("requests"),
        report.get("requestsPerSecond"),
        report.get("p50Ms"),
        report.get("p99Ms"),
        report.get("statuses"),
        errors,
        100 * busyShare,
        report.get("swapsDone"),
        report.get("answersPerSet"),
        mismatches);
    return errors == 0 && mismatches == 0 && busyShare < 0.05 ? 0 : 1;
  }

  private List<String> bodies() {
    SplittableRandom random = new SplittableRandom(42);
    List<String> bodies = new ArrayList<>();
    for (int b = 0; b < BODIES; b++) {
      List<String> picked = new ArrayList<>();
      for (int i = 0; i < reviewsPerRequest; i++) {
        picked.add(REVIEWS.get(random.nextInt(REVIEWS.size())));
      }
      bodies.add(Json.toJson(Map.of("reviews", picked, "k", K)));
    }
    return bodies;
  }

  /** One timed run: its latencies, statuses, and the distinct answers each set gave each body. */
  private final class Run {
    private final List<String> bodies;
    private final Histogram latencyMicros = new Histogram(60_000_000L, 3);
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, Map<Integer, Set<String>>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> answersPerSet = new ConcurrentHashMap<>();
    private final List<Double> swapMillis = new ArrayList<>();
    private double elapsedSeconds;
    private volatile boolean swapsPending;

    Run(List<String> bodies) {
      this.bodies = bodies;
    }

    void load(URI uri, Duration length, int swapCount, URI swapUri, ServedFiles a, ServedFiles b)
        throws InterruptedException {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      long start = System.nanoTime();
      // Clients stop at the end of the run, or a second after the last swap if that is later, so
      // that every set swapped in serves requests.
      AtomicLong end = new AtomicLong(start + length.toNanos());
      swapsPending = swapCount > 0;
      List<Thread> threads = new ArrayList<>();
      List<Histogram> own = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        Histogram histogram = new Histogram(60_000_000L, 3);
        own.add(histogram);
        SplittableRandom random = new SplittableRandom(c);
        Thread thread =
            new Thread(() -> client(client, uri, end, random, histogram), "load-client-" + c);
        threads.add(thread);
        thread.start();
      }
      for (int s = 1; s <= swapCount; s++) {
        long at = start + length.toNanos() * s / (swapCount + 1);
        Thread.sleep(Math.max(0, (at - System.nanoTime()) / 1_000_000));
        swap(client, swapUri, s % 2 == 1 ? b : a);
      }
      if (swapCount > 0) {
        end.accumulateAndGet(System.nanoTime() + 1_000_000_000L, Math::max);
        swapsPending = false;
      }
      for (Thread thread : threads) {
        thread.join();
      }
      elapsedSeconds = (System.nanoTime() - start) / 1e9;
      own.forEach(latencyMicros::add);
    }

    private void client(
        HttpClient client, URI uri, AtomicLong end, SplittableRandom random, Histogram histogram) {
      while (swapsPending || System.nanoTime() < end.get()) {
        int body = random.nextInt(bodies.size());
        HttpRequest request =
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(body)))
                .build();
        long t0 = System.nanoTime();
        try {
          HttpResponse<String> response =
              client.send(request, HttpResponse.BodyHandlers.ofString());
          histogram.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
          statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
          if (response.statusCode() == 200) {
            keep(body, Json.reader().readTree(response.body()));
          } else if (response.statusCode() != 503) {
            errors.incrementAndGet();
          }
        } catch (IOException | RuntimeException e) {
          errors.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    private void keep(int body, JsonNode answer) {
      String set = answer.get("servingSet").asText();
      answersPerSet.computeIfAbsent(set, s -> new AtomicLong()).incrementAndGet();
      answers
          .computeIfAbsent(set, s -> new ConcurrentHashMap<>())
          .computeIfAbsent(body, i -> ConcurrentHashMap.newKeySet())
          .add(signature(answer.get("items")));
    }

    private void swap(HttpClient client, URI uri, ServedFiles next) throws InterruptedException {
      String body =
          Json.toJson(
              Map.of("model", next.model().toString(), "catalog", next.catalog().toString()));
      long t0 = System.nanoTime();
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          console.println("swap failed: " + response.body());
          errors.incrementAndGet();
          return;
        }
        swapMillis.add((System.nanoTime() - t0) / 1e6);
      } catch (IOException e) {
        console.println("swap failed: " + e);
        errors.incrementAndGet();
      }
    }

    /** Answers each body again on a fresh set of each set's files and counts the differences. */
    long mismatches(Map<String, ServedFiles> filesOfSet, ServingFiles loader) throws IOException {
      Map<ServedFiles, List<String>> expected = new LinkedHashMap<>();
      long mismatched = 0;
      for (Map.Entry<String, Map<Integer, Set<String>>> set : answers.entrySet()) {
        ServedFiles files = filesOfSet.get(set.getKey());
        if (files == null) {
          mismatched += set.getValue().size();
          continue;
        }
        List<String> reference = expected.get(files);
        if (reference == null) {
          reference = reference(loader, files);
          expected.put(files, reference);
        }
        for (Map.Entry<Integer, Set<String>> body : set.getValue().entrySet()) {
          for (String seen : body.getValue()) {
            if (!seen.equals(reference.get(body.getKey()))) {
              mismatched++;
            }
          }
        }
      }
      return mismatched;
    }

    private List<String> reference(ServingFiles loader, ServedFiles files) throws IOException {
      List<String> reference = new ArrayList<>();
      try (LiveModels fresh = new LiveModels(loader.load(files.model(), files.catalog()))) {
        for (String body : bodies) {
          List<Review> reviews = new ArrayList<>();
          Json.reader()
              .readTree(body)
              .get("reviews")
              .forEach(r -> reviews.add(Review.of(r.asText())));
          List<Recommendation> top = fresh.recommend(reviews, K).value();
          reference.add(signature(Json.reader().readTree(Json.toJson(itemsJson(top)))));
        }
      }
      return reference;
    }

    private List<Map<String, Object>> itemsJson(List<Recommendation> top) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (Recommendation r : top) {
        items.add(Map.of("id", r.itemId(), "score", r.score()));
      }
      return items;
    }

    /** Item ids and scores, as the JSON carries them. */
    private String signature(JsonNode items) {
      StringBuilder text = new StringBuilder();
      for (JsonNode item : items) {
        text.append(item.get("id").asText()).append('=').append(item.get("score").asText());
        text.append(';');
      }
      return text.toString();
    }

    Map<String, Object> report() {
      long requests = latencyMicros.getTotalCount();
      long busy = statuses.getOrDefault(503, new AtomicLong()).get();
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("clients", clients);
      report.put("seconds", elapsedSeconds);
      report.put("reviewsPerRequest", reviewsPerRequest);
      report.put("distinctBodies", bodies.size());
      report.put("requests", requests);
      report.put("requestsPerSecond", requests / elapsedSeconds);
      report.put("p50Ms", latencyMicros.getValueAtPercentile(50) / 1e3);
      report.put("p99Ms", latencyMicros.getValueAtPercentile(99) / 1e3);
      report.put("maxMs", latencyMicros.getMaxValue() / 1e3);
      Map<String, Long> counts = new TreeMap<>();
      statuses.forEach((status, count) -> counts.put(Integer.toString(status), count.get()));
      report.put("statuses", counts);
      report.put("errors", errors.get());
      report.put("busyShare", requests == 0 ? 0.0 : (double) busy / requests);
      report.put("swapsAsked", swaps);
      report.put("swapsDone", swapMillis.size());
      report.put("swapLoadMs", swapMillis);
      Map<String, Long> perSet = new TreeMap<>();
      answersPerSet.forEach((set, count) -> perSet.put(set, count.get()));
      report.put("answersPerSet", perSet);
      return report;
    }
  }
}
