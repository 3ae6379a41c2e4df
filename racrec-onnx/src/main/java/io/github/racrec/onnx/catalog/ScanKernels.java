package io.github.racrec.onnx.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the fastest scan kernel this JVM can run, once.
 *
 * <p>The Vector API is an incubator module in JDK 17 to 25: it is there only when the JVM starts
 * with {@code --add-modules jdk.incubator.vector}. Without it racrec falls back to the scalar
 * kernel and logs, once, the flag that turns the faster one on (as Lucene and jvector do).
 */
final class ScanKernels {
  private static final Logger LOG = LoggerFactory.getLogger(ScanKernels.class);
  private static final String MODULE = "jdk.incubator.vector";
  private static volatile ScanKernel best;

  private ScanKernels() {}

  /** The Vector API kernel if it can run here, else the scalar one. */
  static ScanKernel best() {
    ScanKernel kernel = best;
    if (kernel == null) {
      kernel = pick();
      best = kernel;
    }
    return kernel;
  }

  /** The Vector API kernel, or null if this JVM cannot run it. */
  static ScanKernel vectorApi() {
    if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
      return null;
    }
    try {
      return (ScanKernel)
          Class.forName(ScanKernels.class.getPackageName() + ".VectorScanKernel")
              .getDeclaredConstructor()
              .newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      LOG.debug("the Vector API kernel cannot run here", e);
      return null;
    }
  }

  private static ScanKernel pick() {
    ScanKernel vector = vectorApi();
    if (vector != null) {
      LOG.info("Catalog scan kernel: {} ({})", vector.name(), vector.blocking());
      return vector;
    }
    LOG.info(
        "Catalog scans use the scalar kernel: start the JVM with --add-modules {} for the faster"
            + " Vector API kernel",
        MODULE);
    return ScalarScanKernel.INSTANCE;
  }
}
