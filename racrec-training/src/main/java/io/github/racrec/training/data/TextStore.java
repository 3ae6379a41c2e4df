package io.github.racrec.training.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Review texts packed as UTF-8 into large byte chunks: far less memory than a String per review,
 * and no single array limit on the total. A text is found by the handle {@link #add} returns.
 *
 * <p>Thread-safety: not thread-safe while adding; safe to read from many threads once complete.
 */
final class TextStore {
  private static final int CHUNK_BYTES = 16 << 20;

  private final List<byte[]> chunks = new ArrayList<>();
  private int used = CHUNK_BYTES;
  private long totalBytes;

  /** Stores a text; the handle holds the chunk in its high and the offset in its low 32 bits. */
  long add(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return add(bytes, bytes.length);
  }

  long add(byte[] bytes, int length) {
    if (length > CHUNK_BYTES - used) {
      chunks.add(new byte[Math.max(CHUNK_BYTES, length)]);
      used = 0;
    }
    byte[] chunk = chunks.get(chunks.size() - 1);
    System.arraycopy(bytes, 0, chunk, used, length);
    long handle = ((long) (chunks.size() - 1) << 32) | used;
    used += length;
    totalBytes += length;
    return handle;
  }

  String get(long handle, int length) {
    byte[] chunk = chunks.get((int) (handle >>> 32));
    return new String(chunk, (int) handle, length, StandardCharsets.UTF_8);
  }

  /** Copies the bytes of a text into {@code out}, which must be long enough. */
  void copy(long handle, int length, byte[] out) {
    System.arraycopy(chunks.get((int) (handle >>> 32)), (int) handle, out, 0, length);
  }

  long totalBytes() {
    return totalBytes;
  }
}
