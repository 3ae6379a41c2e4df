package io.github.racrec.training.spark;

import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The racrec objects of one executor JVM: one encoder, model and catalog per kind, opened by the
 * first task that needs it, shared by every later task (they are safe for concurrent use), and
 * closed when the JVM shuts down. Opening the MiniLM encoder takes seconds; once per task would
 * cost more than the encoding of a small partition.
 *
 * <p>What is opened stays open for the JVM's life: an application that ships many different models
 * or catalogs in one session keeps each of them open on every executor (start a new application, or
 * reuse one catalog, in long-running sessions).
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class ExecutorResources {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorResources.class);
  private static final Map<String, Object> OPEN = new ConcurrentHashMap<>();
  // Apart from OPEN: a model is unpacked while OPEN computes it, and a ConcurrentHashMap must not
  // be changed from inside its own computeIfAbsent.
  private static final Map<String, Path> UNPACKED = new ConcurrentHashMap<>();
  private static final List<AutoCloseable> TO_CLOSE =
      Collections.synchronizedList(new ArrayList<>());
  private static final List<Path> TO_DELETE = Collections.synchronizedList(new ArrayList<>());

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ExecutorResources::closeAll, "racrec-executor-close"));
  }

  private ExecutorResources() {}

  static OnnxTextEncoder encoder(EncoderSpec spec) {
    return opened("encoder " + spec.key(), spec::open);
  }

  static RacRecTowers towers(ShippedFile model) {
    return opened("model " + model.key(), () -> RacRecTowers.open(model.localPath()));
  }

  static ExactCatalogIndex catalog(ShippedFile catalog) {
    return opened("catalog " + catalog.key(), () -> ExactCatalogIndex.open(catalog.localPath()));
  }

  static RacRecRecommender recommender(
      EncoderSpec encoder, ShippedFile model, ShippedFile catalog) {
    OnnxTextEncoder textEncoder = encoder(encoder);
    RacRecTowers towers = towers(model);
    ExactCatalogIndex index = catalog(catalog);
    return opened(
        "recommender " + encoder.key() + " " + model.key() + " " + catalog.key(),
        () -> RacRecRecommender.create(textEncoder, towers, index));
  }

  /** A shipped file or folder written to local disk once per JVM; deleted at shutdown. */
  static Path unpacked(String key, Supplier<Path> unpack) {
    return UNPACKED.computeIfAbsent(
        key,
        k -> {
          Path folder = unpack.get();
          TO_DELETE.add(folder);
          return folder;
        });
  }

  @SuppressWarnings("unchecked")
  private static <T extends AutoCloseable> T opened(String key, Supplier<T> open) {
    return (T)
        OPEN.computeIfAbsent(
            key,
            k -> {
              T resource = open.get();
              TO_CLOSE.add(resource);
              LOG.info("Opened {} for this JVM", k);
              return resource;
            });
  }

  private static void closeAll() {
    synchronized (TO_CLOSE) {
      // Newest first: a recommender before the encoder and catalog it uses.
      for (int i = TO_CLOSE.size() - 1; i >= 0; i--) {
        try {
          TO_CLOSE.get(i).close();
        } catch (Exception e) {
          LOG.warn("Closing {} failed", TO_CLOSE.get(i), e);
        }
      }
    }
    synchronized (TO_DELETE) {
      for (Path folder : TO_DELETE) {
        deleteQuietly(folder);
      }
    }
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete {}", folder, e);
    }
  }
}
