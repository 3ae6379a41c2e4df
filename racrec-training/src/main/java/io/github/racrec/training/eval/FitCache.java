package io.github.racrec.training.eval;

import io.github.racrec.onnx.internal.AtomicFiles;
import io.github.racrec.onnx.internal.Json;
import io.github.racrec.training.eval.EvalData.OwnReviews;
import io.github.racrec.training.eval.EvalData.TestUser;
import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.EvalData.UserProfile;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished fits kept in a folder, so that an evaluation that is stopped (even killed) continues
 * with the fits it had not finished instead of redoing hours of training.
 *
 * <p>A fit is found again only if everything that decided its outcome is bit for bit the same: the
 * split's data (every vector, rating and id the model sees, and the test users' held-out items),
 * the protocol, seed and cut-off, the model's name and settings, and the code (the bytes of the
 * jars or class folders of the harness and of the model's class). Anything else is a miss, so a
 * changed model or changed data is never answered from an old result. A damaged file is a miss with
 * a log line; files are written whole or not at all.
 *
 * <p>Thread-safety: not thread-safe; one evaluation uses it at a time.
 */
final class FitCache {
  private static final Logger LOG = LoggerFactory.getLogger(FitCache.class);
  private static final int FORMAT = 1;
  private static final Map<String, String> CODE_DIGESTS = new ConcurrentHashMap<>();

  private final Path folder;
  private final Map<EvalData, String> splitDigests = new IdentityHashMap<>();

  /** What a fit produced: enough to summarize it as if it had just run. */
  record Fit(
      boolean ratings,
      Map<String, Object> settings,
      List<UserResult> results,
      List<UserResult> shuffled) {}

  FitCache(Path folder) {
    this.folder = folder;
  }

  /** The key of one fit: a SHA-256 over everything that decides its outcome. */
  String key(
      EvalData split,
      Protocol protocol,
      long seed,
      int k,
      String candidate,
      boolean shuffledControl,
      ColdStartModel model) {
    Digest digest = new Digest();
    digest.putInt(FORMAT);
    digest.putString(splitDigests.computeIfAbsent(split, FitCache::digestOf));
    digest.putString(protocol.name());
    digest.putInt(protocol.negatives());
    digest.putLong(seed);
    digest.putInt(k);
    digest.putString(candidate);
    digest.putInt(shuffledControl ? 1 : 0);
    digest.putString(Json.toJson(model.settings()));
    digest.putString(codeDigest(Evaluator.class));
    digest.putString(codeDigest(model.getClass()));
    return digest.hex();
  }

  /** Returns the fit stored under the key, or empty if there is none or it cannot be read. */
  Optional<Fit> load(String key) {
    Path file = folder.resolve(key + ".fit");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      if (in.readInt() != FORMAT) {
        return Optional.empty();
      }
      boolean ratings = in.readBoolean();
      @SuppressWarnings("unchecked")
      Map<String, Object> settings = Json.reader().forType(Map.class).readValue(in.readUTF());
      List<UserResult> results = readResults(in);
      List<UserResult> shuffled = readResults(in);
      return Optional.of(new Fit(ratings, settings, results, shuffled));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Ignoring the unreadable stored fit {} ({}); fitting again", file, e.toString());
      return Optional.empty();
    }
  }

  /** Stores a fit under its key, atomically. */
  void store(String key, Fit fit) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT);
      out.writeBoolean(fit.ratings());
      out.writeUTF(Json.toJson(fit.settings()));
      writeResults(out, fit.results());
      writeResults(out, fit.shuffled());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Files.createDirectories(folder);
      AtomicFiles.write(folder.resolve(key + ".fit"), bytes.toByteArray());
    } catch (IOException e) {
      // The evaluation goes on; only a later resume loses this fit.
      LOG.warn("Could not store a finished fit in {}: {}", folder, e.toString());
    }
  }

  /** Settings as they read back from the cache, so fresh and stored fits merge alike. */
  static Map<String, Object> normalized(Map<String, Object> settings) {
    try {
      return Json.reader().forType(Map.class).readValue(Json.toJson(settings));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeResults(DataOutputStream out, List<UserResult> results)
      throws IOException {
    out.writeInt(results.size());
    for (UserResult r : results) {
      out.writeUTF(r.userId());
      for (double v :
          new double[] {
            r.hrSampled(), r.ndcgSampled(), r.mrrSampled(), r.hrFull(), r.ndcgFull(), r.recallFull()
          }) {
        out.writeDouble(v);
      }
      out.writeInt(r.topK().length);
      for (int v : r.topK()) {
        out.writeInt(v);
      }
      out.writeInt(r.predicted().length);
      for (double v : r.predicted()) {
        out.writeDouble(v);
      }
      out.writeInt(r.actual().length);
      for (float v : r.actual()) {
        out.writeFloat(v);
      }
    }
  }

  private static List<UserResult> readResults(DataInputStream in) throws IOException {
    int count = in.readInt();
    List<UserResult> results = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = in.readUTF();
      double[] metrics = new double[6];
      for (int m = 0; m < metrics.length; m++) {
        metrics[m] = in.readDouble();
      }
      int[] topK = new int[in.readInt()];
      for (int j = 0; j < topK.length; j++) {
        topK[j] = in.readInt();
      }
      double[] predicted = new double[in.readInt()];
      for (int j = 0; j < predicted.length; j++) {
        predicted[j] = in.readDouble();
      }
      float[] actual = new float[in.readInt()];
      for (int j = 0; j < actual.length; j++) {
        actual[j] = in.readFloat();
      }
      results.add(
          new UserResult(
              id,
              metrics[0],
              metrics[1],
              metrics[2],
              metrics[3],
              metrics[4],
              metrics[5],
              topK,
              predicted,
              actual));
    }
    return results;
  }

  /** A SHA-256 over every value of the split that a model or the scoring can see. */
  private static String digestOf(EvalData split) {
    Digest digest = new Digest();
    TrainingData training = split.training();
    TrainingData.Catalog catalog = training.catalog();
    digest.putInt(catalog.size());
    catalog.itemIds().forEach(digest::putString);
    digest.putMatrix(catalog.vectors());
    digest.putInts(catalog.reviewCounts());
    digest.putDoubles(catalog.ratingSums());
    digest.putInts(catalog.vectorReviewCounts());
    digest.putDouble(training.globalMean());
    digest.putInt(training.reviewWindow());
    for (List<TrainUser> users : List.of(training.trainUsers(), training.validationUsers())) {
      digest.putInt(users.size());
      for (TrainUser user : users) {
        putProfile(digest, user.profile());
        digest.putFloats(user.targetMean());
        digest.putInts(user.targetItems());
        digest.putFloats(user.targetRatings());
        OwnReviews own = user.ownReviews();
        digest.putMatrix(own.vectors());
        digest.putBooleans(own.inTargetMean());
        digest.putBooleans(own.inItemVector());
        digest.putInt(own.targetMeanCount());
      }
    }
    digest.putInt(split.testUsers().size());
    for (TestUser user : split.testUsers()) {
      putProfile(digest, user.profile());
      digest.putInts(user.heldOutItems());
      digest.putFloats(user.heldOutRatings());
      digest.putInt(user.heldOutOutsideCatalog());
    }
    return digest.hex();
  }

  private static void putProfile(Digest digest, UserProfile profile) {
    digest.putString(profile.userId());
    digest.putMatrix(profile.sourceVectors());
    digest.putFloats(profile.sourceRatings());
    digest.putFloats(profile.sourceMean());
  }

  /** A SHA-256 of the jar or class folder a class was loaded from; its name if there is none. */
  private static String codeDigest(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return type.getName();
    }
    return CODE_DIGESTS.computeIfAbsent(
        source.getLocation().toString(), location -> digestOfCode(source));
  }

  private static String digestOfCode(CodeSource source) {
    Digest digest = new Digest();
    try {
      Path path = Path.of(source.getLocation().toURI());
      List<Path> files;
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
      } else {
        files = List.of(path);
      }
      for (Path file : files) {
        digest.putString(path.relativize(file).toString());
        try (InputStream in = Files.newInputStream(file)) {
          digest.putBytes(in.readAllBytes());
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // Unreadable code: a key no later run can match, so nothing is reused.
      digest.putString(source.getLocation() + " " + System.nanoTime());
    }
    return digest.hex();
  }

  /** A SHA-256 fed with typed values (each array preceded by its length). */
  private static final class Digest {
    private final MessageDigest sha;
    private final ByteBuffer scratch = ByteBuffer.allocate(8);

    Digest() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }

    void putInt(int value) {
      sha.update(scratch.clear().putInt(value).array(), 0, 4);
    }

    void putLong(long value) {
      sha.update(scratch.clear().putLong(value).array(), 0, 8);
    }

    void putDouble(double value) {
      putLong(Double.doubleToRawLongBits(value));
    }

    void putString(String value) {
      putBytes(value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
    }

    void putBytes(byte[] bytes) {
      putInt(bytes.length);
      sha.update(bytes);
    }

    void putInts(int[] values) {
      putInt(values == null ? -1 : values.length);
      if (values != null) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        buffer.asIntBuffer().put(values);
        sha.update(buffer.array());
      }
    }

    void putFloats(float[] values) {
      putInt(values == null ? -1 : values.length);
      if (values != null) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        buffer.asFloatBuffer().put(values);
        sha.update(buffer.array());
      }
    }

    void putDoubles(double[] values) {
      putInt(values == null ? -1 : values.length);
      if (values != null) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8);
        buffer.asDoubleBuffer().put(values);
        sha.update(buffer.array());
      }
    }

    void putBooleans(boolean[] values) {
      putInt(values == null ? -1 : values.length);
      if (values != null) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
          bytes[i] = (byte) (values[i] ? 1 : 0);
        }
        sha.update(bytes);
      }
    }

    void putMatrix(float[][] rows) {
      putInt(rows == null ? -1 : rows.length);
      if (rows != null) {
        for (float[] row : rows) {
          putFloats(row);
        }
      }
    }

    String hex() {
      return HexFormat.of().formatHex(sha.digest());
    }
  }
}
