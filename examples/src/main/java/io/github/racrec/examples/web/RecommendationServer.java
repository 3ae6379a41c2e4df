package io.github.racrec.examples.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Review;
import io.github.racrec.onnx.internal.Json;
import io.github.racrec.onnx.serving.RecommenderManager.Served;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * racrec behind HTTP, on the JDK's own server: {@code POST /api/recommend}, {@code GET
 * /api/health}, {@code GET /api/info}, and the demo page with its assets at {@code /}.
 *
 * <p>Safety: bodies over {@link ServiceLimits#maxBodyBytes()} are refused with 413 and never kept
 * (up to 1 MiB of one is read and dropped so the client gets the answer; beyond that the connection
 * is closed); the recommend call needs {@code Content-Type: application/json}, which a cross-site
 * form cannot send; at most {@link ServiceLimits#workers()} recommendations run at once, and a
 * request that waits longer than {@link ServiceLimits#queueWait()} for one gets 503 with {@code
 * Retry-After}; every error is JSON {@code {"error": {"code": ..., "message": ...}}}; CORS headers
 * are sent only for the one origin named at start; the page's Content-Security-Policy allows no
 * inline script, and the page inserts review text as text, never as HTML.
 *
 * <p>Every answer names the serving set that made it ({@code servingSet} and the {@code
 * X-Racrec-Serving-Set} header), so that answers can be checked across a hot swap.
 *
 * <p>Thread-safety: requests are served concurrently on a pool of HTTP threads; the source must be
 * safe for concurrent use. {@link #close()} stops accepting, lets requests in progress finish for
 * up to two seconds, and does not close the source.
 */
public final class RecommendationServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecommendationServer.class);
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** The most of an oversize body read (and dropped) before answering 413. */
  private static final long DRAIN_LIMIT_BYTES = 1 << 20;

  private final HttpServer server;
  private final ExecutorService httpThreads;
  private final RecommendationSource source;
  private final ServiceLimits limits;
  private final Optional<String> corsOrigin;
  private final Semaphore workers;
  private final StaticAssets assets = new StaticAssets();

  private RecommendationServer(
      HttpServer server,
      RecommendationSource source,
      ServiceLimits limits,
      Optional<String> corsOrigin) {
    this.server = server;
    this.source = source;
    this.limits = limits;
    this.corsOrigin = corsOrigin;
    this.workers = new Semaphore(limits.workers(), true);
    AtomicInteger count = new AtomicInteger();
    // Enough HTTP threads that requests reach the worker queue (and its 503) instead of waiting
    // unseen in the server's own queue.
    this.httpThreads =
        Executors.newFixedThreadPool(
            Math.max(16, limits.workers() * 8),
            task -> {
              Thread thread = new Thread(task, "racrec-http-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(httpThreads);
    server.createContext("/", this::handle);
  }

  /**
   * Starts a server.
   *
   * @param address where to listen (port 0 picks a free one)
   * @param source what answers recommendations and {@code GET /api/info}; borrowed, not closed
   * @param limits the request limits
   * @param corsOrigin the one origin allowed to call the API from a browser, or empty for none
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static RecommendationServer start(
      InetSocketAddress address,
      RecommendationSource source,
      ServiceLimits limits,
      Optional<String> corsOrigin)
      throws IOException {
    // The JDK server's own timeouts (seconds) for reading a request and writing a response, so a
    // slow or stalled client cannot hold a thread forever. Read once, when the server class loads.
    setIfAbsent("sun.net.httpserver.maxReqTime", "30");
    setIfAbsent("sun.net.httpserver.maxRspTime", "30");
    HttpServer server = HttpServer.create(address, 128);
    RecommendationServer running = new RecommendationServer(server, source, limits, corsOrigin);
    server.start();
    LOG.info("racrec serving on http://{}:{}/", address.getHostString(), running.port());
    return running;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /**
   * Returns the port listened on.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(2);
    httpThreads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (ApiException e) {
      sendError(exchange, e.status(), e.code(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      sendError(exchange, 500, "INTERNAL", "the server failed to answer; see its log");
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    switch (path) {
      case "/api/recommend" -> {
        requireMethod(method, "POST");
        recommend(exchange);
      }
      case "/api/health" -> {
        requireMethod(method, "GET");
        sendJson(exchange, 200, Map.of("status", "ok"));
      }
      case "/api/info" -> {
        requireMethod(method, "GET");
        Map<String, Object> body = new LinkedHashMap<>(source.info());
        body.put("limits", limitsJson());
        sendJson(exchange, 200, body);
      }
      default -> {
        if (path.startsWith("/api/")) {
          throw new ApiException(404, "NOT_FOUND", "no API endpoint " + path);
        }
        requireMethod(method, "GET");
        serveAsset(exchange, path);
      }
    }
  }

  private Map<String, Object> limitsJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("maxBodyBytes", limits.maxBodyBytes());
    json.put("maxReviews", limits.maxReviews());
    json.put("maxReviewChars", limits.maxReviewChars());
    json.put("maxK", limits.maxK());
    json.put("workers", limits.workers());
    json.put("queueWaitMs", limits.queueWait().toMillis());
    return json;
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new ApiException(
          405, "METHOD_NOT_ALLOWED", method + " is not allowed here; use " + allowed);
    }
  }

  private void recommend(HttpExchange exchange) throws IOException {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null
        || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(
          415, "UNSUPPORTED_MEDIA_TYPE", "send the body as Content-Type: application/json");
    }
    RecommendRequest request = RecommendRequest.parse(readBody(exchange), limits);
    Served<List<Recommendation>> served = withWorker(() -> run(request));
    List<Map<String, Object>> items = new ArrayList<>(served.value().size());
    for (Recommendation recommendation : served.value()) {
      items.add(RecommendationJson.of(recommendation, request.reviews()));
    }
    // Which model and catalog answered, so that a client can tell answers apart across a swap.
    exchange.getResponseHeaders().set("X-Racrec-Serving-Set", served.setName());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("servingSet", served.setName());
    body.put("items", items);
    sendJson(exchange, 200, body);
  }

  private Served<List<Recommendation>> run(RecommendRequest request) {
    List<Review> reviews = new ArrayList<>(request.reviews().size());
    for (String text : request.reviews()) {
      reviews.add(Review.of(text));
    }
    try {
      return source.recommend(reviews, request.k());
    } catch (RacrecException e) {
      if (e.code() == ErrorCode.INVALID_INPUT || e.code() == ErrorCode.INVALID_ARGUMENT) {
        throw new ApiException(400, "INVALID_REVIEW", e.getMessage());
      }
      throw e;
    }
  }

  private interface Work<T> {
    T run();
  }

  /** Runs {@code work} on one of the bounded worker permits, or answers 503 when none frees up. */
  private <T> T withWorker(Work<T> work) {
    boolean acquired;
    try {
      acquired = workers.tryAcquire(limits.queueWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "SERVER_BUSY", "the server is shutting down");
    }
    if (!acquired) {
      throw new ApiException(503, "SERVER_BUSY", "the server is busy; try again in a moment");
    }
    try {
      return work.run();
    } finally {
      workers.release();
    }
  }

  private String readBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw new ApiException(400, "INVALID_REQUEST", "Content-Length is not a number");
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      if (length > limits.maxBodyBytes()) {
        drain(in);
        throw bodyTooLarge();
      }
      byte[] body = in.readNBytes(limits.maxBodyBytes() + 1);
      if (body.length > limits.maxBodyBytes()) {
        drain(in);
        throw bodyTooLarge();
      }
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * Reads and drops what is left of an oversize body, up to a bound, so that a client still sending
   * it receives the 413 answer instead of a reset connection; a body beyond the bound is cut off by
   * closing the connection.
   */
  private static void drain(InputStream in) throws IOException {
    long left = DRAIN_LIMIT_BYTES;
    byte[] buffer = new byte[8192];
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        return;
      }
      left -= n;
    }
  }

  private ApiException bodyTooLarge() {
    return new ApiException(
        413, "BODY_TOO_LARGE", "the body is over the limit of " + limits.maxBodyBytes() + " bytes");
  }

  private void serveAsset(HttpExchange exchange, String path) throws IOException {
    StaticAssets.Asset asset =
        assets
            .find(path)
            .orElseThrow(() -> new ApiException(404, "NOT_FOUND", "nothing at " + path));
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", asset.contentType());
    headers.set("Content-Security-Policy", CSP);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    exchange.sendResponseHeaders(200, asset.bytes().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(asset.bytes());
    }
  }

  private void sendError(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    if (status == 503) {
      exchange.getResponseHeaders().set("Retry-After", "1");
    }
    if (status == 413) {
      // The unread body is not drained: the connection is closed after this answer.
      exchange.getResponseHeaders().set("Connection", "close");
    }
    sendJson(exchange, status, Map.of("error", Map.of("code", code, "message", message)));
  }

  private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = Json.toJsonKeepingHtml(body).getBytes(StandardCharsets.UTF_8);
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json; charset=utf-8");
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    corsOrigin.ifPresent(
        origin -> {
          headers.set("Access-Control-Allow-Origin", origin);
          headers.set("Vary", "Origin");
        });
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
