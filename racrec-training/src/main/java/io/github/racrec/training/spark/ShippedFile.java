package io.github.racrec.training.spark;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * A file or folder (a catalog, a model) that the driver sends to every executor once, as a Spark
 * broadcast: each executor fetches it when its first task needs it and writes it to its local disk
 * once per JVM ({@link #localPath()}), not once per task. A folder travels as one zip.
 *
 * <p>Why a broadcast and not {@code SparkContext.addFile}: since Spark 4.0 the jobs of a Dataset
 * run in their session's artifact scope, and a file added to the context is not fetched for them on
 * a cluster. A broadcast reaches every task. It costs memory: the driver holds the bytes while
 * shipping, and each executor keeps its copy in its block store (spilled to disk under pressure).
 * For a catalog of several GB, copy it to every node and use {@link #onEveryNode}.
 *
 * <p>Thread-safety: immutable; {@link #localPath()} is safe to call from concurrent tasks.
 */
public final class ShippedFile implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final int CHUNK_BYTES = 64 << 20;
  private static final long FIXED_TIME = 315532800000L; // 1980-01-01, the zip format's first day

  /** What this driver shipped, by application and content: shipping it again reuses it. */
  private static final Map<String, ShippedFile> SHIPPED = new ConcurrentHashMap<>();

  private final String key;
  private final String fileName;
  private final Broadcast<List<byte[]>> content;
  private final boolean folder;
  private final String pathOnEveryNode;

  private ShippedFile(
      String key,
      String fileName,
      Broadcast<List<byte[]>> content,
      boolean folder,
      String pathOnEveryNode) {
    this.key = key;
    this.fileName = fileName;
    this.content = content;
    this.folder = folder;
    this.pathOnEveryNode = pathOnEveryNode;
  }

  /**
   * Ships one file (up to a few hundred MB: see the class comment).
   *
   * @param spark the session
   * @param file a file on the driver
   * @return the handle tasks resolve
   * @throws RacrecException with {@link ErrorCode#IO_ERROR} if the file cannot be read
   */
  public static ShippedFile file(SparkSession spark, Path file) {
    Objects.requireNonNull(spark, "spark");
    if (!Files.isRegularFile(file)) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot ship " + file + ": no such file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return ship(spark, file.getFileName().toString(), chunks(in), false);
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot read " + file + " to ship it", e);
    }
  }

  /**
   * Ships a folder (a model or an encoder) as one zip.
   *
   * @param spark the session
   * @param folder a folder on the driver
   * @return the handle tasks resolve
   * @throws RacrecException with {@link ErrorCode#IO_ERROR} if the folder cannot be read
   */
  public static ShippedFile folder(SparkSession spark, Path folder) {
    Objects.requireNonNull(spark, "spark");
    if (!Files.isDirectory(folder)) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot ship " + folder + ": not a folder");
    }
    try {
      ByteArrayOutputStream zip = new ByteArrayOutputStream();
      zipFolder(folder, zip);
      return ship(spark, folder.getFileName().toString(), split(zip.toByteArray()), true);
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot pack " + folder + " to ship it", e);
    }
  }

  /**
   * A file or folder that is already at the same path on every executor's machine (a shared file
   * system, or copied there beforehand): nothing is shipped.
   *
   * @param path the path on every node
   * @return the handle
   */
  public static ShippedFile onEveryNode(Path path) {
    String absolute = path.toAbsolutePath().toString();
    return new ShippedFile(
        "path " + absolute, path.getFileName().toString(), null, false, absolute);
  }

  /**
   * Returns where the file (or the unpacked folder) lies on this JVM's disk.
   *
   * @return the local path
   * @throws RacrecException with {@link ErrorCode#IO_ERROR} if it cannot be written there
   */
  public Path localPath() {
    if (pathOnEveryNode != null) {
      return Path.of(pathOnEveryNode);
    }
    return ExecutorResources.unpacked(key, this::writeLocally);
  }

  /** Tells shipped things apart in {@link ExecutorResources}. */
  String key() {
    return key;
  }

  @Override
  public String toString() {
    return fileName;
  }

  private static ShippedFile ship(
      SparkSession spark, String fileName, List<byte[]> chunks, boolean folder) {
    String hash = hash(chunks);
    String key = fileName + "-" + hash;
    return SHIPPED.computeIfAbsent(
        spark.sparkContext().applicationId() + " " + key,
        k ->
            new ShippedFile(
                key,
                fileName,
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(chunks),
                folder,
                null));
  }

  private Path writeLocally() {
    try {
      Path target = Files.createTempDirectory("racrec-shipped");
      if (folder) {
        try (ZipInputStream in = new ZipInputStream(new ChunksInputStream(content.value()))) {
          unzip(in, target);
        }
        return target;
      }
      Path file = target.resolve(fileName);
      try (OutputStream out = Files.newOutputStream(file)) {
        for (byte[] chunk : content.value()) {
          out.write(chunk);
        }
      }
      return file;
    } catch (IOException e) {
      throw new RacrecException(
          ErrorCode.IO_ERROR, "cannot write the shipped " + fileName + " to local disk", e);
    }
  }

  private static void zipFolder(Path folder, OutputStream target) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (ZipOutputStream out = new ZipOutputStream(target)) {
      for (Path file : files) {
        ZipEntry entry = new ZipEntry(folder.relativize(file).toString().replace('\\', '/'));
        // A fixed time: the same folder always makes the same bytes, hence the same key.
        entry.setTime(FIXED_TIME);
        out.putNextEntry(entry);
        Files.copy(file, out);
        out.closeEntry();
      }
    }
  }

  private static void unzip(ZipInputStream in, Path target) throws IOException {
    for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
      Path file = target.resolve(entry.getName()).normalize();
      if (!file.startsWith(target)) {
        throw new RacrecException(
            ErrorCode.DATA_FORMAT, "a shipped folder holds a path outside itself: " + entry);
      }
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        in.transferTo(out);
      }
    }
  }

  private static List<byte[]> chunks(InputStream in) throws IOException {
    List<byte[]> chunks = new ArrayList<>();
    for (byte[] chunk = in.readNBytes(CHUNK_BYTES);
        chunk.length > 0;
        chunk = in.readNBytes(CHUNK_BYTES)) {
      chunks.add(chunk);
    }
    return chunks;
  }

  private static List<byte[]> split(byte[] bytes) {
    List<byte[]> chunks = new ArrayList<>();
    for (int from = 0; from < bytes.length; from += CHUNK_BYTES) {
      chunks.add(
          java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + CHUNK_BYTES)));
    }
    return chunks;
  }

  /** The first 16 hex digits of the SHA-256 of the content. */
  private static String hash(List<byte[]> chunks) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] chunk : chunks) {
        digest.update(chunk);
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Reads a list of byte arrays as one stream. */
  private static final class ChunksInputStream extends InputStream {
    private final List<byte[]> chunks;
    private int chunk;
    private int position;

    ChunksInputStream(List<byte[]> chunks) {
      this.chunks = chunks;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      while (chunk < chunks.size() && position == chunks.get(chunk).length) {
        chunk++;
        position = 0;
      }
      if (chunk == chunks.size()) {
        return -1;
      }
      int n = Math.min(length, chunks.get(chunk).length - position);
      System.arraycopy(chunks.get(chunk), position, buffer, offset, n);
      position += n;
      return n;
    }
  }
}
