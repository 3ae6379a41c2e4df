package io.github.racrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.racrec.onnx.Device;
import io.github.racrec.onnx.OnnxTextEncoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CUDA check's own logic, run CPU against CPU (CI has no GPU): it encodes, runs both towers,
 * compares and passes; asked for CUDA where none is usable, it fails with exit code 2.
 */
class CudaCheckCommandTest {
  @Test
  void cpuAgainstCpu_passes() {
    String model = DemoModel.workDir().resolve("model").toString();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new CudaCheckCommand())
              .execute("--model", model, "--compare-device", "CPU", "--texts", "20");
    } finally {
      System.setOut(previous);
    }
    String output = buffer.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, output);
    assertTrue(output.contains("PASSED"), output);
  }

  @Test
  void cudaWithoutAGpu_failsWithExitCode2() {
    try (OnnxTextEncoder probe = OnnxTextEncoder.builder().device(Device.CUDA).build()) {
      assumeFalse(probe.device() == Device.CUDA, "skipped: CUDA works on this machine");
    }
    String model = DemoModel.workDir().resolve("model").toString();
    PrintStream previous = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      exit = new CommandLine(new CudaCheckCommand()).execute("--model", model, "--texts", "4");
    } finally {
      System.setOut(previous);
    }
    assertEquals(2, exit);
  }

  @Test
  void relativeDifference_isScaledByTheLargestComponent() {
    float[][] expected = {{2f, -4f, 0f}};
    float[][] actual = {{2f, -4.0004f, 0.0002f}};
    assertEquals(1e-4, CudaCheckCommand.maxRelativeDifference(expected, actual), 1e-7);
  }
}
