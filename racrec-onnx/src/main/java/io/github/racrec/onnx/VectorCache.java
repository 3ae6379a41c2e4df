package io.github.racrec.onnx;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used cache of text vectors, keyed by a 128-bit hash of the text (so a
 * long review costs 16 bytes of key, not its length), for encoders that see the same reviews again
 * (a user's history on every query, a catalog rebuilt after a few new reviews).
 *
 * <p>Keys are the first 128 bits of the text's SHA-256: two different texts share a key with
 * probability about 2<sup>-128</sup> per pair, far below any other source of error here.
 *
 * <p>Thread-safety: safe for concurrent use (one lock; lookups are short next to an encoding).
 */
final class VectorCache {
  private final int capacity;
  private final Map<Key, float[]> entries;
  private long hits;
  private long misses;

  VectorCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** Returns the cached vector of {@code text} (callers copy it and never change it), or null. */
  synchronized float[] get(String text) {
    float[] vector = entries.get(Key.of(text));
    if (vector == null) {
      misses++;
      return null;
    }
    hits++;
    return vector;
  }

  /** Stores a copy of {@code vector}, evicting the least recently used entry when full. */
  synchronized void put(String text, float[] vector, int from, int length) {
    float[] copy = new float[length];
    System.arraycopy(vector, from, copy, 0, length);
    entries.put(Key.of(text), copy);
    if (entries.size() > capacity) {
      var eldest = entries.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  synchronized OnnxTextEncoder.CacheStatistics statistics() {
    return new OnnxTextEncoder.CacheStatistics(capacity, entries.size(), hits, misses);
  }

  private record Key(long high, long low) {
    static Key of(String text) {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.wrap(digest);
        return new Key(bytes.getLong(), bytes.getLong());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-256", e);
      }
    }
  }
}
