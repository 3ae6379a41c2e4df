package io.github.racrec.onnx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Replaces a file so that a crash at any moment leaves either the old file or the whole new one:
 * the bytes go to a temporary file beside it, are forced to disk, and the temporary file is renamed
 * over the target, whose directory is then forced too (where the platform allows it).
 *
 * <p>Thread-safety: stateless; concurrent writers of one target each leave a whole file, the last
 * rename wins.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code bytes} durably and atomically.
   *
   * @param target the file to replace or create
   * @param bytes its new content
   * @throws IOException if writing, forcing or renaming fails (the target is then unchanged)
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    try (TemporaryFile temporary = TemporaryFile.beside(target, ".tmp")) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        temporary.channel().write(buffer);
      }
      temporary.moveOnto(target);
    }
  }
}
