package io.github.racrec.examples.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's admin listener, on the loopback address only, so that nothing outside the machine
 * can reach it whatever address the public listener binds: {@code POST /admin/swap} with {@code
 * {"model": DIR, "catalog": FILE}} loads a new serving set, checks that its parts belong together,
 * and puts it live without a restart; {@code GET /admin/status} names the live set.
 *
 * <p>A set that fails to load or to check answers 422 with the library's error code and never goes
 * live; the set serving before keeps serving. Swaps run one at a time.
 *
 * <p>Thread-safety: one admin thread; {@link #close()} stops it and closes nothing else.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  private static final int MAX_BODY_BYTES = 64 * 1024;

  /** Loads a serving set from a model folder and a catalog file. */
  @FunctionalInterface
  public interface Loader {
    /**
     * Loads the set; its parts are closed again if loading fails.
     *
     * @param model the model folder
     * @param catalog the catalog file
     * @return the set and its info
     */
    LiveModels.Loaded load(Path model, Path catalog);
  }

  private final HttpServer server;
  private final ExecutorService thread;
  private final LiveModels models;
  private final Loader loader;

  private AdminServer(HttpServer server, LiveModels models, Loader loader) {
    this.server = server;
    this.models = models;
    this.loader = loader;
    this.thread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "racrec-admin");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(thread);
    server.createContext("/admin/", this::handle);
  }

  /**
   * Starts the admin listener on the loopback address.
   *
   * @param port the port (0 picks a free one)
   * @param models the live models it swaps; borrowed, not closed
   * @param loader how a swap loads its set
   * @return the running listener
   * @throws IOException if the port cannot be bound
   */
  public static AdminServer start(int port, LiveModels models, Loader loader) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    AdminServer admin = new AdminServer(server, models, loader);
    server.start();
    LOG.info("racrec admin on http://127.0.0.1:{}/admin/ (loopback only)", admin.port());
    return admin;
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
    server.stop(1);
    thread.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals("/admin/status") && method.equals("GET")) {
        send(exchange, 200, Map.of("servingSet", models.currentSetName()));
      } else if (path.equals("/admin/swap") && method.equals("POST")) {
        swap(exchange);
      } else {
        send(exchange, 404, error("NOT_FOUND", "use GET /admin/status or POST /admin/swap"));
      }
    } catch (RuntimeException e) {
      LOG.error("admin request failed", e);
      send(exchange, 500, error("INTERNAL", String.valueOf(e.getMessage())));
    } finally {
      exchange.close();
    }
  }

  private void swap(HttpExchange exchange) throws IOException {
    JsonNode body;
    try (InputStream in = exchange.getRequestBody()) {
      body =
          Json.reader().readTree(new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      send(exchange, 400, error("INVALID_JSON", e.getOriginalMessage()));
      return;
    }
    if (body == null || !body.path("model").isTextual() || !body.path("catalog").isTextual()) {
      send(exchange, 400, error("MISSING_FIELD", "give {\"model\": DIR, \"catalog\": FILE}"));
      return;
    }
    LiveModels.Loaded next;
    try {
      next =
          loader.load(Path.of(body.get("model").asText()), Path.of(body.get("catalog").asText()));
    } catch (RacrecException e) {
      LOG.warn("swap refused: {}", e.getMessage());
      send(exchange, 422, error(e.code().name(), e.getMessage()));
      return;
    }
    String replaced = models.swap(next);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("servingSet", next.set().name());
    answer.put("replaced", replaced);
    send(exchange, 200, answer);
  }

  private static Map<String, Object> error(String code, String message) {
    return Map.of("error", Map.of("code", code, "message", message));
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = Json.toJson(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
