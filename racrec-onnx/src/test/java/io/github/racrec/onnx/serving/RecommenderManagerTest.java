package io.github.racrec.onnx.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Review;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.TinyBertModel;
import io.github.racrec.onnx.TransformerModel;
import io.github.racrec.onnx.catalog.CatalogWriter;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swap under load: 16 threads make 10,000 {@code recommend()} calls each while a new serving
 * set (its own encoder and catalog) goes live every second; every answer must be exactly the answer
 * of the set that served it, old sets must be closed once their calls are done, and a mismatched
 * set must be refused before it goes live.
 */
class RecommenderManagerTest {
  private static final List<Review> USER =
      List.of(Review.of("great quiet piano album"), Review.of("loud boring film"));

  @TempDir static Path dir;
  static Path model;
  static final Map<String, Path> CATALOGS = new ConcurrentHashMap<>();
  static final Map<String, List<String>> EXPECTED = new ConcurrentHashMap<>();

  @BeforeAll
  static void buildTwoCatalogs() throws IOException {
    model = new TinyBertModel(24, 64, true, 11).writeFolder(dir.resolve("model"));
    String[] words =
        TinyBertModel.VOCAB.stream().filter(w -> !w.startsWith("[")).toArray(String[]::new);
    for (String version : List.of("A", "B")) {
      Path file = dir.resolve("catalog-" + version + ".rcat");
      try (OnnxTextEncoder encoder = encoder();
          CatalogWriter writer =
              CatalogWriter.create(file, encoder.dimension(), encoder.fingerprint())) {
        for (int i = 0; i < 60; i++) {
          String text =
              words[(i * 7 + version.length() * (version.equals("A") ? 1 : 5)) % words.length]
                  + " "
                  + words[(i * 3 + (version.equals("A") ? 2 : 11)) % words.length];
          writer.add(version + "-" + i, "item " + version + i, encoder.encode(List.of(text))[0]);
        }
        writer.commit();
      }
      CATALOGS.put(version, file);
      try (ServingSet set = open(version, "expected-" + version)) {
        EXPECTED.put(version, ids(set.recommender().recommend(USER, 10)));
      }
    }
    assertFalse(EXPECTED.get("A").equals(EXPECTED.get("B")), "the two sets answer differently");
  }

  private static OnnxTextEncoder encoder() {
    return OnnxTextEncoder.builder().model(TransformerModel.fromFolder(model)).build();
  }

  private static ServingSet open(String version, String name) {
    return ServingSet.content(name, encoder(), ExactCatalogIndex.open(CATALOGS.get(version)));
  }

  private static List<String> ids(List<Recommendation> recommendations) {
    return recommendations.stream().map(Recommendation::itemId).toList();
  }

  @Test
  void sixteenThreads_tenThousandCallsEach_swapEverySecond_everyAnswerFromItsOwnSet()
      throws Exception {
    int threads = 16;
    int callsPerThread = 10_000;
    List<ServingSet> retired = new CopyOnWriteArrayList<>();
    AtomicLong errors = new AtomicLong();
    AtomicLong wrong = new AtomicLong();
    AtomicInteger swaps = new AtomicInteger();
    Map<String, AtomicLong> servedBy = new ConcurrentHashMap<>();
    ServingSet first = open("A", "A-0");
    RecommenderManager manager = new RecommenderManager(first);
    retired.add(first);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread swapper =
        new Thread(
            () -> {
              while (running.get()) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
                int n = swaps.incrementAndGet();
                String version = n % 2 == 1 ? "B" : "A";
                ServingSet next = open(version, version + "-" + n);
                retired.add(next);
                manager.swap(next);
              }
            },
            "swapper");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < callsPerThread; i++) {
                  try {
                    RecommenderManager.Served<List<String>> served =
                        manager.call(set -> ids(set.recommender().recommend(USER, 10)));
                    String version = served.setName().substring(0, 1);
                    servedBy.computeIfAbsent(version, v -> new AtomicLong()).incrementAndGet();
                    if (!served.value().equals(EXPECTED.get(version))) {
                      wrong.incrementAndGet();
                    }
                  } catch (RuntimeException e) {
                    errors.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    swapper.start();
    start.countDown();
    for (Future<?> future : futures) {
      future.get(10, TimeUnit.MINUTES);
    }
    running.set(false);
    swapper.interrupt();
    swapper.join();
    pool.shutdown();

    System.out.printf(
        "hot-swap stress: %d threads x %d calls, %d swaps, served by %s, %d errors, %d wrong%n",
        threads, callsPerThread, swaps.get(), servedBy, errors.get(), wrong.get());
    assertEquals(0, errors.get(), "calls that failed");
    assertEquals(0, wrong.get(), "answers that differ from their set's");
    assertEquals(
        threads * (long) callsPerThread,
        servedBy.values().stream().mapToLong(AtomicLong::get).sum());
    assertTrue(swaps.get() >= 1, "at least one swap happened during the run");
    String live = manager.currentSetName();
    for (ServingSet set : retired) {
      assertEquals(!set.name().equals(live), set.isClosed(), set + " closed iff retired");
    }
    manager.close();
    assertTrue(retired.stream().allMatch(ServingSet::isClosed), "close() closes the live set");
  }

  @Test
  void aCallInFlight_finishesOnTheOldSet_whichClosesAfterIt() throws Exception {
    ServingSet old = open("A", "old");
    RecommenderManager manager = new RecommenderManager(old);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<RecommenderManager.Served<List<String>>> inFlight =
        pool.submit(
            () ->
                manager.call(
                    set -> {
                      inside.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                      }
                      return ids(set.recommender().recommend(USER, 10));
                    }));
    assertTrue(inside.await(10, TimeUnit.SECONDS));
    ServingSet next = open("B", "new");
    manager.swap(next);
    assertEquals("new", manager.currentSetName());
    assertFalse(old.isClosed(), "the old set stays open while a call uses it");
    assertEquals(EXPECTED.get("B"), ids(manager.recommend(USER, 10)));
    release.countDown();
    RecommenderManager.Served<List<String>> result = inFlight.get(10, TimeUnit.SECONDS);
    assertEquals("old", result.setName());
    assertEquals(EXPECTED.get("A"), result.value());
    assertTrue(old.isClosed(), "the old set is closed after its last call");
    pool.shutdown();
    manager.close();
    manager.close(); // idempotent
    assertTrue(next.isClosed());
    assertThrows(IllegalStateException.class, () -> manager.recommend(USER, 10));
    assertThrows(IllegalStateException.class, () -> manager.swap(open("A", "late")));
  }

  @Test
  void aSetWhoseFingerprintsDisagree_isRefusedBeforeItGoesLive() throws IOException {
    Path otherModel = new TinyBertModel(24, 64, true, 99).writeFolder(dir.resolve("other-model"));
    RecommenderManager manager = new RecommenderManager(open("A", "live"));
    OnnxTextEncoder otherEncoder =
        OnnxTextEncoder.builder().model(TransformerModel.fromFolder(otherModel)).build();
    ExactCatalogIndex catalog = ExactCatalogIndex.open(CATALOGS.get("B"));
    RacrecException refused =
        assertThrows(RacrecException.class, () -> ServingSet.content("bad", otherEncoder, catalog));
    assertEquals(ErrorCode.CATALOG_MISMATCH, refused.code());
    assertEquals("live", manager.currentSetName());
    assertEquals(EXPECTED.get("A"), ids(manager.recommend(USER, 10)));
    otherEncoder.close();
    catalog.close();
    manager.close();
  }
}
