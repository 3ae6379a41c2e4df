package io.github.racrec.training.data;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.internal.TemporaryFile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compact binary copy of an assembled {@link CrossDomainDataset}, so that repeated runs read
 * megabytes of columns instead of re-parsing gigabytes of JSON.
 *
 * <p>The cache is keyed by the assembly thresholds and, for every input file, its absolute path,
 * size, modification time and a hash of its first and last 64 KiB. When the key differs, or the
 * cache is unreadable, the dataset is assembled from the files again and the cache rewritten (to a
 * temporary file, then renamed).
 *
 * <p>Thread-safety: stateless; two processes writing the same cache at once each rename a complete
 * file, so readers always see one whole version.
 */
public final class DatasetCache {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetCache.class);
  private static final String MAGIC = "RACRECDS";
  private static final int VERSION = 1;
  private static final int EDGE_BYTES = 64 << 10;

  private DatasetCache() {}

  /**
   * Loads the dataset from the cache if it matches the inputs, or assembles and caches it.
   *
   * @param sourceFiles the source domain's review files
   * @param targetFiles the target domain's review files
   * @param config the overlap thresholds
   * @param cacheFile where the cache lives
   * @return the dataset; its report says whether it came from the cache
   * @throws RacrecException as {@link CrossDomainAssembler#assemble}, or with {@link
   *     ErrorCode#IO_ERROR} if the cache cannot be written
   */
  public static CrossDomainDataset loadOrAssemble(
      List<Path> sourceFiles, List<Path> targetFiles, AssemblyConfig config, Path cacheFile) {
    String key = key(sourceFiles, targetFiles, config);
    if (Files.isRegularFile(cacheFile)) {
      try {
        CrossDomainDataset cached = read(cacheFile, key);
        if (cached != null) {
          LOG.info("Loaded the cross-domain dataset from cache {}", cacheFile);
          return cached;
        }
        LOG.info("Cache {} was made from other inputs: assembling again", cacheFile);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Cache {} is unreadable ({}): assembling again", cacheFile, e.toString());
      }
    }
    CrossDomainDataset dataset = CrossDomainAssembler.assemble(sourceFiles, targetFiles, config);
    write(dataset, key, cacheFile);
    return dataset;
  }

  static String key(List<Path> sourceFiles, List<Path> targetFiles, AssemblyConfig config) {
    StringBuilder key = new StringBuilder("racrec-dataset/" + VERSION + "/" + config);
    for (List<Path> files : List.of(sourceFiles, targetFiles)) {
      key.append("|");
      for (Path file : files) {
        key.append(describe(file)).append(";");
      }
    }
    return key.toString();
  }

  private static String describe(Path file) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long size = in.length();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] edge = new byte[(int) Math.min(EDGE_BYTES, size)];
      in.readFully(edge);
      sha.update(edge);
      in.seek(Math.max(0, size - edge.length));
      in.readFully(edge);
      sha.update(edge);
      return file.toAbsolutePath().normalize()
          + ","
          + size
          + ","
          + Files.getLastModifiedTime(file).toMillis()
          + ","
          + HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.DATA_FORMAT, "cannot read data file " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static void write(CrossDomainDataset dataset, String key, Path cacheFile) {
    try {
      Files.createDirectories(cacheFile.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot write dataset cache " + cacheFile, e);
    }
    try (TemporaryFile temporary = TemporaryFile.beside(cacheFile, ".tmp")) {
      // Not closed here: the channel stays open for moveOnto, which forces it and renames it.
      DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(Channels.newOutputStream(temporary.channel()), 1 << 16));
      out.writeBytes(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(key);
      AssemblyConfig config = dataset.config();
      out.writeInt(config.minSourceReviews());
      out.writeInt(config.minTargetReviews());
      out.writeBoolean(config.keepOtherTargetUsers());
      writeDictionary(out, dataset.users());
      writeDictionary(out, dataset.sourceItems());
      writeDictionary(out, dataset.targetItems());
      writeReviews(out, dataset.source());
      writeReviews(out, dataset.target());
      int[] overlap = dataset.overlapUsers();
      out.writeInt(overlap.length);
      for (int user : overlap) {
        out.writeInt(user);
      }
      AssemblyReport report = dataset.report();
      out.writeLong(report.sourceDuplicates());
      out.writeLong(report.targetDuplicates());
      out.writeLong(report.sourceReviewsOfOtherUsers());
      out.flush();
      temporary.moveOnto(cacheFile);
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot write dataset cache " + cacheFile, e);
    }
  }

  /** Reads a cache; null if it was made from other inputs. */
  static CrossDomainDataset read(Path cacheFile, String expectedKey) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(cacheFile), 1 << 16))) {
      byte[] magic = new byte[MAGIC.length()];
      in.readFully(magic);
      if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))
          || in.readInt() != VERSION
          || !in.readUTF().equals(expectedKey)) {
        return null;
      }
      AssemblyConfig config = new AssemblyConfig(in.readInt(), in.readInt(), in.readBoolean());
      IdDictionary users = readDictionary(in);
      IdDictionary sourceItems = readDictionary(in);
      IdDictionary targetItems = readDictionary(in);
      DomainReviews source = readReviews(in, users.size(), sourceItems.size());
      DomainReviews target = readReviews(in, users.size(), targetItems.size());
      int[] overlap = new int[in.readInt()];
      for (int i = 0; i < overlap.length; i++) {
        overlap[i] = in.readInt();
      }
      AssemblyReport report =
          new AssemblyReport(
              List.of(), List.of(), in.readLong(), in.readLong(), in.readLong(), true);
      if (in.read() != -1) {
        throw new IOException("trailing bytes");
      }
      return new CrossDomainDataset(
          users, sourceItems, targetItems, source, target, overlap, config, report);
    } catch (EOFException e) {
      throw new IOException("the cache is cut off", e);
    }
  }

  private static void writeDictionary(DataOutputStream out, IdDictionary dictionary)
      throws IOException {
    out.writeInt(dictionary.size());
    for (int i = 0; i < dictionary.size(); i++) {
      out.writeUTF(dictionary.id(i));
    }
  }

  private static IdDictionary readDictionary(DataInputStream in) throws IOException {
    int size = in.readInt();
    IdDictionary dictionary = new IdDictionary();
    for (int i = 0; i < size; i++) {
      if (dictionary.add(in.readUTF()) != i) {
        throw new IOException("duplicate id in the cache");
      }
    }
    return dictionary;
  }

  private static void writeReviews(DataOutputStream out, DomainReviews reviews) throws IOException {
    out.writeInt(reviews.size());
    byte[] text = new byte[1 << 16];
    for (int r = 0; r < reviews.size(); r++) {
      out.writeInt(reviews.user(r));
      out.writeInt(reviews.item(r));
      out.writeFloat(reviews.rating(r));
      out.writeLong(reviews.timestampMillis(r));
      int length = reviews.textLength(r);
      if (length > text.length) {
        text = new byte[length];
      }
      reviews.textStore().copy(reviews.textHandle(r), length, text);
      out.writeInt(length);
      out.write(text, 0, length);
    }
  }

  private static DomainReviews readReviews(DataInputStream in, int userCount, int itemCount)
      throws IOException {
    int size = in.readInt();
    DomainReviews.Builder builder = new DomainReviews.Builder();
    byte[] text = new byte[1 << 16];
    for (int r = 0; r < size; r++) {
      int user = in.readInt();
      int item = in.readInt();
      float rating = in.readFloat();
      long time = in.readLong();
      int length = in.readInt();
      if (user < 0
          || user >= userCount
          || item < 0
          || item >= itemCount
          || length < 0
          || length > JsonLines.MAX_LINE_BYTES) {
        throw new IOException("impossible review " + r + " in the cache");
      }
      if (length > text.length) {
        text = new byte[length];
      }
      in.readFully(text, 0, length);
      builder.append(user, item, rating, time, text, length);
    }
    return builder.build(u -> true, userCount, itemCount);
  }
}
