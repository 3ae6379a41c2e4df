package io.github.racrec.onnx.internal;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The child process of {@link TemporaryFileTest}: locks a file as a live writer does, says {@code
 * locked}, and holds the lock until its standard input closes or it is killed.
 */
public final class LockHolderChild {
  private LockHolderChild() {}

  /**
   * Holds the lock.
   *
   * @param args the file to lock
   * @throws Exception if locking fails
   */
  public static void main(String[] args) throws Exception {
    try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent
      }
    }
  }
}
