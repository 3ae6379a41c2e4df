package io.github.racrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import io.github.racrec.api.ReviewWindow;
import io.github.racrec.api.contract.RecommenderContract;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.TinyBertModel;
import io.github.racrec.onnx.TransformerModel;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import io.github.racrec.training.eval.models.EmcdrModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fitted baseline (EMCDR, which predicts ratings) behind the Recommender API. */
class ModelRecommenderTest extends RecommenderContract {
  @TempDir static Path dir;
  static OnnxTextEncoder encoder;
  static TrainingData training;
  static EmcdrModel emcdr;

  @BeforeAll
  static void fit() throws IOException {
    Path model = new TinyBertModel(24, 512, true, 3).writeFolder(dir.resolve("model"));
    encoder = OnnxTextEncoder.builder().model(TransformerModel.fromFolder(model)).build();
    DemoData demo =
        DemoGenerator.generate(DemoConfig.defaults().scaled(80, 30, 40), dir.resolve("demo"));
    CrossDomainDataset data =
        CrossDomainAssembler.assemble(
            List.of(demo.movieReviewFile()),
            List.of(demo.musicReviewFile()),
            AssemblyConfig.anyOverlap());
    Split split = Split.draw(data, 0.2, 0.1, 1);
    training =
        EvalData.build(
                data,
                split,
                new ReviewVectors(encoder, Optional.empty()),
                10,
                ProgressListener.none())
            .training();
    emcdr = new EmcdrModel();
    emcdr.fit(training);
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Override
  protected Recommender openRecommender() {
    return new ModelRecommender(
        encoder, emcdr, training.catalog(), id -> "title of " + id, ReviewWindow.DEFAULT);
  }

  @Override
  protected List<Review> sampleReviews() {
    return List.of(Review.of("a great rock album"), Review.of("the movie was boring"));
  }

  @Test
  void recommend_ratingModel_predictsRatingsOnTheStarScale() {
    for (Recommendation r : recommender.recommend(sampleReviews(), 10)) {
      double rating = r.predictedRating().orElseThrow();
      assertTrue(rating >= 1 && rating <= 5, r.toString());
      assertTrue(r.title().startsWith("title of "));
    }
  }
}
