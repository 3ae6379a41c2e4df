package io.github.racrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.Encoder;
import io.github.racrec.onnx.OnnxTextEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's Java snippet, compiled and run, so that it cannot go stale. */
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

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
