package io.github.racrec.onnx;

/**
 * Where ONNX Runtime runs a model.
 *
 * <p>{@link #CUDA} needs the {@code com.microsoft.onnxruntime:onnxruntime_gpu} artifact in place of
 * {@code onnxruntime}, CUDA 12 and cuDNN 9 on the machine, and an NVIDIA GPU. When any of these is
 * missing, racrec logs a warning that says which, and runs on the CPU: a component's {@code
 * device()} method tells where it actually runs.
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum Device {
  /** The CPU, through ONNX Runtime's default execution provider. Always available. */
  CPU,
  /** An NVIDIA GPU through ONNX Runtime's CUDA execution provider, with fallback to the CPU. */
  CUDA
}
