package io.github.racrec.onnx.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps DJL from reaching the network: racrec never downloads anything behind its user's back.
 *
 * <p>{@link #apply()} sets the system properties {@code ai.djl.offline} and {@code
 * OPT_OUT_TRACKING} to {@code true}, each only if neither it nor its environment variable ({@code
 * DJL_OFFLINE}, {@code OPT_OUT_TRACKING}) is set already; the documentation of the package {@code
 * io.github.racrec.onnx} tells users what this means for them. Every racrec module calls it before
 * it first touches DJL.
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
