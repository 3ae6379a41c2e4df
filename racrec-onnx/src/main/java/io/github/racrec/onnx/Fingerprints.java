package io.github.racrec.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 fingerprints in the form {@code sha256:<64 hex digits>}. Not thread-safe: one per use.
 */
final class Fingerprints {
  private static final String PREFIX = "sha256:";
  private final MessageDigest digest;

  Fingerprints() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  Fingerprints add(byte[] bytes) {
    digest.update(bytes);
    return this;
  }

  Fingerprints add(String text) {
    // Length-prefix each part so that ("ab","c") and ("a","bc") differ.
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(bytes);
    return this;
  }

  Fingerprints add(InputStream in) throws IOException {
    byte[] buffer = new byte[1 << 16];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
    }
    return this;
  }

  String finish() {
    return PREFIX + HexFormat.of().formatHex(digest.digest());
  }
}
