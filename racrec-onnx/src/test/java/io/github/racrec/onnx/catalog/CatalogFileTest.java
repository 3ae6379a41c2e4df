package io.github.racrec.onnx.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class CatalogFileTest {
  private static final String MODEL = "sha256:model-under-test";
  @TempDir Path dir;

  private record Items(String[] ids, String[] titles, float[][] vectors) {}

  private static Items randomItems(int count, int dim, long seed) {
    Random random = new Random(seed);
    String[] ids = new String[count];
    String[] titles = new String[count];
    float[][] vectors = new float[count][dim];
    for (int i = 0; i < count; i++) {
      ids[i] = (i % 3 == 0 ? "B0" : "é-") + Integer.toString(random.nextInt(1 << 30), 36) + i;
      titles[i] = i % 5 == 0 ? "" : "Title «" + i + "» 🎵";
      for (int j = 0; j < dim; j++) {
        vectors[i][j] = (float) random.nextGaussian();
      }
    }
    vectors[0][0] = -0.0f;
    vectors[0][1] = Float.MIN_VALUE;
    return new Items(ids, titles, vectors);
  }

  private Path write(Path file, Items items, String model) {
    try (CatalogWriter writer = CatalogWriter.create(file, items.vectors()[0].length, model)) {
      writer.metadata("aggregation", "mean of newest 10").metadata("built-by", "test");
      for (int i = 0; i < items.ids().length; i++) {
        writer.add(items.ids()[i], items.titles()[i], items.vectors()[i]);
      }
      return writer.commit();
    }
  }

  private static RacrecException assertFails(ErrorCode code, String fragment, Executable call) {
    RacrecException e = assertThrows(RacrecException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    return e;
  }

  @Test
  void writeThenOpen_roundTrip_isBitExact() {
    Items items = randomItems(257, 13, 1);
    Path file = write(dir.resolve("c.rcat"), items, MODEL);
    try (CatalogFile catalog = CatalogFile.open(file, 5 * 13 * 4)) {
      assertEquals(257, catalog.size());
      assertEquals(13, catalog.dimension());
      assertEquals(MODEL, catalog.modelFingerprint());
      assertEquals(
          Map.of("aggregation", "mean of newest 10", "built-by", "test"), catalog.metadata());
      assertTrue(catalog.fingerprint().matches("sha256:[0-9a-f]{64}"));
      float[] vector = new float[13];
      for (int i = 0; i < 257; i++) {
        assertEquals(items.ids()[i], catalog.id(i));
        assertEquals(items.titles()[i], catalog.title(i));
        assertEquals(i, catalog.ordinalOf(items.ids()[i]).orElseThrow());
        catalog.copyVector(i, vector, 0);
        for (int j = 0; j < 13; j++) {
          assertEquals(
              Float.floatToRawIntBits(items.vectors()[i][j]), Float.floatToRawIntBits(vector[j]));
        }
      }
      assertTrue(catalog.ordinalOf("absent").isEmpty());
    }
  }

  @Test
  void writeTwice_sameContent_sameFingerprint_otherContent_otherFingerprint() {
    Items items = randomItems(20, 4, 2);
    String first = fingerprint(write(dir.resolve("a.rcat"), items, MODEL));
    String again = fingerprint(write(dir.resolve("b.rcat"), items, MODEL));
    items.vectors()[7][2] += 1e-3f;
    String changed = fingerprint(write(dir.resolve("c.rcat"), items, MODEL));
    assertEquals(first, again);
    assertNotEquals(first, changed);
  }

  private static String fingerprint(Path file) {
    try (CatalogFile catalog = CatalogFile.open(file)) {
      return catalog.fingerprint();
    }
  }

  @Test
  void open_emptyCatalog_hasNoItems() {
    Path file = dir.resolve("empty.rcat");
    try (CatalogWriter writer = CatalogWriter.create(file, 8, MODEL)) {
      writer.commit();
    }
    try (ExactCatalogIndex index = ExactCatalogIndex.open(file)) {
      assertEquals(0, index.size());
      assertEquals(List.of(), index.search(new float[8], 10));
    }
  }

  @Test
  void open_missingFile_throwsCatalogNotFound() {
    assertFails(
        ErrorCode.CATALOG_NOT_FOUND, "does not exist", () -> CatalogFile.open(dir.resolve("x")));
  }

  @Test
  void open_truncatedAnywhere_throwsCorruptNamingTruncation() throws IOException {
    Path file = write(dir.resolve("c.rcat"), randomItems(50, 6, 3), MODEL);
    byte[] bytes = Files.readAllBytes(file);
    for (int length : new int[] {0, 100, 256, 300, bytes.length / 2, bytes.length - 1}) {
      Path cut = dir.resolve("cut-" + length + ".rcat");
      Files.write(cut, Arrays.copyOf(bytes, length));
      assertFails(ErrorCode.CATALOG_CORRUPT, "truncated", () -> CatalogFile.open(cut));
    }
  }

  @Test
  void open_oneFlippedByteAnywhere_throwsCorrupt() throws IOException {
    Path file = write(dir.resolve("c.rcat"), randomItems(40, 6, 4), MODEL);
    byte[] bytes = Files.readAllBytes(file);
    Random random = new Random(5);
    int[] positions =
        Stream.concat(
                Stream.of(0, 9, 20, 30, 45, 90, 130, 251, 252, 256, 300, bytes.length - 1),
                random.ints(40, 0, bytes.length).boxed())
            .mapToInt(Integer::intValue)
            .toArray();
    for (int position : positions) {
      byte[] damaged = bytes.clone();
      damaged[position] ^= (byte) (1 << random.nextInt(8));
      Path bad = dir.resolve("flip-" + position + ".rcat");
      Files.write(bad, damaged);
      RacrecException e = assertThrows(RacrecException.class, () -> CatalogFile.open(bad));
      assertEquals(ErrorCode.CATALOG_CORRUPT, e.code(), "byte " + position + ": " + e.getMessage());
    }
  }

  @Test
  void open_foreignFile_throwsCorruptNamingMagic() throws IOException {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "x".repeat(1000));
    assertFails(ErrorCode.CATALOG_CORRUPT, "not a racrec catalog", () -> CatalogFile.open(file));
  }

  @Test
  void open_unknownVersion_throwsCorruptNamingVersion() throws IOException {
    Path file = write(dir.resolve("c.rcat"), randomItems(5, 3, 6), MODEL);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(CatalogFormat.OFF_VERSION, 9);
    Files.write(file, bytes);
    assertFails(ErrorCode.CATALOG_CORRUPT, "format version 9", () -> CatalogFile.open(file));
  }

  @Test
  void requireCompatible_wrongDimensionOrModel_throwsMismatch() {
    Path file = write(dir.resolve("c.rcat"), randomItems(5, 3, 7), MODEL);
    try (CatalogFile catalog = CatalogFile.open(file)) {
      assertFails(
          ErrorCode.CATALOG_MISMATCH, "dimension 3", () -> catalog.requireCompatible(384, MODEL));
      assertFails(
          ErrorCode.CATALOG_MISMATCH,
          "sha256:other",
          () -> catalog.requireCompatible(3, "sha256:other"));
      assertEquals(catalog, catalog.requireCompatible(3, MODEL));
    }
  }

  @Test
  void writer_abandonedHalfway_leavesEarlierFileIntactAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("c.rcat");
    Items old = randomItems(30, 4, 8);
    write(file, old, MODEL);
    byte[] before = Files.readAllBytes(file);
    Items replacement = randomItems(30, 4, 9);
    try (CatalogWriter writer = CatalogWriter.create(file, 4, MODEL)) {
      for (int i = 0; i < 15; i++) {
        writer.add(replacement.ids()[i], replacement.titles()[i], replacement.vectors()[i]);
      }
      // No commit: as if the build failed halfway.
    }
    assertArrayEquals(before, Files.readAllBytes(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void writer_crashedHalfway_leavesEarlierFileReadable() throws IOException {
    Path file = dir.resolve("c.rcat");
    write(file, randomItems(30, 4, 10), MODEL);
    String before = fingerprint(file);
    CatalogWriter crashed = CatalogWriter.create(file, 4, MODEL);
    crashed.add("x", "", new float[] {1, 2, 3, 4});
    // The process "dies" here: neither commit nor close runs. The old catalog still opens.
    assertEquals(before, fingerprint(file));
    crashed.close();
  }

  @Test
  void writer_badItems_areRefused() {
    try (CatalogWriter writer = CatalogWriter.create(dir.resolve("c.rcat"), 3, MODEL)) {
      writer.add("a", "", new float[] {1, 2, 3});
      assertFails(ErrorCode.INVALID_ARGUMENT, "twice", () -> writer.add("a", "", new float[3]));
      assertFails(ErrorCode.INVALID_ARGUMENT, "length 2", () -> writer.add("b", "", new float[2]));
      assertFails(
          ErrorCode.INVALID_INPUT, "NaN", () -> writer.add("c", "", new float[] {0, Float.NaN, 0}));
    }
  }
}
