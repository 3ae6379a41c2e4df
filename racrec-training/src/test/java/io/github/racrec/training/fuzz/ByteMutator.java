package io.github.racrec.training.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded mutator of byte strings for the fuzz tests: flips, deletions, insertions (random bytes,
 * invalid UTF-8, JSON punctuation, huge numbers, deep nesting), duplications and truncations. It
 * never inserts a line break, so one mutated line stays one line.
 */
final class ByteMutator {
  private static final byte[][] TOKENS = {
    "\"".getBytes(StandardCharsets.UTF_8),
    "{".getBytes(StandardCharsets.UTF_8),
    "}".getBytes(StandardCharsets.UTF_8),
    "[".getBytes(StandardCharsets.UTF_8),
    "]".getBytes(StandardCharsets.UTF_8),
    ",".getBytes(StandardCharsets.UTF_8),
    ":".getBytes(StandardCharsets.UTF_8),
    "null".getBytes(StandardCharsets.UTF_8),
    "1e999".getBytes(StandardCharsets.UTF_8),
    "-99999999999999999999999".getBytes(StandardCharsets.UTF_8),
    "NaN".getBytes(StandardCharsets.UTF_8),
    "\\u0000".getBytes(StandardCharsets.UTF_8),
    "\\ud800".getBytes(StandardCharsets.UTF_8),
    {(byte) 0xC3, (byte) 0x28},
    {(byte) 0xFF, (byte) 0xFE},
    {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
    "[".repeat(5000).getBytes(StandardCharsets.UTF_8),
    "{\"a\":".repeat(3000).getBytes(StandardCharsets.UTF_8),
  };

  private final SplittableRandom random;

  ByteMutator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Applies one to four mutations to a copy of {@code line}. */
  byte[] mutate(byte[] line) {
    byte[] out = line.clone();
    int steps = 1 + random.nextInt(4);
    for (int s = 0; s < steps; s++) {
      out = once(out);
    }
    return out;
  }

  private byte[] once(byte[] in) {
    int at = in.length == 0 ? 0 : random.nextInt(in.length + 1);
    switch (random.nextInt(6)) {
      case 0 -> { // flip a byte
        if (in.length > 0) {
          byte[] out = in.clone();
          int i = Math.min(at, in.length - 1);
          out[i] = noLineBreak((byte) (out[i] ^ (1 << random.nextInt(8))));
          return out;
        }
        return in;
      }
      case 1 -> { // delete a range
        int end = Math.min(in.length, at + random.nextInt(1 + Math.max(1, in.length / 4)));
        byte[] out = new byte[in.length - (end - at)];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, end, out, at, in.length - end);
        return out;
      }
      case 2 -> { // insert a token
        return insert(in, at, TOKENS[random.nextInt(TOKENS.length)]);
      }
      case 3 -> { // insert random bytes
        byte[] noise = new byte[1 + random.nextInt(8)];
        for (int i = 0; i < noise.length; i++) {
          noise[i] = noLineBreak((byte) random.nextInt(256));
        }
        return insert(in, at, noise);
      }
      case 4 -> { // duplicate a range
        int end = Math.min(in.length, at + random.nextInt(1 + Math.max(1, in.length / 3)));
        return insert(in, end, Arrays.copyOfRange(in, at, end));
      }
      default -> { // truncate
        return Arrays.copyOf(in, at);
      }
    }
  }

  private static byte[] insert(byte[] in, int at, byte[] piece) {
    byte[] out = new byte[in.length + piece.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(in, at, out, at + piece.length, in.length - at);
    return out;
  }

  private static byte noLineBreak(byte b) {
    return b == '\n' || b == '\r' ? (byte) ' ' : b;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }
}
