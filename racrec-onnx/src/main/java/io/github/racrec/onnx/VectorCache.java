package io.github.racrec.onnx;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A bounded cache of text vectors, keyed by a 128-bit hash of the text (so a long review costs 16
 * bytes of key, not its length), for encoders that see the same reviews again (a user's history on
 * every query, a catalog rebuilt after a few new reviews).
 *
 * <p>Keys are the first 128 bits of the text's SHA-256: two different texts share a key with
 * probability about 2<sup>-128</sup> per pair, far below any other source of error here.
 *
 * <p>A Caffeine cache bounded by {@code maximumSize}: when it is full, Caffeine's Window TinyLFU
 * policy drops the texts least likely to be asked for again, judged by how often and how recently
 * they were asked for; this is not strict least-recently-used order, and a new text may be the one
 * dropped. Caffeine's upkeep (eviction included) runs on the calling thread ({@code
 * executor(Runnable::run)}), so the cache starts no threads; {@link #statistics()} finishes any
 * pending upkeep first, so the size it reports is within the bound.
 *
 * <p>Thread-safety: safe for concurrent use (Caffeine's {@link Cache} is).
 */
final class VectorCache {
  private final int capacity;
  private final Cache<Key, float[]> entries;

  VectorCache(int capacity) {
    this.capacity = capacity;
    this.entries =
        Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).recordStats().build();
  }

  /** Returns the cached vector of {@code text} (callers copy it and never change it), or null. */
  float[] get(String text) {
    return entries.getIfPresent(Key.of(text));
  }

  /** Stores a copy of {@code vector}; when the cache is over its bound, an entry is evicted. */
  void put(String text, float[] vector, int from, int length) {
    float[] copy = new float[length];
    System.arraycopy(vector, from, copy, 0, length);
    entries.put(Key.of(text), copy);
  }

  OnnxTextEncoder.CacheStatistics statistics() {
    entries.cleanUp();
    CacheStats stats = entries.stats();
    return new OnnxTextEncoder.CacheStatistics(
        capacity,
        (int) Math.min(Integer.MAX_VALUE, entries.estimatedSize()),
        stats.hitCount(),
        stats.missCount());
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
