package io.github.racrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.Encoder;
import io.github.racrec.api.ProgressListener;
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
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.data.ReviewFileReader;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import io.github.racrec.training.eval.Split;
import io.github.racrec.training.racrec.RacRecConfig;
import io.github.racrec.training.racrec.RacRecPipeline;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java snippets, compiled and run, so that they cannot go stale. */
class ReadmeSnippetTest {

  @Test
  void readmeSnippet_encodesAndCompares() {
    // --- README snippet: start ---
    try (Encoder encoder = OnnxTextEncoder.builder().build()) { // embedded all-MiniLM-L6-v2
      float[][] v =
          encoder.encode(
              List.of(
                  "The score of this film gave me chills.",
                  "Sweeping orchestral soundtrack, lovely strings.",
                  "Cheap thrills and a dumb plot."));
      double film = dot(v[0], v[1]); // vectors have unit length: dot = cosine
      double plot = dot(v[0], v[2]);
      // --- README snippet: end ---
      assertEquals(384, encoder.dimension());
      assertTrue(film > plot, "music-related reviews are closer: " + film + " vs " + plot);
    }
  }

  @Test
  void readmeCatalogSnippet_buildsAndRecommends(@TempDir Path dir) {
    DemoData data = DemoGenerator.generate(DemoConfig.defaults().scaled(60, 20, 20), dir);
    Path musicReviews = data.musicReviewFile();
    Path musicMeta = data.musicMetaFile();
    Path catalogFile = dir.resolve("music.rcat");
    // --- README snippet: start ---
    NewestItemReviews itemReviews = new NewestItemReviews(ReviewWindow.DEFAULT); // newest 10
    ReviewFileReader.read(musicReviews, itemReviews); // streams Digital_Music.jsonl(.gz)
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build()) {
      CatalogBuilder.builder(encoder)
          .build()
          .write(itemReviews, ItemTitles.read(musicMeta, id -> true), catalogFile);
      try (ExactCatalogIndex catalog = ExactCatalogIndex.open(catalogFile);
          Recommender recommender = ContentRecommender.create(encoder, catalog)) {
        List<Recommendation> top =
            recommender.recommend(List.of(Review.of("A grim, relentless horror film.")), 10);
        // --- README snippet: end ---
        assertEquals(10, top.size());
        assertTrue(top.stream().allMatch(r -> !r.title().isEmpty()));
      }
    }
  }

  @Test
  void readmeRacRecSnippet_servesATrainedModel(@TempDir Path dir) {
    DemoData data = DemoGenerator.generate(DemoConfig.defaults().scaled(80, 30, 40), dir);
    CrossDomainDataset dataset =
        CrossDomainAssembler.assemble(
            List.of(data.movieReviewFile()),
            List.of(data.musicReviewFile()),
            AssemblyConfig.anyOverlap());
    try (OnnxTextEncoder trainingEncoder = OnnxTextEncoder.builder().build()) {
      RacRecPipeline.run(
          dataset,
          Split.draw(dataset, 0.1, 0.1, 1),
          trainingEncoder,
          RacRecConfig.original().withEpochs(2),
          ItemTitles.read(data.musicMetaFile(), id -> true),
          dir.resolve("out"),
          Path.of("target", "readme-snippet-vectors.bin"),
          ProgressListener.none());
    }
    Path modelFolder = dir.resolve("out/model");
    Path catalogFile = dir.resolve("out/catalog.rcat");
    // --- README snippet: start ---
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build();
        RacRecTowers model = RacRecTowers.open(modelFolder);
        ExactCatalogIndex catalog = ExactCatalogIndex.open(catalogFile);
        Recommender recommender = RacRecRecommender.create(encoder, model, catalog)) {
      List<Recommendation> top =
          recommender.recommend(List.of(Review.of("A grim, relentless horror film.")), 10);
      Recommendation best = top.get(0); // best.predictedRating(), best.explanation()
      // --- README snippet: end ---
      assertEquals(10, top.size());
      assertTrue(best.explanation().isPresent() && best.predictedRating().isPresent());
    }
  }

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
