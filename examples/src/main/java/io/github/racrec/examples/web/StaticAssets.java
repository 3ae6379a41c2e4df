package io.github.racrec.examples.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The demo page's files, read once from the jar ({@code /web/...}); nothing from a CDN. */
final class StaticAssets {
  private static final Map<String, String> FILES =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/app.js", "app.js",
          "/style.css", "style.css");

  record Asset(byte[] bytes, String contentType) {}

  private final Map<String, Asset> assets;

  StaticAssets() {
    Map<String, Asset> loaded = new java.util.HashMap<>();
    FILES.forEach((path, file) -> loaded.put(path, new Asset(read(file), contentType(file))));
    this.assets = Map.copyOf(loaded);
  }

  Optional<Asset> find(String path) {
    return Optional.ofNullable(assets.get(path));
  }

  private static byte[] read(String file) {
    try (InputStream in = StaticAssets.class.getResourceAsStream("/web/" + file)) {
      if (in == null) {
        throw new IllegalStateException("the page file web/" + file + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String contentType(String file) {
    if (file.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (file.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    return "text/css; charset=utf-8";
  }
}
