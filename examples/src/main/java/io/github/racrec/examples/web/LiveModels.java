package io.github.racrec.examples.web;

import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Review;
import io.github.racrec.onnx.serving.RecommenderManager;
import io.github.racrec.onnx.serving.RecommenderManager.Served;
import io.github.racrec.onnx.serving.ServingSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the service serves: the library's {@link RecommenderManager}, so that a new model and
 * catalog go live without a restart, and what {@code /api/info} says about each set.
 *
 * <p>Thread-safety: safe for concurrent use; a request and its info come from one set, and a swap
 * never fails a request in flight (the manager keeps the old set open until its last call ends).
 */
public final class LiveModels implements RecommendationSource, AutoCloseable {
  private final RecommenderManager manager;
  private final Map<String, Map<String, Object>> infoBySet = new ConcurrentHashMap<>();

  /**
   * A serving set and its description.
   *
   * @param set the set; its name must be new to this service
   * @param info what {@code /api/info} reports for it (model, encoder, catalog, kernel)
   */
  public record Loaded(ServingSet set, Map<String, Object> info) {
    /** Checks the parts and copies the info. */
    public Loaded {
      Objects.requireNonNull(set, "set");
      info = Map.copyOf(info);
    }
  }

  /**
   * Starts serving a first set.
   *
   * @param first the set; owned from now on
   */
  public LiveModels(Loaded first) {
    infoBySet.put(first.set().name(), first.info());
    this.manager = new RecommenderManager(first.set());
  }

  /**
   * Recommends from the set that is current when the call starts.
   *
   * @param reviews the source-domain reviews
   * @param k how many items
   * @return the recommendations and the name of the set that made them
   */
  @Override
  public Served<List<Recommendation>> recommend(List<Review> reviews, int k) {
    return manager.call(set -> set.recommender().recommend(reviews, k));
  }

  /**
   * Returns the current set's info, with its name under {@code servingSet}.
   *
   * @return the info
   */
  @Override
  public Map<String, Object> info() {
    return manager
        .call(
            set -> {
              Map<String, Object> info = new LinkedHashMap<>();
              info.put("servingSet", set.name());
              info.putAll(infoBySet.getOrDefault(set.name(), Map.of()));
              return info;
            })
        .value();
  }

  /**
   * Makes {@code next} the set that new requests use; requests in flight finish on the old one.
   *
   * @param next the new set; owned from now on
   * @return the name of the set it replaced
   * @throws IllegalArgumentException if a set of that name has served here before
   */
  public synchronized String swap(Loaded next) {
    String name = next.set().name();
    if (infoBySet.putIfAbsent(name, next.info()) != null) {
      next.set().close();
      throw new IllegalArgumentException("a serving set named " + name + " has served here before");
    }
    String previous = manager.currentSetName();
    manager.swap(next.set());
    return previous;
  }

  /**
   * Returns the name of the set new requests use.
   *
   * @return the name
   */
  public String currentSetName() {
    return manager.currentSetName();
  }

  /** Waits for requests in flight and closes the current set. */
  @Override
  public void close() {
    manager.close();
  }
}
