package io.github.racrec.onnx.catalog;

import io.github.racrec.api.CatalogIndex;
import io.github.racrec.api.contract.CatalogIndexContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The CatalogIndex contract on catalog files, mapped in small chunks to cross chunk borders. */
class ExactCatalogIndexContractTest extends CatalogIndexContract {
  private Path dir;

  @BeforeEach
  void createDir() throws IOException {
    dir = Files.createTempDirectory("racrec-index-test");
  }

  @AfterEach
  void deleteDir() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Override
  protected CatalogIndex openIndex(String[] ids, String[] titles, float[][] vectors) {
    Path file = dir.resolve("catalog-" + System.nanoTime() + ".rcat");
    try (CatalogWriter writer = CatalogWriter.create(file, vectors[0].length, "test-model")) {
      for (int i = 0; i < ids.length; i++) {
        writer.add(ids[i], titles[i], vectors[i]);
      }
      writer.commit();
    }
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(new IOException("catalog not written"));
    }
    // 37 rows per chunk: searches must be exact across chunk borders (files over 2 GB map so).
    long chunkBytes = 37L * vectors[0].length * Float.BYTES;
    return ExactCatalogIndex.of(CatalogFile.open(file, chunkBytes));
  }
}
