package io.github.racrec.training.eval;

import io.github.racrec.api.Encoder;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.Progress;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.RacrecException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Review texts encoded once, so that a text's vector never depends on which other texts were
 * encoded with it (batching changes the last bits of transformer outputs). That makes evaluations
 * bit-reproducible whatever data surrounds a review, which the leakage test relies on. With a
 * {@linkplain Encoder#batchIndependent() batch-independent} encoder (racrec's on the CPU) texts go
 * to the encoder 256 at a time and it runs them side by side; with any other, one text per call.
 *
 * <p>Vectors can be kept in an append-only cache file, keyed by the encoder's fingerprint and a
 * SHA-256 of each text, so that repeated evaluations encode nothing twice. Each group of texts is
 * flushed to the file as soon as it is encoded, so a run that is stopped (even killed) continues
 * where it stopped: it loses at most the group in flight and a cut-off last record.
 *
 * <p>Thread-safety: not thread-safe; encode from one thread, then read from any.
 */
public final class ReviewVectors {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewVectors.class);
  private static final String MAGIC = "RACRECRV";
  private static final int TEXTS_PER_CALL = 256;

  private final Encoder encoder;
  private final Optional<Path> cacheFile;
  private final boolean oneTextPerCall;
  private final Map<TextKey, float[]> vectors = new HashMap<>();

  /** A text's SHA-256, of which 128 bits are kept. */
  private record TextKey(long high, long low) {}

  /**
   * Creates a store that encodes one text per model call (bit-reproducible; for evaluations),
   * loading the cache file if it exists and was made by this encoder.
   *
   * @param encoder the encoder
   * @param cacheFile where to keep vectors, or empty for memory only
   */
  public ReviewVectors(Encoder encoder, Optional<Path> cacheFile) {
    this(encoder, cacheFile, true);
  }

  /**
   * Creates a store.
   *
   * @param encoder the encoder
   * @param cacheFile where to keep vectors, or empty for memory only
   * @param oneTextPerCall {@code true} to encode each text alone (bit-reproducible whatever the
   *     other texts); {@code false} to let the encoder batch (faster; a text's vector may then
   *     differ in its last bits between runs with other texts)
   */
  public ReviewVectors(Encoder encoder, Optional<Path> cacheFile, boolean oneTextPerCall) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.cacheFile = Objects.requireNonNull(cacheFile, "cacheFile");
    this.oneTextPerCall = oneTextPerCall;
    cacheFile.filter(Files::isRegularFile).ifPresent(this::load);
  }

  /**
   * Returns the vector dimension.
   *
   * @return the encoder's dimension
   */
  public int dimension() {
    return encoder.dimension();
  }

  /**
   * Returns how many texts have a vector here (loaded from the cache file or encoded since).
   *
   * @return the number of known texts
   */
  public int size() {
    return vectors.size();
  }

  /**
   * Returns the encoder's fingerprint.
   *
   * @return the fingerprint
   */
  public String fingerprint() {
    return encoder.fingerprint();
  }

  /**
   * Encodes the texts not encoded yet and appends them to the cache as they come.
   *
   * @param texts texts, none blank
   * @param progress receives progress reports
   * @return how many texts were newly encoded (the rest were known)
   */
  public int encodeAll(Collection<String> texts, ProgressListener progress) {
    List<String> missing = new ArrayList<>();
    for (String text : new LinkedHashSet<>(texts)) {
      if (!vectors.containsKey(key(text))) {
        missing.add(text);
      }
    }
    if (missing.isEmpty()) {
      return 0;
    }
    LOG.info("Encoding {} review texts ({} already known)", missing.size(), vectors.size());
    try (DataOutputStream out = openCacheForAppend()) {
      int step = oneTextPerCall && !encoder.batchIndependent() ? 1 : TEXTS_PER_CALL;
      for (int from = 0; from < missing.size(); from += step) {
        List<String> chunk = missing.subList(from, Math.min(missing.size(), from + step));
        float[][] encoded = encoder.encode(chunk);
        for (int i = 0; i < chunk.size(); i++) {
          TextKey key = key(chunk.get(i));
          vectors.put(key, encoded[i]);
          if (out != null) {
            out.writeLong(key.high());
            out.writeLong(key.low());
            for (float value : encoded[i]) {
              out.writeFloat(value);
            }
          }
        }
        if (out != null && step > 1) {
          out.flush();
        }
        int done = from + chunk.size();
        if (done % 64 < step || done == missing.size()) {
          progress.onProgress(new Progress("encoding reviews", done, missing.size(), "reviews"));
        }
      }
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot write vector cache " + cacheFile, e);
    }
    return missing.size();
  }

  /**
   * Returns a text's vector.
   *
   * @param text a text given to {@link #encodeAll} before
   * @return its vector (shared: do not modify)
   * @throws IllegalStateException if the text was never encoded
   */
  public float[] vector(String text) {
    float[] vector = vectors.get(key(text));
    if (vector == null) {
      throw new IllegalStateException("text was not encoded: " + text);
    }
    return vector;
  }

  private DataOutputStream openCacheForAppend() throws IOException {
    if (cacheFile.isEmpty()) {
      return null;
    }
    Path file = cacheFile.get();
    boolean fresh = !Files.isRegularFile(file);
    if (fresh) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                1 << 16));
    if (fresh) {
      out.writeBytes(MAGIC);
      out.writeUTF(encoder.fingerprint());
      out.writeInt(encoder.dimension());
    }
    return out;
  }

  private void load(Path file) {
    int dim = encoder.dimension();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      byte[] magic = new byte[MAGIC.length()];
      in.readFully(magic);
      if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))
          || !in.readUTF().equals(encoder.fingerprint())
          || in.readInt() != dim) {
        LOG.warn("Vector cache {} belongs to another encoder: starting a new one", file);
        Files.delete(file);
        return;
      }
      byte[] record = new byte[2 * Long.BYTES + dim * Float.BYTES];
      ByteBuffer fields = ByteBuffer.wrap(record); // big-endian, as DataOutputStream writes
      while (true) {
        int read = in.readNBytes(record, 0, record.length);
        if (read == 0) {
          break;
        }
        if (read < record.length) {
          throw new EOFException("a cut-off record of " + read + " bytes at the end");
        }
        fields.rewind();
        TextKey key = new TextKey(fields.getLong(), fields.getLong());
        float[] vector = new float[dim];
        fields.asFloatBuffer().get(vector);
        vectors.put(key, vector);
      }
      LOG.info("Loaded {} review vectors from {}", vectors.size(), file);
    } catch (IOException e) {
      // A cut-off last record (a crash while appending) only loses that record; the file is
      // rewritten from what was read.
      LOG.warn("Vector cache {} is damaged ({}): keeping {} vectors", file, e, vectors.size());
      rewrite(file);
    }
  }

  private void rewrite(Path file) {
    try {
      Files.deleteIfExists(file);
      try (DataOutputStream out = openCacheForAppend()) {
        for (Map.Entry<TextKey, float[]> entry : vectors.entrySet()) {
          out.writeLong(entry.getKey().high());
          out.writeLong(entry.getKey().low());
          for (float value : entry.getValue()) {
            out.writeFloat(value);
          }
        }
      }
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot rewrite vector cache " + file, e);
    }
  }

  private static TextKey key(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long high = 0;
      long low = 0;
      for (int i = 0; i < 8; i++) {
        high = (high << 8) | (hash[i] & 0xff);
        low = (low << 8) | (hash[8 + i] & 0xff);
      }
      return new TextKey(high, low);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
