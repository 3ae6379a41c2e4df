package io.github.racrec.onnx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps DJL from reaching the network: racrec never downloads anything behind its user's back.
 *
 * <p>DJL, whose HuggingFace tokenizer racrec uses, may download native libraries it does not find
 * locally and, unless told not to, sends a usage ping (its "telemetry") when a tokenizer is
 * created. Before racrec first touches DJL it sets the system properties {@code ai.djl.offline} and
 * {@code OPT_OUT_TRACKING} to {@code true}, each only if neither it nor its environment variable
 * ({@code DJL_OFFLINE}, {@code OPT_OUT_TRACKING}) is already set. To let DJL download, set {@code
 * -Dai.djl.offline=false} explicitly.
 *
 * <p>The tokenizer's native library ships in DJL's jar for Linux (x86-64, aarch64), macOS (aarch64)
 * and Windows (x86-64); DJL unpacks it to its cache directory ({@code DJL_CACHE_DIR}, default
 * {@code ~/.djl.ai}), which must be writable.
 *
 * <p>Thread-safety: safe; the properties are set at most once.
 */
public final class DjlDefaults {
  private static final Logger LOG = LoggerFactory.getLogger(DjlDefaults.class);
  private static volatile boolean applied;

  private DjlDefaults() {}

  /** Sets DJL's offline and no-tracking properties where the user has not set them. */
  public static synchronized void apply() {
    if (applied) {
      return;
    }
    setIfUnset("ai.djl.offline", "DJL_OFFLINE");
    setIfUnset("OPT_OUT_TRACKING", "OPT_OUT_TRACKING");
    applied = true;
  }

  private static void setIfUnset(String property, String environmentVariable) {
    if (System.getProperty(property) == null && System.getenv(environmentVariable) == null) {
      System.setProperty(property, "true");
      LOG.debug("Set -D{}=true so that DJL stays offline; set it yourself to override", property);
    }
  }
}
