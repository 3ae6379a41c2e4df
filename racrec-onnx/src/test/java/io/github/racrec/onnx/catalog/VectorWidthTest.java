package io.github.racrec.onnx.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/**
 * Run only by the {@code scan-at-256-bit} surefire execution (with {@code -XX:UseAVX=2
 * -XX:MaxVectorSize=32}): the scan kernel the JVM picks works on vectors of the width that run asks
 * for, so its {@link CatalogScanTest} pass is a pass at that width and not a second one at 512
 * bits.
 */
class VectorWidthTest {
  @Test
  void bestKernel_underTheRunsJvmFlags_usesTheWidthAskedFor() {
    Integer bits = Integer.getInteger("racrec.test.vectorBits");
    assertNotNull(bits, "run by the scan-at-256-bit surefire execution, which sets the width");
    assertEquals("vector-api-" + bits + "bit", ScanKernels.best().name());
  }
}
