package io.github.racrec.onnx.catalog;

import java.nio.ByteBuffer;

/**
 * A catalog's vectors as a scan reads them: either copied onto the Java heap once (the fastest
 * scan: the kernels read the arrays directly), or left in the memory mapping and copied block by
 * block into small per-scan buffers (for catalogs larger than the heap; a 3 GB catalog scans with
 * {@code -Xmx512m}).
 *
 * <p>Blocks never cross a chunk of the mapping, so every block is one array range.
 *
 * <p>Thread-safety: immutable after construction; each scan brings its own {@link Block}.
 */
final class StoredVectors {
  /** Target bytes of one block of rows: small enough to stay in a core's L2 cache. */
  private static final int BLOCK_BYTES = 128 * 1024;

  private final CatalogFile file;
  private final ElementType type;
  private final int dimension;
  private final int count;
  private final int rowsPerChunk;
  private final Object[] heapChunks;
  private final float[] scales;
  private final int blockRows;

  private StoredVectors(CatalogFile file, boolean onHeap) {
    this.file = file;
    this.type = file.elementType();
    this.dimension = file.dimension();
    this.count = file.size();
    this.rowsPerChunk = file.rowsPerChunk();
    this.scales = file.int8Scales();
    int rowBytes = dimension * type.bytesPerComponent();
    // A multiple of 6, so the batch kernel's panels of six rows never repeat rows in a full block.
    this.blockRows = Math.max(6, Math.min(1024, BLOCK_BYTES / rowBytes) / 6 * 6);
    this.heapChunks = onHeap ? copyToHeap(file) : null;
  }

  /**
   * Prepares a catalog's vectors for scanning.
   *
   * @param file the open catalog
   * @param onHeap copy the vectors onto the heap (else read them from the mapping)
   * @return the vectors
   */
  static StoredVectors of(CatalogFile file, boolean onHeap) {
    return new StoredVectors(file, onHeap);
  }

  private static Object[] copyToHeap(CatalogFile file) {
    Object[] chunks = new Object[file.chunkCount()];
    for (int c = 0; c < chunks.length; c++) {
      ByteBuffer bytes = file.chunkBytes(c);
      int elements = bytes.capacity() / file.elementType().bytesPerComponent();
      chunks[c] =
          switch (file.elementType()) {
            case FLOAT32 -> {
              float[] values = new float[elements];
              bytes.asFloatBuffer().get(values);
              yield values;
            }
            case BFLOAT16 -> {
              short[] values = new short[elements];
              bytes.asShortBuffer().get(values);
              yield values;
            }
            case INT8 -> {
              byte[] values = new byte[elements];
              bytes.get(values);
              yield values;
            }
          };
    }
    return chunks;
  }

  ElementType type() {
    return type;
  }

  int dimension() {
    return dimension;
  }

  int count() {
    return count;
  }

  boolean onHeap() {
    return heapChunks != null;
  }

  /** The int8 scale of a row; 1 for other types. */
  float scale(int row) {
    return scales == null ? 1f : scales[row];
  }

  /** Every row's int8 scale, by row; null for other types. Not to be modified. */
  float[] int8Scales() {
    return scales;
  }

  /** Rows per block. */
  int blockRows() {
    return blockRows;
  }

  /** How many rows from {@code row} one block may take, up to {@code end}. */
  int blockLength(int row, int end) {
    int chunkEnd = (row / rowsPerChunk + 1) * rowsPerChunk;
    return Math.min(blockRows, Math.min(end, chunkEnd) - row);
  }

  /** A scan's private buffers, for whole blocks. */
  Block newBlock() {
    return newBlock(blockRows);
  }

  /** Buffers for loads of at most {@code rows} rows (one, to re-score candidates). */
  Block newBlock(int rows) {
    return new Block(type, rows, rows * dimension, heapChunks == null);
  }

  /** Points {@code block} at rows {@code [row, row + n)} in their stored type. */
  void load(int row, int n, Block block) {
    int chunk = row / rowsPerChunk;
    int start = (row % rowsPerChunk) * dimension;
    int length = n * dimension;
    if (heapChunks != null) {
      block.array = heapChunks[chunk];
      block.offset = start;
      return;
    }
    ByteBuffer bytes = file.chunkBytes(chunk);
    block.offset = 0;
    switch (type) {
      case FLOAT32 -> {
        bytes.asFloatBuffer().get(start, block.floats, 0, length);
        block.array = block.floats;
      }
      case BFLOAT16 -> {
        bytes.asShortBuffer().get(start, block.shorts, 0, length);
        block.array = block.shorts;
      }
      case INT8 -> {
        bytes.get(start, block.bytes, 0, length);
        block.array = block.bytes;
      }
    }
  }

  /**
   * Points {@code block} at rows {@code [row, row + n)} as float32. Int8 rows become their
   * integers, unscaled: a batch sums them exactly and applies the scales afterwards, as single
   * searches do.
   */
  void loadFloats(int row, int n, Block block, ScanKernel kernel) {
    load(row, n, block);
    if (type == ElementType.FLOAT32) {
      return;
    }
    float[] out = block.decoded;
    if (type == ElementType.BFLOAT16) {
      kernel.decodeBfloat16((short[]) block.array, block.offset, n * dimension, out);
    } else {
      kernel.decodeInt8((byte[]) block.array, block.offset, n * dimension, out);
    }
    block.array = out;
    block.offset = 0;
  }

  /** One scan's buffers: what a block points at, and room to copy or decode rows into. */
  static final class Block {
    Object array;
    int offset;
    final float[] floats;
    final short[] shorts;
    final byte[] bytes;
    final float[] decoded;
    final float[] scores;

    Block(ElementType type, int rows, int elements, boolean mapped) {
      this.floats = mapped && type == ElementType.FLOAT32 ? new float[elements] : null;
      this.shorts = mapped && type == ElementType.BFLOAT16 ? new short[elements] : null;
      this.bytes = mapped && type == ElementType.INT8 ? new byte[elements] : null;
      this.decoded = type != ElementType.FLOAT32 ? new float[elements] : null;
      this.scores = new float[rows];
    }
  }
}
