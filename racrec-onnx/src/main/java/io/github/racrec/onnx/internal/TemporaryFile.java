package io.github.racrec.onnx.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary file beside the file it will replace ({@code <target name>.<random>.tmp}), holding an
 * exclusive lock for as long as its writer lives. The lock is what tells a file in use from one
 * left by a writer that was killed: the operating system drops a dead process's locks, so a
 * temporary file nobody can lock is in use, and one that can be locked is abandoned. Each new
 * temporary file first removes the abandoned ones of its target, so an interrupted write leaves
 * nothing behind once the next write of the same target starts.
 *
 * <p>A file touched within the last {@link #MINIMUM_AGE_MILLIS} is never removed: a writer creates
 * its file a moment before it locks it, and some file systems keep times to 2 seconds. Only names
 * this class makes ({@code <target name>.<digits>.tmp}, or with a short extra suffix such as {@code
 * .f32.tmp}) are considered. On a file system without locks, writes work as before and nothing is
 * removed.
 *
 * <p>Thread-safety: {@link #removeAbandoned} and {@link #beside} are safe to call from any thread
 * and process; one instance belongs to one writer.
 */
public final class TemporaryFile implements AutoCloseable {
  /** How old an unlocked temporary file must be to count as abandoned. */
  public static final long MINIMUM_AGE_MILLIS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(TemporaryFile.class);
  // Closing any channel of a file drops this JVM's locks on it (POSIX), so the clean-up must
  // not even open the files that writers of this JVM hold.
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();
  // What follows "<target name>." in the names Files.createTempFile gives: digits, then the suffix.
  private static final Pattern OUR_ENDING = Pattern.compile("[0-9]+(\\.[A-Za-z0-9]{1,8})?\\.tmp");

  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean released;

  private TemporaryFile(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates and locks a new temporary file beside {@code target}, after removing the target's
   * abandoned ones.
   *
   * @param target the file the temporary file will replace
   * @param suffix the end of its name, for example {@code ".tmp"}; it must end with {@code .tmp}
   * @return the file, open for reading and writing
   * @throws IOException if it cannot be created or locked
   */
  public static TemporaryFile beside(Path target, String suffix) throws IOException {
    if (!suffix.endsWith(".tmp")) {
      throw new IllegalArgumentException("a temporary file's name ends with .tmp: " + suffix);
    }
    removeAbandoned(target);
    Path path = Files.createTempFile(directoryOf(target), target.getFileName() + ".", suffix);
    HELD_HERE.add(path);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      return new TemporaryFile(path, channel, lock(channel, path));
    } catch (IOException | RuntimeException | Error e) {
      try {
        if (channel != null) {
          channel.close();
        }
        Files.deleteIfExists(path);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      } finally {
        HELD_HERE.remove(path);
      }
      throw e;
    }
  }

  /** The lock, or null where the file system has none (the file is then never removed). */
  private static FileLock lock(FileChannel channel, Path path) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException e) {
      LOG.debug("no file lock on {} ({}); writing without one", path, e.toString());
      return null;
    }
    if (lock == null) {
      throw new IOException("another process locked the new temporary file " + path);
    }
    return lock;
  }

  /**
   * The target's directory as the file system names it (links and case resolved), so that this
   * JVM's own files are recognised however a caller spells the path.
   */
  private static Path directoryOf(Path target) throws IOException {
    return target.toAbsolutePath().getParent().toRealPath();
  }

  /**
   * Deletes the temporary files of {@code target} that no live writer holds.
   *
   * @param target the file whose temporary files to look for
   * @return how many were deleted
   */
  public static int removeAbandoned(Path target) {
    String prefix = target.getFileName() + ".";
    int removed = 0;
    // A filter rather than a glob: the target's name may hold glob characters.
    DirectoryStream.Filter<Path> ours =
        file -> {
          String name = file.getFileName().toString();
          return name.startsWith(prefix)
              && OUR_ENDING.matcher(name.substring(prefix.length())).matches();
        };
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directoryOf(target), ours)) {
      for (Path file : files) {
        if (!HELD_HERE.contains(file) && removeIfAbandoned(file)) {
          removed++;
        }
      }
    } catch (IOException e) {
      LOG.warn("could not look for abandoned temporary files of {}: {}", target, e.toString());
    }
    if (removed > 0) {
      LOG.info("removed {} temporary file(s) of {} left by an interrupted write", removed, target);
    }
    return removed;
  }

  private static boolean removeIfAbandoned(Path file) {
    try {
      long age = System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis();
      if (age < MINIMUM_AGE_MILLIS) {
        return false;
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
          FileLock lock = channel.tryLock()) {
        if (lock == null) {
          return false; // a live writer in another process holds it
        }
        Files.delete(file);
        return true;
      }
    } catch (OverlappingFileLockException | IOException e) {
      return false; // in use, or already gone
    }
  }

  /** The file's path. */
  public Path path() {
    return path;
  }

  /** The open channel, positioned at 0; the caller does not close it. */
  public FileChannel channel() {
    return channel;
  }

  /**
   * Forces the content to disk and renames the file over {@code target} atomically, then forces the
   * directory (where the platform allows it). The lock is released afterwards.
   *
   * @param target the file to replace
   * @throws IOException if forcing or renaming fails (the target is then unchanged)
   */
  public void moveOnto(Path target) throws IOException {
    channel.force(true);
    Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    released = true;
    release();
    try (FileChannel dir = FileChannel.open(target.toAbsolutePath().getParent())) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Windows cannot open directories; the rename is still atomic there.
    }
  }

  /** Abandons the file, if it was not moved: releases it and deletes it. Idempotent. */
  @Override
  public void close() {
    if (released) {
      return;
    }
    released = true;
    release();
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // The next writer of the same target removes it.
    }
  }

  private void release() {
    try {
      if (lock != null) {
        lock.release();
      }
      channel.close();
    } catch (IOException ignored) {
      // Closing drops the lock in any case.
    } finally {
      HELD_HERE.remove(path);
    }
  }
}
