package io.github.racrec.training.racrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Creates the PyTorch arrays that training feeds its network, in memory PyTorch allocated itself.
 *
 * <p>Why: DJL's {@code create(float[])} wraps a Java direct buffer, whose address is only 16-byte
 * aligned and differs from run to run, and PyTorch's CPU matrix kernels choose their vector path by
 * the input's alignment: the same numbers then summed in another order gave different last bits,
 * which training amplifies (with one thread, two variants on identical splits still ended up to
 * 0.0005 apart in a metric; with this copy, identical). A copy made by PyTorch is 64-byte aligned,
 * every time.
 *
 * <p>Thread-safety: stateless.
 */
final class TorchArrays {
  private TorchArrays() {}

  /** A PyTorch-allocated copy of {@code values} with the given shape, owned by {@code manager}. */
  static NDArray aligned(NDManager manager, float[] values, Shape shape) {
    try (NDArray wrapped = manager.create(values, shape)) {
      return wrapped.duplicate();
    }
  }

  /** A PyTorch-allocated copy of a vector, owned by {@code manager}. */
  static NDArray aligned(NDManager manager, float[] values) {
    return aligned(manager, values, new Shape(values.length));
  }
}
