package io.github.racrec.examples.web;

import io.github.racrec.api.Recommendation;
import io.github.racrec.api.ReviewContribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One recommendation as the API answers it. */
public final class RecommendationJson {
  private RecommendationJson() {}

  /**
   * Returns the item's id, title, predicted rating (absent if the model predicts none), score, each
   * review's contribution, and {@code because}: the review that contributed most, quoted.
   *
   * @param recommendation the recommendation
   * @param reviews the texts it was made from, in the order given
   * @return the JSON object, as a map
   */
  public static Map<String, Object> of(Recommendation recommendation, List<String> reviews) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", recommendation.itemId());
    item.put("title", recommendation.title());
    recommendation.predictedRating().ifPresent(rating -> item.put("rating", rating));
    item.put("score", recommendation.score());
    recommendation
        .explanation()
        .ifPresent(
            explanation -> {
              List<Map<String, Object>> contributions = new ArrayList<>();
              for (ReviewContribution c : explanation.contributions()) {
                contributions.add(
                    Map.of("review", c.reviewIndex(), "contribution", c.contribution()));
              }
              item.put("contributions", contributions);
              explanation
                  .strongest()
                  .ifPresent(
                      c ->
                          item.put(
                              "because",
                              Map.of(
                                  "review",
                                  c.reviewIndex(),
                                  "text",
                                  reviews.get(c.reviewIndex()),
                                  "contribution",
                                  c.contribution())));
            });
    return item;
  }
}
