package io.github.racrec.examples;

import io.github.racrec.examples.web.RecommendationServer;
import io.github.racrec.examples.web.ServiceLimits;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.onnx.internal.Json;
import io.github.racrec.training.report.RunEnvironment;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A bounded load run on loopback: the HTTP service on the quickstart's model, in this process, and
 * N clients posting recommendation requests for a fixed time. Reports throughput, p50/p99 latency
 * and every status seen; fails if any request errs or 503s reach 5 %.
 */
@Command(
    name = "load-test",
    mixinStandardHelpOptions = true,
    description = "Load the HTTP service on loopback and report throughput and latency.")
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

  @Option(names = "--clients", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int clients = 8;

  @Option(names = "--seconds", description = "How long to load (default: ${DEFAULT-VALUE}).")
  int seconds = 30;

  @Option(names = "--reviews", description = "Reviews per request (default: ${DEFAULT-VALUE}).")
  int reviewsPerRequest = 3;

  @Option(names = "--out", description = "Write the report as JSON here too.")
  Path out;

  private final PrintStream console;

  LoadTestCommand() {
    this(System.out);
  }

  LoadTestCommand(PrintStream console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    int code = QuickstartFiles.ensure(console);
    if (code != 0) {
      return code;
    }
    ServiceLimits limits = ServiceLimits.defaults();
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build();
        RacRecTowers towers = RacRecTowers.open(QuickstartFiles.MODEL);
        ExactCatalogIndex index = ExactCatalogIndex.open(QuickstartFiles.CATALOG);
        RacRecRecommender recommender = RacRecRecommender.create(encoder, towers, index);
        RecommendationServer server =
            RecommendationServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                recommender,
                Map.of(),
                limits,
                Optional.empty())) {
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/recommend");
      load(uri, Duration.ofSeconds(2)); // warm-up
      Map<String, Object> report = load(uri, Duration.ofSeconds(seconds));
      report.put("workers", limits.workers());
      report.put("queueWaitMs", limits.queueWait().toMillis());
      report.put("environment", RunEnvironment.describe());
      if (out != null) {
        Files.writeString(out, Json.toPrettyJson(report), StandardCharsets.UTF_8);
      }
      long errors = (long) report.get("errors");
      double busyShare = (double) report.get("busyShare");
      console.printf(
          Locale.ROOT,
          "%d clients x %d s, %d reviews per request: %d requests, %.1f requests/s, p50 %.1f ms,"
              + " p99 %.1f ms; statuses %s; errors %d; 503 share %.2f %%%n",
          clients,
          seconds,
          reviewsPerRequest,
          report.get("requests"),
          report.get("requestsPerSecond"),
          report.get("p50Ms"),
          report.get("p99Ms"),
          report.get("statuses"),
          errors,
          100 * busyShare);
      return errors == 0 && busyShare < 0.05 ? 0 : 1;
    }
  }

  private Map<String, Object> load(URI uri, Duration length) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long end = System.nanoTime() + length.toNanos();
    Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    AtomicLong errors = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      long[] own = new long[1 << 20];
      latencies.add(own);
      SplittableRandom random = new SplittableRandom(c);
      Thread thread =
          new Thread(
              () -> {
                int n = 0;
                while (System.nanoTime() < end && n < own.length - 1) {
                  HttpRequest request =
                      HttpRequest.newBuilder(uri)
                          .timeout(Duration.ofSeconds(30))
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(body(random)))
                          .build();
                  long t0 = System.nanoTime();
                  try {
                    int status =
                        client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    if (status != 200 && status != 503) {
                      errors.incrementAndGet();
                    }
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                  own[++n] = System.nanoTime() - t0;
                }
                own[0] = n;
              },
              "load-client-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] all =
        latencies.stream().flatMapToLong(l -> Arrays.stream(l, 1, (int) l[0] + 1)).toArray();
    Arrays.sort(all);
    long busy = statuses.getOrDefault(503, new AtomicLong()).get();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("clients", clients);
    report.put("seconds", elapsed);
    report.put("reviewsPerRequest", reviewsPerRequest);
    report.put("requests", (long) all.length);
    report.put("requestsPerSecond", all.length / elapsed);
    report.put("p50Ms", percentile(all, 0.50) / 1e6);
    report.put("p99Ms", percentile(all, 0.99) / 1e6);
    Map<String, Long> counts = new LinkedHashMap<>();
    statuses.forEach((status, count) -> counts.put(Integer.toString(status), count.get()));
    report.put("statuses", counts);
    report.put("errors", errors.get());
    report.put("busyShare", all.length == 0 ? 0.0 : (double) busy / all.length);
    return report;
  }

  private String body(SplittableRandom random) {
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < reviewsPerRequest; i++) {
      picked.add("\"" + REVIEWS.get(random.nextInt(REVIEWS.size())) + "\"");
    }
    return "{\"reviews\": [" + String.join(", ", picked) + "], \"k\": 10}";
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }
}
