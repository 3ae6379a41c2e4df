package io.github.racrec.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

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
    Path directory = target.toAbsolutePath().getParent();
    Path temporary = Files.createTempFile(directory, target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Windows cannot open directories; the rename is still atomic there.
    }
  }
}
