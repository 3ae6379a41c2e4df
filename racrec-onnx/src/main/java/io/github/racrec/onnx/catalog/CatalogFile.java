package io.github.racrec.onnx.catalog;

import static io.github.racrec.onnx.catalog.CatalogFormat.HEADER_SIZE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.internal.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.zip.CRC32C;

/**
 * A catalog file opened for reading: checked in full, then memory-mapped.
 *
 * <p>{@link #open(Path)} verifies the header and the checksum of every byte, so a truncated,
 * damaged or foreign file fails at once with {@link ErrorCode#CATALOG_CORRUPT} and a message that
 * names the problem. The vectors are mapped in chunks of whole rows (at most 1 GiB each), so
 * catalogs larger than 2 GB work and only the pages in use occupy memory; ids and titles are
 * decoded on demand.
 *
 * <p>Thread-safety: safe for concurrent use; every accessor reads from private views of the
 * mapping.
 *
 * <p>Ownership: the opener closes it. After {@link #close()} the vectors, ids and titles can no
 * longer be read ({@link IllegalStateException}); the operating system releases the mapping when
 * the garbage collector frees it.
 */
public final class CatalogFile implements AutoCloseable {
  static final long DEFAULT_CHUNK_BYTES = 1L << 30;

  private final Path path;
  private final int dimension;
  private final int count;
  private final ElementType elementType;
  private final String modelFingerprint;
  private final String fingerprint;
  private final Map<String, String> metadata;
  private final MappedByteBuffer[] vectorChunks;
  private final int rowsPerChunk;
  private final StringSection ids;
  private final StringSection titles;
  private final ByteBuffer idIndex;
  private final float[] scales;

  /** For int8: the float32 rows kept for re-ranking, one view per mapped chunk; else null. */
  private final FloatBuffer[] exactChunks;

  private final int exactRowsPerChunk;
  private volatile boolean closed;

  private CatalogFile(Path path, FileChannel channel, long chunkBytes) throws IOException {
    this.path = path;
    long fileSize = channel.size();
    if (fileSize < HEADER_SIZE) {
      throw corrupt(
          "is truncated: " + fileSize + " bytes, but a catalog header alone takes " + HEADER_SIZE);
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, header, 0);
    checkHeader(header, fileSize);

    this.elementType = ElementType.fromCode(header.getInt(CatalogFormat.OFF_ELEMENT_TYPE));
    this.dimension = header.getInt(CatalogFormat.OFF_DIMENSION);
    this.count = (int) header.getLong(CatalogFormat.OFF_COUNT);
    int fingerprintLength = header.getShort(CatalogFormat.OFF_FINGERPRINT_LENGTH);
    this.modelFingerprint =
        new String(
            header.array(),
            CatalogFormat.OFF_FINGERPRINT,
            fingerprintLength,
            StandardCharsets.UTF_8);
    byte[] sha = Arrays.copyOfRange(header.array(), CatalogFormat.OFF_CONTENT_SHA, 120);
    this.fingerprint = "sha256:" + HexFormat.of().formatHex(sha);

    verifyBodyChecksum(channel, fileSize, header.getInt(CatalogFormat.OFF_BODY_CRC));

    long rowBytes = (long) dimension * elementType.bytesPerComponent();
    long vectorsOffset = offset(header, CatalogFormat.OFF_VECTORS, fileSize);
    long idsOffset = offset(header, CatalogFormat.OFF_IDS, fileSize);
    long titlesOffset = offset(header, CatalogFormat.OFF_TITLES, fileSize);
    long idIndexOffset = offset(header, CatalogFormat.OFF_ID_INDEX, fileSize);
    long metadataOffset = offset(header, CatalogFormat.OFF_METADATA, fileSize);
    // Every size below is checked against the file before it is used: a damaged header whose
    // dimension times count overflows must not turn into a negative mapping.
    if (rowBytes > fileSize || (count > 0 && rowBytes * count / count != rowBytes)) {
      throw corrupt("has a header with impossible values (dimension " + dimension + ")");
    }
    long vectorsEnd = vectorsOffset + rowBytes * count;
    long scalesOffset = CatalogFormat.align8(vectorsEnd);
    checkSection("vectors", vectorsOffset, vectorsEnd, idsOffset);
    long exactOffset = CatalogFormat.align8(scalesOffset + 4L * count);
    long floatRowBytes = 4L * dimension;
    if (elementType == ElementType.INT8) {
      checkSection("scales", scalesOffset, scalesOffset + 4L * count, exactOffset);
      if (floatRowBytes * count > fileSize) {
        throw corrupt("has an impossible float32 vectors section");
      }
      checkSection("float32 vectors", exactOffset, exactOffset + floatRowBytes * count, idsOffset);
    }
    checkSection("ids", idsOffset, idsOffset, titlesOffset);
    checkSection("titles", titlesOffset, titlesOffset, idIndexOffset);
    checkSection("id index", idIndexOffset, idIndexOffset + 4L * count, metadataOffset);
    checkSection("metadata", metadataOffset, metadataOffset + 4, fileSize);

    this.rowsPerChunk = (int) Math.max(1, Math.min(count, chunkBytes / rowBytes));
    int chunks = count == 0 ? 0 : (count + rowsPerChunk - 1) / rowsPerChunk;
    this.vectorChunks = new MappedByteBuffer[chunks];
    for (int c = 0; c < chunks; c++) {
      long firstRow = (long) c * rowsPerChunk;
      long rows = Math.min(rowsPerChunk, count - firstRow);
      vectorChunks[c] =
          channel.map(
              FileChannel.MapMode.READ_ONLY, vectorsOffset + firstRow * rowBytes, rows * rowBytes);
      vectorChunks[c].order(ByteOrder.LITTLE_ENDIAN);
    }
    this.ids = new StringSection("ids", map(channel, idsOffset, titlesOffset), count);
    this.titles = new StringSection("titles", map(channel, titlesOffset, idIndexOffset), count);
    this.idIndex = map(channel, idIndexOffset, idIndexOffset + 4L * count);
    this.metadata = readMetadata(map(channel, metadataOffset, fileSize));
    this.scales = elementType == ElementType.INT8 ? readScales(channel, scalesOffset) : null;
    this.exactRowsPerChunk = (int) Math.max(1, Math.min(count, chunkBytes / floatRowBytes));
    this.exactChunks =
        elementType == ElementType.INT8
            ? floatViews(mapRows(channel, exactOffset, floatRowBytes, exactRowsPerChunk))
            : null;
  }

  private MappedByteBuffer[] mapRows(
      FileChannel channel, long offset, long rowBytes, int rowsPerChunk) throws IOException {
    int chunks = count == 0 ? 0 : (count + rowsPerChunk - 1) / rowsPerChunk;
    MappedByteBuffer[] mapped = new MappedByteBuffer[chunks];
    for (int c = 0; c < chunks; c++) {
      long firstRow = (long) c * rowsPerChunk;
      long rows = Math.min(rowsPerChunk, count - firstRow);
      mapped[c] =
          channel.map(FileChannel.MapMode.READ_ONLY, offset + firstRow * rowBytes, rows * rowBytes);
    }
    return mapped;
  }

  /** Little-endian float views; read with absolute gets only, so threads can share them. */
  private static FloatBuffer[] floatViews(MappedByteBuffer[] chunks) {
    FloatBuffer[] views = new FloatBuffer[chunks.length];
    for (int c = 0; c < chunks.length; c++) {
      views[c] = chunks[c].order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }
    return views;
  }

  private float[] readScales(FileChannel channel, long offset) throws IOException {
    float[] values = new float[count];
    map(channel, offset, offset + 4L * count).asFloatBuffer().get(values);
    for (float value : values) {
      if (!(value >= 0f) || value == Float.POSITIVE_INFINITY) {
        throw corrupt("has an impossible int8 scale " + value);
      }
    }
    return values;
  }

  /**
   * Opens and verifies a catalog file.
   *
   * @param path the catalog file
   * @return the opened catalog, which the caller closes
   * @throws NullPointerException if {@code path} is null
   * @throws RacrecException with {@link ErrorCode#CATALOG_NOT_FOUND} if the file does not exist,
   *     with {@link ErrorCode#CATALOG_CORRUPT} if it is truncated, damaged or not a catalog of a
   *     supported version, or with {@link ErrorCode#IO_ERROR} if it cannot be read
   */
  public static CatalogFile open(Path path) {
    return open(path, DEFAULT_CHUNK_BYTES);
  }

  static CatalogFile open(Path path, long chunkBytes) {
    Objects.requireNonNull(path, "path");
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      return new CatalogFile(path, channel, chunkBytes);
    } catch (NoSuchFileException e) {
      throw new RacrecException(
          ErrorCode.CATALOG_NOT_FOUND, "catalog file " + path + " does not exist", e);
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot read catalog file " + path, e);
    }
  }

  /**
   * Checks that this catalog was built for the given model and vector length.
   *
   * @param expectedDimension the model's vector length
   * @param expectedModelFingerprint the model's fingerprint
   * @return this catalog
   * @throws RacrecException with {@link ErrorCode#CATALOG_MISMATCH} if either differs
   */
  public CatalogFile requireCompatible(int expectedDimension, String expectedModelFingerprint) {
    if (dimension != expectedDimension) {
      throw new RacrecException(
          ErrorCode.CATALOG_MISMATCH,
          "catalog "
              + path
              + " has dimension "
              + dimension
              + " but the model gives "
              + expectedDimension
              + ": rebuild the catalog with this model");
    }
    if (!modelFingerprint.equals(expectedModelFingerprint)) {
      throw new RacrecException(
          ErrorCode.CATALOG_MISMATCH,
          "catalog "
              + path
              + " was built with model "
              + modelFingerprint
              + ", not with "
              + expectedModelFingerprint
              + ": rebuild the catalog with this model");
    }
    return this;
  }

  /**
   * Returns the file this catalog was read from.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * Returns the length of the vectors.
   *
   * @return the dimension
   */
  public int dimension() {
    return dimension;
  }

  /**
   * Returns the number of items.
   *
   * @return the item count
   */
  public int size() {
    return count;
  }

  /**
   * Returns how the vectors are stored.
   *
   * @return the element type
   */
  public ElementType elementType() {
    return elementType;
  }

  /**
   * Returns the fingerprint of the model that made the vectors.
   *
   * @return the model fingerprint recorded at build time
   */
  public String modelFingerprint() {
    return modelFingerprint;
  }

  /**
   * Returns the catalog's content fingerprint, the SHA-256 of everything after the header.
   *
   * @return {@code "sha256:"} and 64 hex digits
   */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * Returns the information recorded by the writer.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Returns an item's id.
   *
   * @param ordinal the item's position
   * @return the id
   * @throws IndexOutOfBoundsException if {@code ordinal} is out of range
   * @throws IllegalStateException if the catalog is closed
   */
  public String id(int ordinal) {
    ensureOpen();
    return ids.get(Objects.checkIndex(ordinal, count));
  }

  /**
   * Returns an item's title.
   *
   * @param ordinal the item's position
   * @return the title, empty if unknown
   * @throws IndexOutOfBoundsException if {@code ordinal} is out of range
   * @throws IllegalStateException if the catalog is closed
   */
  public String title(int ordinal) {
    ensureOpen();
    return titles.get(Objects.checkIndex(ordinal, count));
  }

  /**
   * Finds an item's position by its id, by bisection over the sorted id index.
   *
   * @param id the item's id
   * @return the position, or empty if no item has that id
   * @throws IllegalStateException if the catalog is closed
   */
  public OptionalInt ordinalOf(String id) {
    Objects.requireNonNull(id, "id");
    ensureOpen();
    byte[] key = id.getBytes(StandardCharsets.UTF_8);
    int low = 0;
    int high = count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int ordinal = idIndex.getInt(4 * mid);
      int cmp = ids.compareTo(ordinal, key);
      if (cmp < 0) {
        low = mid + 1;
      } else if (cmp > 0) {
        high = mid - 1;
      } else {
        return OptionalInt.of(ordinal);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * Copies an item's vector as float32: exactly as written for float32 and int8 catalogs (an int8
   * catalog keeps a float32 copy for re-ranking), rounded for bfloat16.
   *
   * @param ordinal the item's position
   * @param destination where to write
   * @param offset where in {@code destination} the vector starts
   * @throws IndexOutOfBoundsException if {@code ordinal} or the destination range is invalid
   * @throws IllegalStateException if the catalog is closed
   */
  public void copyVector(int ordinal, float[] destination, int offset) {
    Objects.checkIndex(ordinal, count);
    Objects.checkFromIndexSize(offset, dimension, destination.length);
    ByteBuffer chunk = chunkBytes(ordinal / rowsPerChunk);
    int base = (ordinal % rowsPerChunk) * dimension;
    switch (elementType) {
      case FLOAT32 -> chunk.asFloatBuffer().get(base, destination, offset, dimension);
      case BFLOAT16 -> {
        for (int j = 0; j < dimension; j++) {
          destination[offset + j] = ElementCodec.fromBfloat16(chunk.getShort(2 * (base + j)));
        }
      }
      case INT8 -> copyExactVector(ordinal, destination, offset);
    }
  }

  /**
   * Copies an item's float32 vector as it was given to the writer. For int8 catalogs this is the
   * re-ranking copy, not the rounded integers; for other types the same as {@link #copyVector}.
   */
  void copyExactVector(int ordinal, float[] destination, int offset) {
    if (exactChunks == null) {
      copyVector(ordinal, destination, offset);
      return;
    }
    ensureOpen();
    exactChunks[ordinal / exactRowsPerChunk].get(
        (ordinal % exactRowsPerChunk) * dimension, destination, offset, dimension);
  }

  /** The int8-rounded vector of an item (scale times integers), for tests. */
  void copyRoundedVector(int ordinal, float[] destination, int offset) {
    ByteBuffer chunk = chunkBytes(ordinal / rowsPerChunk);
    int base = (ordinal % rowsPerChunk) * dimension;
    float scale = scales[ordinal];
    for (int j = 0; j < dimension; j++) {
      destination[offset + j] = scale * chunk.get(base + j);
    }
  }

  /** The number of mapped vector chunks. */
  int chunkCount() {
    return vectorChunks.length;
  }

  /** The rows of a full chunk; the last chunk may hold fewer. */
  int rowsPerChunk() {
    return rowsPerChunk;
  }

  /** A private little-endian view of one chunk of stored vectors, row-major. */
  ByteBuffer chunkBytes(int index) {
    ensureOpen();
    return vectorChunks[index].duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The int8 scales, one per item (shared, not to be written), or null for other types. */
  float[] int8Scales() {
    return scales;
  }

  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("catalog " + path + " is closed");
    }
  }

  private void checkHeader(ByteBuffer header, long fileSize) {
    byte[] magic = Arrays.copyOf(header.array(), CatalogFormat.MAGIC.length);
    if (!Arrays.equals(magic, CatalogFormat.MAGIC)) {
      throw corrupt("is not a racrec catalog (its first bytes are not \"RACRECAT\")");
    }
    int version = header.getInt(CatalogFormat.OFF_VERSION);
    if (version != CatalogFormat.VERSION) {
      throw corrupt(
          "has format version "
              + version
              + ", which this racrec does not read (it reads version "
              + CatalogFormat.VERSION
              + "): rebuild the catalog with this version");
    }
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, CatalogFormat.OFF_HEADER_CRC);
    if ((int) crc.getValue() != header.getInt(CatalogFormat.OFF_HEADER_CRC)) {
      throw corrupt("has a damaged header (header checksum mismatch)");
    }
    long declaredSize = header.getLong(CatalogFormat.OFF_FILE_SIZE);
    if (declaredSize != fileSize) {
      throw corrupt(
          (fileSize < declaredSize ? "is truncated" : "has extra bytes")
              + ": "
              + fileSize
              + " bytes, its header says "
              + declaredSize);
    }
    if (header.getInt(CatalogFormat.OFF_HEADER_SIZE) != HEADER_SIZE
        || ElementType.fromCode(header.getInt(CatalogFormat.OFF_ELEMENT_TYPE)) == null
        || header.getInt(CatalogFormat.OFF_DIMENSION) < 1
        || header.getLong(CatalogFormat.OFF_COUNT) < 0
        || header.getLong(CatalogFormat.OFF_COUNT) > Integer.MAX_VALUE
        || header.getShort(CatalogFormat.OFF_FINGERPRINT_LENGTH) < 0
        || header.getShort(CatalogFormat.OFF_FINGERPRINT_LENGTH)
            > CatalogFormat.MAX_FINGERPRINT_BYTES) {
      throw corrupt("has a header with impossible values");
    }
  }

  /** Reads a section offset, which must lie inside the file. */
  private long offset(ByteBuffer header, int field, long fileSize) {
    long value = header.getLong(field);
    if (value < HEADER_SIZE || value > fileSize) {
      throw corrupt("has a section offset outside the file (" + value + ")");
    }
    return value;
  }

  /** Every section must start where the previous one ended (up to alignment) and fit the file. */
  private void checkSection(String name, long start, long minimumEnd, long nextStart) {
    if (start < HEADER_SIZE || minimumEnd < start || CatalogFormat.align8(minimumEnd) > nextStart) {
      throw corrupt("has an impossible " + name + " section");
    }
  }

  private void verifyBodyChecksum(FileChannel channel, long fileSize, int expected)
      throws IOException {
    CRC32C crc = new CRC32C();
    for (long start = HEADER_SIZE; start < fileSize; start += DEFAULT_CHUNK_BYTES) {
      long length = Math.min(DEFAULT_CHUNK_BYTES, fileSize - start);
      crc.update(channel.map(FileChannel.MapMode.READ_ONLY, start, length));
    }
    if ((int) crc.getValue() != expected) {
      throw corrupt("is damaged: its checksum does not match its content");
    }
  }

  private ByteBuffer map(FileChannel channel, long start, long end) throws IOException {
    if (end - start > Integer.MAX_VALUE) {
      throw corrupt("has a section over 2 GB other than the vectors, which is not supported");
    }
    return channel
        .map(FileChannel.MapMode.READ_ONLY, start, end - start)
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  private Map<String, String> readMetadata(ByteBuffer section) {
    int length = section.getInt(0);
    if (length < 0 || length > section.capacity() - 4) {
      throw corrupt("has an impossible metadata section");
    }
    byte[] json = new byte[length];
    section.get(4, json);
    Map<String, String> map;
    try {
      map =
          Json.reader()
              .forType(new TypeReference<Map<String, String>>() {})
              .readValue(new String(json, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw corrupt("has unreadable metadata (" + e.getOriginalMessage() + ")");
    }
    if (map == null) {
      return Map.of();
    }
    if (map.containsValue(null)) {
      throw corrupt("has metadata with a null value");
    }
    return Map.copyOf(map);
  }

  private RacrecException corrupt(String problem) {
    return new RacrecException(ErrorCode.CATALOG_CORRUPT, "catalog file " + path + " " + problem);
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  /** A mapped string section: count + 1 int64 offsets, then UTF-8 bytes. */
  private final class StringSection {
    private final ByteBuffer section;
    private final int dataStart;

    StringSection(String name, ByteBuffer section, int count) {
      this.section = section;
      long offsetsBytes = 8L * (count + 1);
      if (offsetsBytes > section.capacity()) {
        throw corrupt("has a truncated " + name + " section");
      }
      this.dataStart = (int) offsetsBytes;
      long previous = 0;
      for (int i = 0; i <= count; i++) {
        long offset = section.getLong(8 * i);
        if (offset < previous
            || dataStart + offset > section.capacity()
            || (i == 0 && offset != 0)) {
          throw corrupt("has impossible offsets in its " + name + " section");
        }
        previous = offset;
      }
    }

    String get(int index) {
      int start = (int) section.getLong(8 * index);
      int end = (int) section.getLong(8 * (index + 1));
      byte[] bytes = new byte[end - start];
      section.get(dataStart + start, bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Compares string {@code index} with {@code key} as unsigned UTF-8 bytes. */
    int compareTo(int index, byte[] key) {
      int start = dataStart + (int) section.getLong(8 * index);
      int length = (int) (section.getLong(8 * (index + 1)) - section.getLong(8 * index));
      int n = Math.min(length, key.length);
      for (int i = 0; i < n; i++) {
        int cmp = Byte.toUnsignedInt(section.get(start + i)) - Byte.toUnsignedInt(key[i]);
        if (cmp != 0) {
          return cmp;
        }
      }
      return length - key.length;
    }
  }
}
