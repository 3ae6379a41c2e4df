package com.example.musicservice;

import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a serving app does with racrec-onnx alone: open a model folder and a catalog that
 * racrec's training built, and recommend to a user known only by reviews.
 *
 * <p>Run: {@code java -cp target/music-service-1.0.jar:target/lib/* com.example.musicservice.RecommendOnce
 * MODEL_FOLDER CATALOG_FILE "a review" ["another review" ...]}.
 */
public final class RecommendOnce {
  private RecommendOnce() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: RecommendOnce MODEL_FOLDER CATALOG_FILE REVIEW [REVIEW ...]");
      System.exit(2);
    }
    List<Review> reviews = new ArrayList<>();
    for (String text : Arrays.asList(args).subList(2, args.length)) {
      reviews.add(Review.of(text));
    }
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build();
        RacRecTowers model = RacRecTowers.open(Path.of(args[0]));
        ExactCatalogIndex catalog = ExactCatalogIndex.open(Path.of(args[1]));
        Recommender recommender = RacRecRecommender.create(encoder, model, catalog)) {
      List<Recommendation> top = recommender.recommend(reviews, 10);
      for (int i = 0; i < top.size(); i++) {
        Recommendation r = top.get(i);
        System.out.printf(
            "%2d. %-40s %.1f stars%n", i + 1, r.title(), r.predictedRating().orElse(Double.NaN));
      }
      System.out.println("on the module path: " + RecommendOnce.class.getModule().isNamed());
    }
  }
}
