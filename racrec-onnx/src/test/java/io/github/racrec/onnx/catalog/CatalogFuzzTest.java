package io.github.racrec.onnx.catalog;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the catalog loader: 10,800 mutated catalog files (3,600 per element type), in
 * three kinds: random damage (caught by the checksums), header fields set to random or edge values
 * with the header checksum made valid again (so the field checks must catch them), and damaged ids,
 * titles, index and metadata with both checksums made valid again (so parsing must cope). Each file
 * must open and search, or fail with {@link RacrecException} ({@code CATALOG_CORRUPT} or {@code
 * CATALOG_MISMATCH}): no other exception, no hang.
 */
class CatalogFuzzTest {
  private static final int FILES_PER_KIND = 1_200;
  private static final int[] HEADER_FIELDS = {
    CatalogFormat.OFF_VERSION,
    CatalogFormat.OFF_HEADER_SIZE,
    CatalogFormat.OFF_ELEMENT_TYPE,
    CatalogFormat.OFF_DIMENSION,
    CatalogFormat.OFF_COUNT,
    CatalogFormat.OFF_FILE_SIZE,
    CatalogFormat.OFF_VECTORS,
    CatalogFormat.OFF_IDS,
    CatalogFormat.OFF_TITLES,
    CatalogFormat.OFF_ID_INDEX,
    CatalogFormat.OFF_METADATA,
    CatalogFormat.OFF_FINGERPRINT_LENGTH
  };
  private static final long[] EDGE_VALUES = {
    0, 1, -1, 7, 255, 256, 257, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, 1L << 40
  };

  @TempDir Path dir;

  @Test
  void mutatedCatalogs_openAndSearch_orFailWithACatalogError() throws IOException {
    Path valid = dir.resolve("valid.rcat");
    for (ElementType type : ElementType.values()) {
      writeValid(valid, type);
      byte[] original = Files.readAllBytes(valid);
      Map<ErrorCode, Integer> outcomes = new EnumMap<>(ErrorCode.class);
      int[] opened = {0};
      SplittableRandom random = new SplittableRandom(type.ordinal() + 1);
      Path file = dir.resolve("mutated.rcat");
      assertTimeoutPreemptively(
          Duration.ofMinutes(3),
          () -> {
            for (int i = 0; i < 3 * FILES_PER_KIND; i++) {
              byte[] bytes =
                  switch (i % 3) {
                    case 0 -> randomDamage(original, random);
                    case 1 -> headerField(original, random);
                    default -> bodyWithValidChecksums(original, random);
                  };
              Files.write(file, bytes);
              try (ExactCatalogIndex index =
                  ExactCatalogIndex.open(file, ScanSettings.defaults().withThreads(1))) {
                index.search(new float[index.dimension()], 5, Set.of());
                for (int row = 0; row < index.size(); row++) {
                  index.item(row);
                }
                index.catalog().metadata();
                opened[0]++;
              } catch (RacrecException e) {
                assertTrue(
                    e.code() == ErrorCode.CATALOG_CORRUPT || e.code() == ErrorCode.CATALOG_MISMATCH,
                    "file " + i + ": unexpected code " + e.code() + ": " + e.getMessage());
                outcomes.merge(e.code(), 1, Integer::sum);
              }
            }
          });
      System.out.printf(
          "catalog fuzz %s: %d files, %d opened and searched, refused %s%n",
          type, 3 * FILES_PER_KIND, opened[0], outcomes);
    }
  }

  private static void writeValid(Path path, ElementType type) {
    try (CatalogWriter writer = CatalogWriter.create(path, 8, "fuzz-model", type)) {
      writer.metadata("built-by", "CatalogFuzzTest");
      SplittableRandom random = new SplittableRandom(5);
      for (int i = 0; i < 20; i++) {
        float[] vector = new float[8];
        for (int d = 0; d < 8; d++) {
          vector[d] = (float) random.nextGaussian();
        }
        writer.add("item-" + i, "Title é " + i, vector);
      }
      writer.commit();
    }
  }

  /** Flips, overwrites, truncates or extends anywhere; checksums left as they are. */
  private static byte[] randomDamage(byte[] original, SplittableRandom random) {
    switch (random.nextInt(3)) {
      case 0 -> {
        byte[] out = original.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
      }
      case 1 -> {
        return java.util.Arrays.copyOf(original, random.nextInt(original.length));
      }
      default -> {
        return java.util.Arrays.copyOf(original, original.length + 1 + random.nextInt(300));
      }
    }
  }

  /** One header field set to a random or edge value, then the header checksum recomputed. */
  private static byte[] headerField(byte[] original, SplittableRandom random) {
    byte[] out = original.clone();
    ByteBuffer header = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    int field = HEADER_FIELDS[random.nextInt(HEADER_FIELDS.length)];
    long value =
        random.nextBoolean()
            ? EDGE_VALUES[random.nextInt(EDGE_VALUES.length)]
            : header.getLong(field) + random.nextInt(-300, 300);
    boolean longField =
        field >= CatalogFormat.OFF_FILE_SIZE && field <= CatalogFormat.OFF_METADATA
            || field == CatalogFormat.OFF_COUNT;
    if (field == CatalogFormat.OFF_FINGERPRINT_LENGTH) {
      header.putShort(field, (short) value);
    } else if (longField) {
      header.putLong(field, value);
    } else {
      header.putInt(field, (int) value);
    }
    fixHeaderChecksum(out);
    return out;
  }

  /** Bytes after the vectors damaged, then both checksums recomputed. */
  private static byte[] bodyWithValidChecksums(byte[] original, SplittableRandom random) {
    byte[] out = original.clone();
    ByteBuffer header = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    int idsStart = (int) header.getLong(CatalogFormat.OFF_IDS);
    for (int n = 1 + random.nextInt(6); n > 0; n--) {
      int at = idsStart + random.nextInt(out.length - idsStart);
      out[at] = (byte) random.nextInt(256);
    }
    CRC32C body = new CRC32C();
    body.update(out, CatalogFormat.HEADER_SIZE, out.length - CatalogFormat.HEADER_SIZE);
    header.putInt(CatalogFormat.OFF_BODY_CRC, (int) body.getValue());
    fixHeaderChecksum(out);
    return out;
  }

  private static void fixHeaderChecksum(byte[] out) {
    CRC32C crc = new CRC32C();
    crc.update(out, 0, CatalogFormat.OFF_HEADER_CRC);
    ByteBuffer.wrap(out)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(CatalogFormat.OFF_HEADER_CRC, (int) crc.getValue());
  }
}
