package io.github.racrec.onnx.catalog;

import java.nio.charset.StandardCharsets;

/**
 * The layout of a racrec catalog file, version 1. All numbers are little-endian.
 *
 * <pre>
 * offset size  field
 *   0     8    magic "RACRECAT"
 *   8     4    format version (1)
 *  12     4    header size (256)
 *  16     4    element type code (1 = float32, 2 = bfloat16, 3 = int8)
 *  20     4    dimension
 *  24     8    item count
 *  32     8    file size in bytes
 *  40     8    offset of the vectors (count x dimension elements, row-major)
 *  48     8    offset of the ids (a string section)
 *  56     8    offset of the titles (a string section)
 *  64     8    offset of the id index (count int32 ordinals, sorted by id's UTF-8 bytes)
 *  72     8    offset of the metadata (int32 length + UTF-8 JSON object of strings)
 *  80     4    CRC32C of every byte after the header
 *  84     4    reserved (0)
 *  88    32    SHA-256 of every byte after the header: the catalog's content fingerprint
 * 120     2    length of the model fingerprint (at most 128)
 * 122   128    model fingerprint, UTF-8, zero-padded
 * 250     2    reserved (0)
 * 252     4    CRC32C of bytes 0..251
 * </pre>
 *
 * <p>An int8 catalog has a scale section right after the vectors (at the next multiple of 8): one
 * float32 per item, by which its stored integers are multiplied; then (at the next multiple of 8)
 * the same vectors as float32, count x dimension, row-major, with which searches re-rank their int8
 * candidates exactly.
 *
 * <p>A string section is {@code count + 1} int64 offsets (relative to the end of the offsets) and
 * then the UTF-8 bytes. Sections follow each other in the order above, each starting at a multiple
 * of 8 (the vectors at 256, a multiple of 64).
 */
final class CatalogFormat {
  static final byte[] MAGIC = "RACRECAT".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_SIZE = 256;
  static final int MAX_FINGERPRINT_BYTES = 128;

  static final int OFF_VERSION = 8;
  static final int OFF_HEADER_SIZE = 12;
  static final int OFF_ELEMENT_TYPE = 16;
  static final int OFF_DIMENSION = 20;
  static final int OFF_COUNT = 24;
  static final int OFF_FILE_SIZE = 32;
  static final int OFF_VECTORS = 40;
  static final int OFF_IDS = 48;
  static final int OFF_TITLES = 56;
  static final int OFF_ID_INDEX = 64;
  static final int OFF_METADATA = 72;
  static final int OFF_BODY_CRC = 80;
  static final int OFF_CONTENT_SHA = 88;
  static final int OFF_FINGERPRINT_LENGTH = 120;
  static final int OFF_FINGERPRINT = 122;
  static final int OFF_HEADER_CRC = 252;

  private CatalogFormat() {}

  static long align8(long position) {
    return (position + 7) & ~7L;
  }
}
