package io.github.racrec.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SampleDataTest {

  @Test
  void requireDir_whenPresent_holdsTheDocumentedFiles() {
    Path dir = SampleData.requireDir();
    for (String name :
        new String[] {
          "README.md",
          "reviews_Digital_Music_5.partial.jsonl.gz",
          "meta_Digital_Music.partial.for_review_items.jsonl",
          "movies-music-overlap_users.tsv"
        }) {
      assertTrue(Files.isRegularFile(dir.resolve(name)), name + " missing in " + dir);
    }
  }
}
