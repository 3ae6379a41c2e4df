package io.github.racrec.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.racrec.onnx.internal.Json;
import io.github.racrec.testing.SampleData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * On real Amazon music reviews (the shared samples; skipped where absent), reviews of the same item
 * are closer to each other than reviews of different items: the encoder captures content.
 */
class RealReviewsEncodingTest {
  private static final int REVIEWS = 300;

  @Test
  void encode_realMusicReviews_sameItemCloserThanOtherItems() throws IOException {
    Path file = SampleData.requireFile("reviews_Digital_Music_5.partial.jsonl.gz");
    List<String> items = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine();
          line != null && texts.size() < REVIEWS;
          line = reader.readLine()) {
        JsonNode review = Json.reader().readTree(line);
        String text = review.get("reviewText").asText();
        if (!text.isBlank()) {
          items.add(review.get("asin").asText());
          texts.add(text);
        }
      }
    }
    float[][] vectors;
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build()) {
      vectors = encoder.encode(texts);
    }
    double same = 0;
    double other = 0;
    long sameCount = 0;
    long otherCount = 0;
    for (int i = 0; i < vectors.length; i++) {
      assertEquals(1.0, Math.sqrt(dot(vectors[i], vectors[i])), 1e-5, "unit length");
      for (int j = i + 1; j < vectors.length; j++) {
        double cosine = dot(vectors[i], vectors[j]);
        if (items.get(i).equals(items.get(j))) {
          same += cosine;
          sameCount++;
        } else {
          other += cosine;
          otherCount++;
        }
      }
    }
    assertTrue(sameCount > 100 && otherCount > 100, "the sample has items with several reviews");
    double meanSame = same / sameCount;
    double meanOther = other / otherCount;
    assertTrue(
        meanSame > meanOther + 0.05,
        "same-item mean cosine " + meanSame + " vs other-item " + meanOther);
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
