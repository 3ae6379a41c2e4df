package io.github.racrec.training.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.Progress;
import io.github.racrec.api.ReviewWindow;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.TinyBertModel;
import io.github.racrec.onnx.TransformerModel;
import io.github.racrec.onnx.catalog.CatalogFile;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.data.ReviewRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogBuilderTest {
  @TempDir static Path dir;
  static OnnxTextEncoder encoder;

  @BeforeAll
  static void openEncoder() throws IOException {
    Path model = new TinyBertModel(16, 64, true, 5).writeFolder(dir.resolve("model"));
    encoder = OnnxTextEncoder.builder().model(TransformerModel.fromFolder(model)).build();
  }

  @AfterAll
  static void closeEncoder() {
    encoder.close();
  }

  private static ReviewRecord review(String item, long time, String text) {
    return new ReviewRecord("u" + time, item, 4f, text, time);
  }

  @Test
  void write_itemVector_isNormalizedMeanOfNewestKTexts() {
    NewestItemReviews reviews = new NewestItemReviews(new ReviewWindow(2));
    reviews.accept(review("a", 30, "great jazz album"));
    reviews.accept(review("a", 10, "terrible album")); // oldest of three: not counted
    reviews.accept(review("a", 20, "quiet music"));
    reviews.accept(review("b", 5, "loud rock guitar"));
    reviews.accept(review("c", 7, "   ")); // no usable text: item skipped
    List<Progress> reports = new ArrayList<>();
    CatalogBuildReport report =
        CatalogBuilder.builder(encoder)
            .textsPerCall(1)
            .progress(reports::add)
            .build()
            .write(reviews, ItemTitles.none(), dir.resolve("items.rcat"));

    assertEquals(2, report.items());
    assertEquals(1, report.itemsSkipped());
    assertEquals(3, report.reviewsEncoded());
    assertEquals(3, reports.get(reports.size() - 1).done());
    try (CatalogFile catalog = CatalogFile.open(report.catalog())) {
      assertEquals(encoder.fingerprint(), catalog.modelFingerprint());
      assertEquals(List.of("a", "b"), List.of(catalog.id(0), catalog.id(1)));
      float[] actual = new float[encoder.dimension()];
      catalog.copyVector(0, actual, 0);
      float[] expected = unitMean(encoder.encode(List.of("great jazz album", "quiet music")));
      for (int j = 0; j < expected.length; j++) {
        assertEquals(expected[j], actual[j], 1e-5f);
      }
    }
  }

  @Test
  void newestItemReviews_equalTimestamps_laterInStreamWins() {
    NewestItemReviews reviews = new NewestItemReviews(new ReviewWindow(1));
    reviews.accept(review("a", 10, "first"));
    reviews.accept(review("a", 10, "second"));
    assertEquals(List.of("second"), reviews.textsByItem().get("a"));
    assertEquals(0, reviews.itemsWithoutUsableReview());
  }

  private static float[] unitMean(float[][] vectors) {
    float[] mean = new float[vectors[0].length];
    for (float[] v : vectors) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += v[j] / vectors.length;
      }
    }
    double norm = 0;
    for (float x : mean) {
      norm += x * x;
    }
    for (int j = 0; j < mean.length; j++) {
      mean[j] /= (float) Math.sqrt(norm);
    }
    assertTrue(norm > 0);
    return mean;
  }
}
