package io.github.racrec.training.racrec;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.racrec.onnx.internal.DjlDefaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DJL PyTorch engine that training runs on, set up so that the same seed and data give the same
 * weights bit for bit, within a process and across processes (see RacRecTrainer).
 *
 * <p>PyTorch splits larger operations between its intra-op threads, and the order in which their
 * partial sums meet then changes the last bits of the result, which training amplifies (two
 * trainings of one configuration on identical splits differed by up to 0.017 in RMSE). Before the
 * engine starts, this sets DJL's {@code ai.djl.pytorch.num_threads} and {@code
 * ai.djl.pytorch.num_interop_threads} to 1 where the user has not set them; RACRec's networks are
 * small enough that one thread loses little (see the README's training section for the measured
 * cost). A user who sets them to more threads trades reproducibility for speed, and a message says
 * so. Nothing is downloaded (see {@code DjlDefaults}).
 *
 * <p>The properties only count if they are set before anything starts the PyTorch engine; if
 * something started it earlier with more threads, a warning says so.
 *
 * <p>Thread-safety: safe; the properties are set at most once.
 */
final class TrainingEngine {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingEngine.class);

  /** DJL's property for PyTorch's intra-op threads, read when the engine starts. */
  static final String INTRA_OP_THREADS = "ai.djl.pytorch.num_threads";

  /** DJL's property for PyTorch's inter-op threads, read when the engine starts. */
  static final String INTER_OP_THREADS = "ai.djl.pytorch.num_interop_threads";

  private static boolean configured;

  private TrainingEngine() {}

  /**
   * Returns the PyTorch engine, offline and single-threaded unless the user chose otherwise.
   *
   * @return the engine, seeded by each training run
   */
  static synchronized Engine pytorch() {
    if (configured) {
      return Engine.getEngine("PyTorch");
    }
    DjlDefaults.apply();
    pinIfUnset(INTRA_OP_THREADS);
    pinIfUnset(INTER_OP_THREADS);
    Engine engine = Engine.getEngine("PyTorch");
    warnIfStartedEarlier();
    configured = true;
    return engine;
  }

  /** Warns when something started PyTorch before racrec could set its thread properties. */
  private static void warnIfStartedEarlier() {
    int threads = JniUtils.getNumThreads();
    if (threads != 1 && "1".equals(System.getProperty(INTRA_OP_THREADS))) {
      LOG.warn(
          "PyTorch was started before racrec's training with {} intra-op threads: training may"
              + " differ in its last bits from run to run (start it after -D{}=1)",
          threads,
          INTRA_OP_THREADS);
    }
  }

  private static void pinIfUnset(String property) {
    String chosen = System.getProperty(property);
    if (chosen == null) {
      System.setProperty(property, "1");
    } else if (!chosen.equals("1")) {
      LOG.info(
          "-D{}={}: training may differ in its last bits from run to run (1 makes it reproducible)",
          property,
          chosen);
    }
  }
}
