package io.github.racrec.training.racrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Creates the PyTorch arrays that training feeds its network, in memory PyTorch allocated itself,
 * and the arithmetic with constants that the training graph uses instead of DJL's.
 *
 * <p>Why: DJL's {@code create(float[])} wraps a Java direct buffer, whose address is only 16-byte
 * aligned and differs from run to run, and PyTorch's CPU matrix kernels choose their vector path by
 * the input's alignment: the same numbers then summed in another order gave different last bits,
 * which training amplifies (with one thread, two variants on identical splits still ended up to
 * 0.0005 apart in a metric; with this copy, identical). A copy made by PyTorch is 64-byte aligned,
 * every time.
 *
 * <p>Why the constants: DJL's {@code mul(Number)}, {@code div(Number)}, {@code add(Number)} and
 * {@code maximum(Number)} wrap the number in a Java direct buffer, run the operation, and close the
 * wrapper at once. Autograd keeps that wrapper's tensor for the backward pass (the gradient of
 * {@code x * c} is {@code c}), but its memory belongs to the Java buffer, which the garbage
 * collector frees whenever it runs: the backward pass then read freed memory. That made training
 * differ between processes at a random step (the forward loss identical, the gradients of the
 * layers behind the constant not), and could scale a gradient by garbage. Constants made here live
 * in PyTorch's own memory, which autograd keeps alive as long as it needs it.
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

  /** {@code x * c}, with {@code c} held in PyTorch memory (see the class comment). */
  static NDArray mul(NDArray x, float c) {
    return x.mul(constant(x, c));
  }

  /** {@code x / c}, with {@code c} held in PyTorch memory. */
  static NDArray div(NDArray x, float c) {
    return x.div(constant(x, c));
  }

  /** {@code x + c}, with {@code c} held in PyTorch memory. */
  static NDArray add(NDArray x, float c) {
    return x.add(constant(x, c));
  }

  /** {@code max(x, c)} element-wise, with {@code c} held in PyTorch memory. */
  static NDArray maximum(NDArray x, float c) {
    return x.maximum(constant(x, c));
  }

  /** A scalar constant allocated by PyTorch, owned by {@code like}'s manager. */
  private static NDArray constant(NDArray like, float c) {
    return like.getManager().full(new Shape(), c, DataType.FLOAT32);
  }
}
