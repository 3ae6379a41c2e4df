package io.github.racrec.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Asking for CUDA where there is none logs why and still encodes, on the CPU. */
class DeviceFallbackTest {

  @Test
  void build_cudaWithoutGpu_logsFallbackAndEncodesOnCpu() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().device(Device.CUDA).build()) {
      assertEquals(Device.CPU, encoder.device());
      assertEquals(384, encoder.encode("a quiet, lovely record").length);
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("CUDA was requested"), log);
    assertTrue(log.contains("running on the CPU"), log);
    assertTrue(log.contains("onnxruntime_gpu"), log);
  }
}
