package io.github.racrec.examples.web;

import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import io.github.racrec.onnx.serving.RecommenderManager.Served;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the HTTP service asks for recommendations and for {@code /api/info}: {@link LiveModels} in
 * the service, a fixed recommender in tests. Implementations must be safe for concurrent use.
 */
public interface RecommendationSource {
  /**
   * Recommends.
   *
   * @param reviews the source-domain reviews
   * @param k how many items
   * @return the recommendations and the name of the set that made them
   */
  Served<List<Recommendation>> recommend(List<Review> reviews, int k);

  /**
   * Returns what {@code /api/info} reports, including {@code servingSet}.
   *
   * @return the info
   */
  Map<String, Object> info();

  /**
   * A source that never changes.
   *
   * @param name the set name answers carry
   * @param recommender the recommender; borrowed, not closed
   * @param info what {@code /api/info} reports
   * @return the source
   */
  static RecommendationSource fixed(
      String name, Recommender recommender, Map<String, Object> info) {
    Map<String, Object> withName = new LinkedHashMap<>();
    withName.put("servingSet", name);
    withName.putAll(info);
    Map<String, Object> copy = Map.copyOf(withName);
    return new RecommendationSource() {
      @Override
      public Served<List<Recommendation>> recommend(List<Review> reviews, int k) {
        return new Served<>(recommender.recommend(reviews, k), name);
      }

      @Override
      public Map<String, Object> info() {
        return copy;
      }
    };
  }
}
