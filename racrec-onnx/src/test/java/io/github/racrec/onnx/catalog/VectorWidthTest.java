package io.github.racrec.onnx.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/**
 * Run only by the {@code scan-at-256-bit} surefire execution (with {@code -XX:UseAVX=2
 * -XX:MaxVectorSize=32}): the scan kernel the JVM picks works on vectors of the width that run asks
 * for, so its {@link CatalogScanTest} and {@link ScanKernelTest} passes are passes at that width
 * and not second ones at 512 bits, and the batch kernel takes the panels sized for AVX2's 16
 * registers.
 */
class VectorWidthTest {
  @Test
  void bestKernel_underTheRunsJvmFlags_usesTheWidthAskedFor() {
    Integer bits = Integer.getInteger("racrec.test.vectorBits");
    assertNotNull(bits, "run by the scan-at-256-bit surefire execution, which sets the width");
    assertEquals("vector-api-" + bits + "bit", ScanKernels.best().name());
  }

  @Test
  void batchPanels_at256Bits_fitSixteenRegisters() {
    Integer bits = Integer.getInteger("racrec.test.vectorBits");
    assertNotNull(bits, "run by the scan-at-256-bit surefire execution, which sets the width");
    assertEquals(256, bits, "this execution is the 256-bit one");
    assertEquals(
        "16 vector registers, batch panels of 6 rows x 2 vectors of 8 floats",
        ScanKernels.best().blocking());
  }
}
