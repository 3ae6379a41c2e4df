package io.github.racrec.onnx.catalog;

import static io.github.racrec.onnx.catalog.CatalogFormat.HEADER_SIZE;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.internal.Json;
import io.github.racrec.onnx.internal.TemporaryFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Writes a catalog file: item ids, titles and vectors, in {@linkplain CatalogFormat racrec's
 * catalog format}, the vectors as float32, bfloat16 or int8 ({@link ElementType}).
 *
 * <p>Items are streamed: {@link #add} writes each vector to a temporary file beside the target at
 * once, so memory holds only ids and titles. {@link #commit()} completes the file, forces it to
 * disk and renames it over the target in one atomic step. Until then the target is untouched, and a
 * crash or an exception leaves the earlier file (if any) as it was; {@link #close()} without {@link
 * #commit()} deletes the temporary file. Temporary files left by a writer that was killed are
 * removed by the next writer of the same target.
 *
 * <pre>{@code
 * try (CatalogWriter writer = CatalogWriter.create(path, 384, encoder.fingerprint())) {
 *   writer.add("B000123", "Kind of Blue", vector);
 *   writer.commit();
 * }
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe; one thread writes a catalog.
 */
public final class CatalogWriter implements AutoCloseable {
  private static final int BUFFER_BYTES = 1 << 20;

  private final Path target;
  private final TemporaryFile temporary;
  private final int dimension;
  private final ElementType elementType;
  private final byte[] modelFingerprint;
  private final FileChannel channel;
  private final ByteBuffer buffer =
      ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private final MessageDigest sha;
  private final List<String> ids = new ArrayList<>();
  private final List<String> titles = new ArrayList<>();
  private final Set<String> seenIds = new HashSet<>();
  private final Map<String, String> metadata = new TreeMap<>();
  private final byte[] int8Row;
  // An int8 catalog also keeps its float32 vectors, after the scales, to re-rank candidates
  // exactly; they are collected in a side file while items stream in.
  private final TemporaryFile exactTemporary;
  private final FileChannel exactChannel;
  private final ByteBuffer exactBuffer;
  private long exactPosition;
  private float[] int8Scales = new float[1024];
  private long position = HEADER_SIZE;
  private boolean finished;

  private CatalogWriter(
      Path target, int dimension, ElementType elementType, byte[] modelFingerprint)
      throws IOException {
    this.target = target;
    this.dimension = dimension;
    this.elementType = elementType;
    this.int8Row = elementType == ElementType.INT8 ? new byte[dimension] : null;
    this.modelFingerprint = modelFingerprint;
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    // Locked while this writer lives; the next writer of the target removes them if it dies.
    this.temporary = TemporaryFile.beside(target, ".tmp");
    this.channel = temporary.channel();
    if (elementType == ElementType.INT8) {
      TemporaryFile side = null;
      try {
        side = TemporaryFile.beside(target, ".f32.tmp");
        this.exactBuffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      } catch (IOException | RuntimeException | Error e) {
        if (side != null) {
          side.close();
        }
        temporary.close();
        throw e;
      }
      this.exactTemporary = side;
      this.exactChannel = side.channel();
    } else {
      this.exactTemporary = null;
      this.exactChannel = null;
      this.exactBuffer = null;
    }
  }

  /**
   * Starts a catalog of float32 vectors.
   *
   * @param target where the finished catalog goes; replaced on {@link #commit()} if it exists
   * @param dimension the length of every vector
   * @param modelFingerprint the fingerprint of the model that made the vectors
   * @return the writer, which the caller closes
   * @throws NullPointerException if an argument is null
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if the dimension is below 1 or
   *     the fingerprint is empty or longer than 128 bytes, or with {@link ErrorCode#IO_ERROR} if
   *     the temporary file cannot be created
   */
  public static CatalogWriter create(Path target, int dimension, String modelFingerprint) {
    return create(target, dimension, modelFingerprint, ElementType.FLOAT32);
  }

  /**
   * Starts a catalog whose vectors are stored as the given element type.
   *
   * @param target where the finished catalog goes; replaced on {@link #commit()} if it exists
   * @param dimension the length of every vector
   * @param modelFingerprint the fingerprint of the model that made the vectors
   * @param elementType how the vectors are stored; {@link ElementType#BFLOAT16} and {@link
   *     ElementType#INT8} round the float32 vectors given to {@link #add}
   * @return the writer, which the caller closes
   * @throws NullPointerException if an argument is null
   * @throws RacrecException as {@link #create(Path, int, String)}
   */
  public static CatalogWriter create(
      Path target, int dimension, String modelFingerprint, ElementType elementType) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(elementType, "elementType");
    Objects.requireNonNull(modelFingerprint, "modelFingerprint");
    if (dimension < 1) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT, "catalog dimension must be at least 1, got " + dimension);
    }
    byte[] fingerprint = modelFingerprint.getBytes(StandardCharsets.UTF_8);
    if (fingerprint.length == 0 || fingerprint.length > CatalogFormat.MAX_FINGERPRINT_BYTES) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          "model fingerprint must be 1 to "
              + CatalogFormat.MAX_FINGERPRINT_BYTES
              + " bytes, got "
              + fingerprint.length);
    }
    try {
      return new CatalogWriter(target, dimension, elementType, fingerprint);
    } catch (IOException e) {
      throw new RacrecException(
          ErrorCode.IO_ERROR, "cannot create a temporary catalog file beside " + target, e);
    }
  }

  /**
   * Records a piece of information about the catalog (how it was built, from what), readable with
   * {@link CatalogFile#metadata()}.
   *
   * @param key the key
   * @param value the value
   * @return this writer
   * @throws NullPointerException if an argument is null
   */
  public CatalogWriter metadata(String key, String value) {
    metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Appends an item; its ordinal is the number of items added before it.
   *
   * @param id the item's id, unique in the catalog
   * @param title the item's title, empty if unknown
   * @param vector the item's vector, of the catalog's dimension, all values finite
   * @throws NullPointerException if an argument is null
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if the id repeats or the vector
   *     has the wrong length, with {@link ErrorCode#INVALID_INPUT} if it holds NaN or infinity, or
   *     with {@link ErrorCode#IO_ERROR} if writing fails
   * @throws IllegalStateException after {@link #commit()} or {@link #close()}
   */
  public void add(String id, String title, float[] vector) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(vector, "vector");
    ensureOpen();
    if (vector.length != dimension) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          "vector of item " + id + " has length " + vector.length + ", catalog has " + dimension);
    }
    for (float value : vector) {
      if (!Float.isFinite(value)) {
        throw new RacrecException(
            ErrorCode.INVALID_INPUT, "vector of item " + id + " holds " + value);
      }
    }
    if (!seenIds.add(id)) {
      throw new RacrecException(ErrorCode.INVALID_ARGUMENT, "item id " + id + " appears twice");
    }
    ids.add(id);
    titles.add(title);
    switch (elementType) {
      case FLOAT32 -> {
        for (float value : vector) {
          if (buffer.remaining() < Float.BYTES) {
            flush();
          }
          buffer.putFloat(value);
        }
      }
      case BFLOAT16 -> {
        for (float value : vector) {
          if (buffer.remaining() < Short.BYTES) {
            flush();
          }
          buffer.putShort(ElementCodec.toBfloat16(value));
        }
      }
      case INT8 -> {
        float scale = ElementCodec.toInt8(vector, int8Row);
        if (ids.size() > int8Scales.length) {
          int8Scales = Arrays.copyOf(int8Scales, 2 * int8Scales.length);
        }
        int8Scales[ids.size() - 1] = scale;
        putBytes(int8Row);
        for (float value : vector) {
          if (exactBuffer.remaining() < Float.BYTES) {
            flushExact();
          }
          exactBuffer.putFloat(value);
        }
      }
    }
  }

  /**
   * Returns the number of items added so far.
   *
   * @return the item count
   */
  public int size() {
    return ids.size();
  }

  /**
   * Completes the catalog and atomically puts it in place of the target.
   *
   * @return the target path
   * @throws RacrecException with {@link ErrorCode#IO_ERROR} if writing, syncing or renaming fails
   * @throws IllegalStateException after {@link #commit()} or {@link #close()}
   */
  public Path commit() {
    ensureOpen();
    try {
      flush();
      if (elementType == ElementType.INT8) {
        pad();
        for (int i = 0; i < ids.size(); i++) {
          putFloat(int8Scales[i]);
        }
        pad();
        appendExactVectors();
      }
      long idsOffset = pad();
      writeStrings(ids);
      long titlesOffset = pad();
      writeStrings(titles);
      long idIndexOffset = pad();
      writeIdIndex();
      long metadataOffset = pad();
      byte[] json = Json.toJson(metadata).getBytes(StandardCharsets.UTF_8);
      putInt(json.length);
      putBytes(json);
      pad();
      flush();
      writeHeader(idsOffset, titlesOffset, idIndexOffset, metadataOffset);
      moveIntoPlace();
      closeExactSideFile();
      finished = true;
      return target;
    } catch (IOException e) {
      close();
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot write catalog " + target, e);
    }
  }

  /** Copies the side file of float32 vectors into the catalog, through the checksums. */
  private void appendExactVectors() throws IOException {
    flushExact();
    flush();
    for (long read = 0; read < exactPosition; ) {
      int n = exactChannel.read(buffer, read);
      if (n < 0) {
        throw new IOException("the side file of float32 vectors ended early");
      }
      read += n;
      if (!buffer.hasRemaining() || read == exactPosition) {
        flush();
      }
    }
  }

  private void flushExact() {
    exactBuffer.flip();
    try {
      while (exactBuffer.hasRemaining()) {
        exactPosition += exactChannel.write(exactBuffer, exactPosition);
      }
    } catch (IOException e) {
      close();
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot write catalog " + target, e);
    } finally {
      exactBuffer.clear();
    }
  }

  private void closeExactSideFile() {
    if (exactTemporary != null) {
      exactTemporary.close();
    }
  }

  /** Abandons an uncommitted catalog: deletes the temporary files. Idempotent. */
  @Override
  public void close() {
    if (finished) {
      return;
    }
    finished = true;
    closeExactSideFile();
    temporary.close();
  }

  private void ensureOpen() {
    if (finished) {
      throw new IllegalStateException("the catalog writer is committed or closed");
    }
  }

  private void writeStrings(List<String> values) {
    List<byte[]> encoded = new ArrayList<>(values.size());
    long offset = 0;
    putLong(0);
    for (String value : values) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      encoded.add(bytes);
      offset += bytes.length;
      putLong(offset);
    }
    for (byte[] bytes : encoded) {
      putBytes(bytes);
    }
  }

  /** Ordinals sorted by the UTF-8 bytes of their ids, so that ids can be found by bisection. */
  private void writeIdIndex() {
    byte[][] keys = new byte[ids.size()][];
    Integer[] order = new Integer[ids.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ids.get(i).getBytes(StandardCharsets.UTF_8);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
    for (int ordinal : order) {
      putInt(ordinal);
    }
  }

  private void writeHeader(long idsOffset, long titlesOffset, long idIndexOffset, long metaOffset)
      throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    header.put(CatalogFormat.MAGIC);
    header.putInt(CatalogFormat.OFF_VERSION, CatalogFormat.VERSION);
    header.putInt(CatalogFormat.OFF_HEADER_SIZE, HEADER_SIZE);
    header.putInt(CatalogFormat.OFF_ELEMENT_TYPE, elementType.code());
    header.putInt(CatalogFormat.OFF_DIMENSION, dimension);
    header.putLong(CatalogFormat.OFF_COUNT, ids.size());
    header.putLong(CatalogFormat.OFF_FILE_SIZE, position);
    header.putLong(CatalogFormat.OFF_VECTORS, HEADER_SIZE);
    header.putLong(CatalogFormat.OFF_IDS, idsOffset);
    header.putLong(CatalogFormat.OFF_TITLES, titlesOffset);
    header.putLong(CatalogFormat.OFF_ID_INDEX, idIndexOffset);
    header.putLong(CatalogFormat.OFF_METADATA, metaOffset);
    header.putInt(CatalogFormat.OFF_BODY_CRC, (int) crc.getValue());
    header.put(CatalogFormat.OFF_CONTENT_SHA, sha.digest());
    header.putShort(CatalogFormat.OFF_FINGERPRINT_LENGTH, (short) modelFingerprint.length);
    header.put(CatalogFormat.OFF_FINGERPRINT, modelFingerprint);
    CRC32C headerCrc = new CRC32C();
    headerCrc.update(header.array(), 0, CatalogFormat.OFF_HEADER_CRC);
    header.putInt(CatalogFormat.OFF_HEADER_CRC, (int) headerCrc.getValue());
    header.position(0);
    while (header.hasRemaining()) {
      channel.write(header, header.position());
    }
  }

  private void moveIntoPlace() throws IOException {
    try {
      temporary.moveOnto(target);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "the file system of " + target + " cannot rename atomically; write elsewhere", e);
    }
  }

  private long pad() {
    while (position + buffer.position() != CatalogFormat.align8(position + buffer.position())) {
      putBytes(new byte[] {0});
    }
    return position + buffer.position();
  }

  private void putInt(int value) {
    if (buffer.remaining() < Integer.BYTES) {
      flush();
    }
    buffer.putInt(value);
  }

  private void putFloat(float value) {
    if (buffer.remaining() < Float.BYTES) {
      flush();
    }
    buffer.putFloat(value);
  }

  private void putLong(long value) {
    if (buffer.remaining() < Long.BYTES) {
      flush();
    }
    buffer.putLong(value);
  }

  private void putBytes(byte[] bytes) {
    int from = 0;
    while (from < bytes.length) {
      if (!buffer.hasRemaining()) {
        flush();
      }
      int n = Math.min(buffer.remaining(), bytes.length - from);
      buffer.put(bytes, from, n);
      from += n;
    }
  }

  /** Writes the buffer at the current position, feeding the checksum and the digest. */
  private void flush() {
    buffer.flip();
    try {
      crc.update(buffer.duplicate());
      sha.update(buffer.duplicate());
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
    } catch (IOException e) {
      close();
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot write catalog " + target, e);
    } finally {
      buffer.clear();
    }
  }
}
