package io.github.racrec.training.racrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.Explanation;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.RacrecException;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import io.github.racrec.api.ReviewContribution;
import io.github.racrec.api.contract.RecommenderContract;
import io.github.racrec.onnx.ContentRecommender;
import io.github.racrec.onnx.ItemTermBlend;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.TinyBertModel;
import io.github.racrec.onnx.TransformerModel;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DomainReviews;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import io.github.racrec.training.eval.Split;
import io.github.racrec.training.eval.TrainingData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's model served by RacRecRecommender: the Recommender contract, and explanations that
 * add up to the score for the held-out cold-start users.
 */
class RacRecRecommenderTest extends RecommenderContract {
  @TempDir static Path dir;
  static OnnxTextEncoder encoder;
  static CrossDomainDataset dataset;
  static Split split;
  static RacRecTowers towers;
  static RacRecPipeline.Result result;

  @BeforeAll
  static void runPipeline() throws IOException {
    Path model = new TinyBertModel(32, 512, false, 8).writeFolder(dir.resolve("encoder"));
    encoder = OnnxTextEncoder.builder().model(TransformerModel.fromFolder(model)).build();
    DemoData demo =
        DemoGenerator.generate(DemoConfig.defaults().scaled(100, 30, 40), dir.resolve("demo"));
    dataset =
        CrossDomainAssembler.assemble(
            List.of(demo.movieReviewFile()),
            List.of(demo.musicReviewFile()),
            AssemblyConfig.anyOverlap());
    split = Split.draw(dataset, 0.2, 0.1, 3);
    result =
        RacRecPipeline.run(
            dataset,
            split,
            encoder,
            RacRecConfig.original().withEpochs(4),
            ItemTitles.read(demo.musicMetaFile(), id -> true),
            dir.resolve("out"),
            ProgressListener.none());
    towers = RacRecTowers.open(result.modelFolder());
  }

  @AfterAll
  static void close() {
    towers.close();
    encoder.close();
  }

  @Override
  protected Recommender openRecommender() {
    return RacRecRecommender.create(encoder, towers, ExactCatalogIndex.open(result.catalogFile()));
  }

  @Override
  protected List<Review> sampleReviews() {
    return List.of(Review.of("a great movie", Instant.ofEpochSecond(1)), Review.of("boring plot"));
  }

  @Test
  void recommend_testUsers_contributionsPlusItemTermEqualTheScore() {
    int checked = 0;
    for (String user : split.testUsers()) {
      List<Review> reviews = sourceReviews(dataset.users().indexOf(user));
      for (Recommendation r : recommender.recommend(reviews, 10)) {
        Explanation explanation = r.explanation().orElseThrow();
        double sum = explanation.itemTerm();
        for (ReviewContribution c : explanation.contributions()) {
          sum += c.contribution();
        }
        assertEquals(r.score(), sum, 1e-4, user + " " + r.itemId());
        double rating = r.predictedRating().orElseThrow();
        assertTrue(rating >= 1 && rating <= 5);
        checked++;
      }
    }
    assertTrue(checked >= 100, "checked " + checked + " recommendations");
  }

  @Test
  void create_catalogOfAnotherModelOrEncoder_isRefused() {
    try (ExactCatalogIndex content = ExactCatalogIndex.open(result.catalogFile())) {
      RacrecException e =
          assertThrows(
              RacrecException.class,
              () -> ContentRecommender.create(encoder, content),
              "a RACRec catalog is not a content catalog");
      assertEquals(ErrorCode.CATALOG_MISMATCH, e.code());
    }
    try (OnnxTextEncoder other = OnnxTextEncoder.builder().build();
        ExactCatalogIndex catalog = ExactCatalogIndex.open(result.catalogFile())) {
      RacrecException e =
          assertThrows(
              RacrecException.class, () -> RacRecRecommender.create(other, towers, catalog));
      assertEquals(ErrorCode.MODEL_INCOMPATIBLE, e.code());
    }
  }

  /**
   * A model with hidden layers has no exact split: each review's contribution is the score lost
   * when that review alone is left out, and the item term takes the rest.
   */
  @Test
  void recommend_nonlinearModel_explainsByLeavingOneReviewOut() {
    RacRecConfig hidden =
        RacRecConfig.corrected()
            .withCorrections(Corrections.all().withHiddenSize(16))
            .withEpochs(3);
    RacRecPipeline.Result nonlinear =
        RacRecPipeline.run(
            dataset,
            split,
            encoder,
            hidden,
            ItemTitles.read(dir.resolve("demo").resolve("meta_Digital_Music.jsonl"), id -> true),
            dir.resolve("out-nonlinear"),
            ProgressListener.none());
    try (RacRecTowers model = RacRecTowers.open(nonlinear.modelFolder());
        ExactCatalogIndex catalog = ExactCatalogIndex.open(nonlinear.catalogFile());
        Recommender served = RacRecRecommender.create(encoder, model, catalog)) {
      assertTrue(!model.manifest().linearUserTower(), "the hidden layer makes the tower nonlinear");
      String user = split.testUsers().get(0);
      List<Review> reviews = sourceReviews(dataset.users().indexOf(user));
      int[] chosen = new io.github.racrec.api.ReviewWindow(10).selectIndices(reviews);
      List<String> texts = new ArrayList<>();
      for (int index : chosen) {
        texts.add(reviews.get(index).text());
      }
      float[][] vectors = encoder.encode(texts);
      Recommendation top = served.recommend(reviews, 1).get(0);
      float[] item = catalog.vector(catalog.item(top.itemId()).orElseThrow().ordinal());
      float[][] without = model.tastesWithoutEachReview(vectors);
      Explanation explanation = top.explanation().orElseThrow();
      double sum = explanation.itemTerm();
      // Corrections.all() blends in item terms: the score is ItemTermBlend's selection.
      ItemTermBlend blend = model.manifest().itemTerms();
      for (ReviewContribution c : explanation.contributions()) {
        int position = java.util.Arrays.stream(chosen).boxed().toList().indexOf(c.reviewIndex());
        double scoreWithout = blend.tastePart(without[position], item) + blend.itemPart(item);
        assertEquals(top.score() - scoreWithout, c.contribution(), 1e-4, "review " + c);
        sum += c.contribution();
      }
      assertEquals(top.score(), sum, 1e-4, "contributions and item term add up to the score");
    }
  }

  /**
   * The default model blends in item terms: the catalog carries each item's shrunk mean rating and
   * log(1 + visible reviews), the served order is the selection score over the whole catalog, the
   * predicted rating is the blended one, and the linear explanation still adds up to the score that
   * ranked it.
   */
  @Test
  void recommend_itemTermModel_ordersBySelectionAndRatesByTheBlend() {
    RacRecPipeline.Result blended =
        RacRecPipeline.run(
            dataset,
            split,
            encoder,
            RacRecConfig.corrected().withEpochs(3),
            ItemTitles.read(dir.resolve("demo").resolve("meta_Digital_Music.jsonl"), id -> true),
            dir.resolve("out-item-terms"),
            ProgressListener.none());
    try (RacRecTowers model = RacRecTowers.open(blended.modelFolder());
        ExactCatalogIndex catalog = ExactCatalogIndex.open(blended.catalogFile());
        Recommender served = RacRecRecommender.create(encoder, model, catalog)) {
      ItemTermBlend blend = model.manifest().itemTerms();
      assertEquals(blended.model().itemTerms().orElseThrow(), blend);
      assertEquals(model.manifest().tasteDimension() + 2, catalog.dimension());
      TrainingData.Catalog visible = blended.data().training().catalog();
      int t = model.manifest().tasteDimension();
      for (int o = 0; o < catalog.size(); o++) {
        int index = visible.indexOf(catalog.item(o).id());
        float[] vector = catalog.vector(o);
        int count = visible.reviewCounts()[index];
        assertEquals(
            blend.itemMean(visible.ratingSums()[index], count), vector[t], 1e-5, "mean " + o);
        assertEquals(Math.log1p(count), vector[t + 1], 1e-6, "popularity " + o);
      }
      for (String user : split.testUsers().subList(0, 5)) {
        List<Review> reviews = sourceReviews(dataset.users().indexOf(user));
        int[] chosen = new io.github.racrec.api.ReviewWindow(10).selectIndices(reviews);
        List<String> texts = new ArrayList<>();
        for (int index : chosen) {
          texts.add(reviews.get(index).text());
        }
        float[] taste = model.userTaste(encoder.encode(texts)).taste();
        double[] expected = new double[catalog.size()];
        for (int o = 0; o < catalog.size(); o++) {
          float[] vector = catalog.vector(o);
          expected[o] = blend.selection(dot(taste, vector), vector[t + 1]);
        }
        double[] best = expected.clone();
        java.util.Arrays.sort(best);
        List<Recommendation> recommendations = served.recommend(reviews, 10);
        for (int rank = 0; rank < recommendations.size(); rank++) {
          Recommendation r = recommendations.get(rank);
          int ordinal = catalog.item(r.itemId()).orElseThrow().ordinal();
          assertEquals(best[best.length - 1 - rank], r.score(), 1e-4, user + " rank " + rank);
          assertEquals(expected[ordinal], r.score(), 1e-4, user + " " + r.itemId());
          float[] vector = catalog.vector(ordinal);
          double head = dot(taste, vector);
          double rating = Math.max(1, Math.min(5, blend.rating(head, vector[t])));
          assertEquals(rating, r.predictedRating().orElseThrow(), 1e-4, "the blended rating");
          Explanation explanation = r.explanation().orElseThrow();
          double sum = explanation.itemTerm();
          for (ReviewContribution c : explanation.contributions()) {
            sum += c.contribution();
          }
          assertEquals(r.score(), sum, 1e-4, "contributions and item term add up to the score");
        }
      }
    }
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  private static List<Review> sourceReviews(int user) {
    DomainReviews source = dataset.source();
    List<Review> reviews = new ArrayList<>();
    for (int r : source.reviewsOfUser(user)) {
      reviews.add(
          Review.of(
              source.text(r), source.rating(r), Instant.ofEpochMilli(source.timestampMillis(r))));
    }
    return reviews;
  }
}
