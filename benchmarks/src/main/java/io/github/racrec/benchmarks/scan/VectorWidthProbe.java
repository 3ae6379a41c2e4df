package io.github.racrec.benchmarks.scan;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.github.racrec.onnx.catalog.ElementType;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.onnx.catalog.ScanSettings;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.incubator.vector.FloatVector;

/**
 * Prints, as one JSON object, what a JVM started with a benchmark's flags scans with: the Vector
 * API's preferred float width, the scan kernel and its batch blocking, and the JIT's vector flags
 * as the JVM applied them. With {@code UseAVX} 2 the JIT has no EVEX encoding, so it can emit no
 * 512-bit (zmm) instruction; {@code MaxVectorSize} 32 caps its vectors at 256 bits.
 */
public final class VectorWidthProbe {
  private VectorWidthProbe() {}

  /**
   * Prints the probe.
   *
   * @param args none
   * @throws Exception if the small catalog cannot be written or opened
   */
  public static void main(String[] args) throws Exception {
    HotSpotDiagnosticMXBean hotspot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    Map<String, Object> probe = new LinkedHashMap<>();
    probe.put("preferredFloatBits", FloatVector.SPECIES_PREFERRED.vectorBitSize());
    for (String flag : new String[] {"UseAVX", "MaxVectorSize", "UseAVX3Threshold"}) {
      try {
        probe.put(flag, hotspot.getVMOption(flag).getValue());
      } catch (IllegalArgumentException notOnThisJvm) {
        probe.put(flag, null); // not an x86 JVM, or not this version's flag
      }
    }
    try (ExactCatalogIndex index =
        ExactCatalogIndex.open(
            SyntheticCatalogs.file(1_000, 64, ElementType.FLOAT32),
            new ScanSettings(1, ScanSettings.Residency.HEAP, ScanSettings.Kernel.VECTOR_API))) {
      probe.put("kernel", index.kernelName());
      probe.put("blocking", index.kernelBlocking());
    }
    System.out.println(io.github.racrec.onnx.internal.Json.toJson(probe));
  }
}
