package io.github.racrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.Encoder;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import io.github.racrec.api.ReviewWindow;
import io.github.racrec.onnx.ContentRecommender;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.training.catalog.CatalogBuilder;
import io.github.racrec.training.catalog.NewestItemReviews;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.data.ReviewFileReader;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the docs' snippets say they give, checked: {@code DocSnippetsTest} runs the snippets as
 * written; this test holds the claims their comments and prose make.
 */
class SnippetClaimsTest {

  @Test
  void embeddedEncoder_is384d_andPutsMusicReviewsCloser() {
    try (Encoder encoder = OnnxTextEncoder.builder().build()) {
      float[][] v =
          encoder.encode(
              List.of(
                  "The score of this film gave me chills.",
                  "Sweeping orchestral soundtrack, lovely strings.",
                  "Cheap thrills and a dumb plot."));
      assertEquals(384, encoder.dimension());
      double film = dot(v[0], v[1]);
      double plot = dot(v[0], v[2]);
      assertTrue(film > plot, "music-related reviews are closer: " + film + " vs " + plot);
    }
  }

  @Test
  void contentCatalog_recommendsTenTitledItems(@TempDir Path dir) {
    DemoData data = DemoGenerator.generate(DemoConfig.defaults().scaled(60, 20, 20), dir);
    Path catalogFile = dir.resolve("music.rcat");
    NewestItemReviews itemReviews = new NewestItemReviews(ReviewWindow.DEFAULT);
    ReviewFileReader.read(data.musicReviewFile(), itemReviews);
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build()) {
      CatalogBuilder.builder(encoder)
          .build()
          .write(itemReviews, ItemTitles.read(data.musicMetaFile(), id -> true), catalogFile);
      try (ExactCatalogIndex catalog = ExactCatalogIndex.open(catalogFile);
          Recommender recommender = ContentRecommender.create(encoder, catalog)) {
        List<Recommendation> top =
            recommender.recommend(List.of(Review.of("A grim, relentless horror film.")), 10);
        assertEquals(10, top.size());
        assertTrue(top.stream().allMatch(r -> !r.title().isEmpty()));
      }
    }
  }

  @Test
  void racRecModel_givesTenItemsWithStarsAndExplanations() {
    Path work = DemoModel.workDir();
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build();
        RacRecTowers model = RacRecTowers.open(work.resolve("model"));
        ExactCatalogIndex catalog = ExactCatalogIndex.open(work.resolve("catalog.rcat"));
        Recommender recommender = RacRecRecommender.create(encoder, model, catalog)) {
      List<Recommendation> top =
          recommender.recommend(List.of(Review.of("A grim, relentless horror film.")), 10);
      assertEquals(10, top.size());
      assertTrue(
          top.stream()
              .allMatch(r -> r.explanation().isPresent() && r.predictedRating().isPresent()));
    }
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
