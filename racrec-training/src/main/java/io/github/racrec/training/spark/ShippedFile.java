package io.github.racrec.training.spark;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;

/**
 * A file or folder the driver sends to every executor once, through {@code SparkContext.addFile}:
 * each executor fetches it when its first task needs it, not once per task. A folder travels as one
 * zip file (Spark ships local folders only in local mode) and is unpacked once per JVM.
 *
 * <p>Thread-safety: immutable; {@link #localPath()} is safe to call from concurrent tasks.
 */
public final class ShippedFile implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long FIXED_TIME = 315532800000L; // 1980-01-01, the zip format's first day

  /** Folders this driver shipped, by zip name: shipping one again reuses it. */
  private static final java.util.Set<String> SHIPPED =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final String sparkName;
  private final boolean folder;

  private ShippedFile(String sparkName, boolean folder) {
    this.sparkName = sparkName;
    this.folder = folder;
  }

  /**
   * Ships one file. Its name must differ from every other file this application ships.
   *
   * @param spark the session
   * @param file a file on the driver
   * @return the handle tasks resolve
   * @throws RacrecException with {@link ErrorCode#IO_ERROR} if the file does not exist
   */
  public static ShippedFile file(SparkSession spark, Path file) {
    Objects.requireNonNull(spark, "spark");
    if (!Files.isRegularFile(file)) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot ship " + file + ": no such file");
    }
    spark.sparkContext().addFile(file.toAbsolutePath().toUri().toString());
    return new ShippedFile(file.getFileName().toString(), false);
  }

  /**
   * Ships a folder (a model or an encoder) as a zip named after its content's hash, so that two
   * folders of the same name never collide.
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
      Path staging = Files.createTempDirectory("racrec-ship");
      Path zip = staging.resolve("folder.zip");
      String hash = zipFolder(folder, zip);
      Path named = staging.resolve("racrec-" + folder.getFileName() + "-" + hash + ".zip");
      String key = spark.sparkContext().applicationId() + " " + named.getFileName();
      if (!SHIPPED.add(key)) {
        Files.delete(zip);
        Files.delete(staging);
        return new ShippedFile(named.getFileName().toString(), true);
      }
      Files.move(zip, named);
      named.toFile().deleteOnExit();
      staging.toFile().deleteOnExit();
      spark.sparkContext().addFile(named.toUri().toString());
      return new ShippedFile(named.getFileName().toString(), true);
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot pack " + folder + " to ship it", e);
    }
  }

  /**
   * Returns where the shipped file (or the unpacked folder) lies on this JVM's disk.
   *
   * @return the local path
   * @throws RacrecException with {@link ErrorCode#IO_ERROR} if a folder cannot be unpacked
   */
  public Path localPath() {
    Path fetched = Paths.get(SparkFiles.get(sparkName));
    return folder ? ExecutorResources.unpacked(sparkName, () -> unzip(fetched)) : fetched;
  }

  /** The key that tells shipped things apart in {@link ExecutorResources}. */
  String key() {
    return sparkName;
  }

  @Override
  public String toString() {
    return sparkName;
  }

  /** Zips the folder's files in name order and returns the first 16 hex digits of their hash. */
  private static String zipFolder(Path folder, Path zip) throws IOException {
    MessageDigest digest = sha256();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Path file : files) {
        String name = folder.relativize(file).toString().replace('\\', '/');
        ZipEntry entry = new ZipEntry(name);
        // A fixed time: the same folder always makes the same bytes, which Spark requires of a
        // file shipped again under the same name.
        entry.setTime(FIXED_TIME);
        out.putNextEntry(entry);
        digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 8);
  }

  private static Path unzip(Path zip) {
    try {
      Path target = Files.createTempDirectory("racrec-unpacked");
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
          Path file = target.resolve(entry.getName()).normalize();
          if (!file.startsWith(target)) {
            throw new RacrecException(
                ErrorCode.DATA_FORMAT, zip + " holds a path outside its folder: " + entry);
          }
          Files.createDirectories(file.getParent());
          try (OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + zip, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
