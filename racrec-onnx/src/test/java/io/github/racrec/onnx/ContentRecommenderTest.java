package io.github.racrec.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.Explanation;
import io.github.racrec.api.RacrecException;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import io.github.racrec.api.ReviewContribution;
import io.github.racrec.api.contract.RecommenderContract;
import io.github.racrec.onnx.catalog.CatalogWriter;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content recommender on a tiny model: the Recommender contract, exact explanations. */
class ContentRecommenderTest extends RecommenderContract {
  private static final String[] ITEM_TEXTS = {
    "loud rock guitar", "quiet jazz", "beautiful song", "terrible album", "great rock album",
    "boring music", "the best jazz album", "loud song", "very quiet music", "good guitar",
    "the worst rock", "beautiful jazz guitar", "great song"
  };

  @TempDir static Path dir;
  static OnnxTextEncoder encoder;
  static Path catalogFile;

  @BeforeAll
  static void buildCatalog() throws IOException {
    Path model = new TinyBertModel(24, 64, true, 11).writeFolder(dir.resolve("model"));
    encoder =
        OnnxTextEncoder.builder().model(TransformerModel.fromFolder(model)).normalize(true).build();
    catalogFile = dir.resolve("items.rcat");
    float[][] vectors = encoder.encode(List.of(ITEM_TEXTS));
    try (CatalogWriter writer =
        CatalogWriter.create(catalogFile, encoder.dimension(), encoder.fingerprint())) {
      for (int i = 0; i < vectors.length; i++) {
        writer.add("item" + i, ITEM_TEXTS[i], vectors[i]);
      }
      writer.commit();
    }
  }

  @AfterAll
  static void closeEncoder() {
    encoder.close();
  }

  @Override
  protected Recommender openRecommender() {
    return ContentRecommender.create(encoder, ExactCatalogIndex.open(catalogFile));
  }

  @Override
  protected List<Review> sampleReviews() {
    return List.of(
        Review.of("i loved the quiet film", Instant.ofEpochSecond(10)),
        Review.of("a boring plot", Instant.ofEpochSecond(20)),
        Review.of("the soundtrack was beautiful", Instant.ofEpochSecond(30)));
  }

  @Test
  void recommend_explanation_sumsToScoreAndNamesCountedReviews() {
    List<Review> reviews = sampleReviews();
    for (Recommendation r : recommender.recommend(reviews, 13)) {
      Explanation explanation = r.explanation().orElseThrow();
      double sum = explanation.itemTerm();
      for (ReviewContribution c : explanation.contributions()) {
        sum += c.contribution();
      }
      assertEquals(r.score(), sum, 1e-4, r.itemId());
      assertEquals(
          List.of(0, 1, 2),
          explanation.contributions().stream().map(ReviewContribution::reviewIndex).toList());
      assertTrue(r.predictedRating().isEmpty(), "the content baseline predicts no rating");
    }
  }

  @Test
  void recommend_userIsAnItemText_ranksThatItemFirst() {
    List<Recommendation> top = recommender.recommend(List.of(Review.of("the best jazz album")), 3);
    assertEquals("item6", top.get(0).itemId());
    assertEquals(1.0, top.get(0).score(), 1e-5);
  }

  @Test
  void create_catalogOfAnotherModel_throwsMismatch() throws IOException {
    Path other = new TinyBertModel(24, 64, true, 12).writeFolder(dir.resolve("other"));
    try (OnnxTextEncoder otherEncoder =
            OnnxTextEncoder.builder().model(TransformerModel.fromFolder(other)).build();
        ExactCatalogIndex index = ExactCatalogIndex.open(catalogFile)) {
      RacrecException e =
          assertThrows(RacrecException.class, () -> ContentRecommender.create(otherEncoder, index));
      assertEquals(ErrorCode.CATALOG_MISMATCH, e.code());
      assertTrue(e.getMessage().contains("rebuild the catalog"), e.getMessage());
    }
  }
}
