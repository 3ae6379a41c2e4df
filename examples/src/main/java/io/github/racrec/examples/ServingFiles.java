package io.github.racrec.examples;

import io.github.racrec.examples.web.LiveModels;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.onnx.serving.ServingSet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads serving sets for {@code serve} and {@code load-test}: a model folder and its catalog, with
 * a fresh encoder, named {@code set-1}, {@code set-2}, ... in load order.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class ServingFiles {
  private final AtomicInteger loaded = new AtomicInteger();

  /**
   * Loads a set; the parts opened so far are closed again if a later one fails.
   *
   * @throws io.github.racrec.api.RacrecException if a file is missing or broken, or the catalog is
   *     not of this model
   */
  LiveModels.Loaded load(Path model, Path catalog) {
    OnnxTextEncoder encoder = null;
    RacRecTowers towers = null;
    ExactCatalogIndex index = null;
    try {
      towers = RacRecTowers.open(model);
      encoder = encoderFor(towers);
      index = ExactCatalogIndex.open(catalog);
      String name = "set-" + loaded.incrementAndGet();
      ServingSet set = ServingSet.racrec(name, encoder, towers, index);
      return new LiveModels.Loaded(set, info(encoder, towers, index, model, catalog));
    } catch (RuntimeException e) {
      closeQuietly(index, e);
      closeQuietly(towers, e);
      closeQuietly(encoder, e);
      throw e;
    }
  }

  /**
   * Opens the embedded encoder the model was trained with: the float32 MiniLM unless the model
   * records the int8 one's fingerprint (a model of neither is refused by the recommender then).
   */
  private static OnnxTextEncoder encoderFor(RacRecTowers towers) {
    OnnxTextEncoder encoder = EncoderChoice.MINILM.build();
    if (towers.manifest().encoderFingerprint().equals(encoder.fingerprint())) {
      return encoder;
    }
    OnnxTextEncoder quantized = EncoderChoice.MINILM_INT8.build();
    if (towers.manifest().encoderFingerprint().equals(quantized.fingerprint())) {
      encoder.close();
      return quantized;
    }
    quantized.close();
    return encoder;
  }

  static Map<String, Object> info(
      OnnxTextEncoder encoder,
      RacRecTowers towers,
      ExactCatalogIndex index,
      Path model,
      Path catalog) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("model", "RACRec " + model);
    info.put("modelFingerprint", towers.modelFingerprint());
    info.put("encoder", encoder.model().name());
    info.put("encoderDimension", encoder.dimension());
    info.put("catalog", catalog.toString());
    info.put("catalogSize", index.size());
    info.put("elementType", index.catalog().elementType().name());
    info.put("catalogFingerprint", index.fingerprint());
    info.put("scanKernel", index.kernelName());
    return info;
  }

  private static void closeQuietly(AutoCloseable part, RuntimeException cause) {
    if (part == null) {
      return;
    }
    try {
      part.close();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}
