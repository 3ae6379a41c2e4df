package io.github.racrec.training.racrec;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.RacRecManifest;
import io.github.racrec.onnx.RacRecTowers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained RACRec model as two ONNX graphs and a manifest, the form {@link RacRecTowers}
 * serves.
 *
 * <ul>
 *   <li>User tower: {@code reviews} [batch, K, d] and {@code mask} [batch, K] (1 for a counted
 *       review) to {@code taste} [batch, T] = masked mean of {@code review_terms} [batch, K, T]
 *       plus {@code bias_term} [batch, T], where a review's term is {@code [W_c v, 0]} and the bias
 *       is {@code [b_c, b_t]}: the cold-start path {@code [E_c(u_s), E_t(0)]}, linear up to the
 *       mean, so per-review explanations are exact.
 *   <li>Item tower: {@code items} [batch, d] to {@code item_vectors} [batch, T] = {@code W_p i +
 *       b_p}.
 * </ul>
 *
 * <p>Each file is written to a temporary name and renamed; the manifest goes last and holds the
 * fingerprint of both towers, so a half-written folder is refused when opened.
 */
public final class RacRecExporter {
  /** The user tower's file name. */
  public static final String USER_TOWER = "user-tower.onnx";

  /** The item tower's file name. */
  public static final String ITEM_TOWER = "item-tower.onnx";

  private RacRecExporter() {}

  /**
   * Exports a model into a folder.
   *
   * @param model the trained model
   * @param encoderFingerprint the fingerprint of the encoder whose vectors it was trained on
   * @param folder the model folder, created if missing; earlier files are replaced
   * @return the manifest written
   * @throws RacrecException with {@link ErrorCode#IO_ERROR} if writing fails
   */
  public static RacRecManifest export(TrainedRacRec model, String encoderFingerprint, Path folder) {
    byte[] user = userTower(model);
    byte[] item = itemTower(model);
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("config", model.config());
    training.put("bestEpoch", model.bestEpoch());
    training.put("epochsTrained", model.history().size());
    training.put("validationColdStartRmse", model.best().validationRmse());
    RacRecManifest manifest =
        new RacRecManifest(
            RacRecManifest.FORMAT,
            RacRecManifest.FORMAT_VERSION,
            "",
            encoderFingerprint,
            model.inputSize(),
            model.config().tasteSize(),
            model.reviewWindow(),
            "mean of the newest K review vectors (each the encoder's masked mean of token vectors)",
            true,
            0.0,
            1.0,
            5.0,
            USER_TOWER,
            ITEM_TOWER,
            model.trainingDataFingerprint(),
            training);
    manifest = manifest.withModelFingerprint(manifest.computeFingerprint(user, item));
    try {
      Files.createDirectories(folder);
      replace(folder.resolve(USER_TOWER), user);
      replace(folder.resolve(ITEM_TOWER), item);
      replace(
          folder.resolve(RacRecManifest.FILE_NAME),
          manifest.toJson().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot export the model to " + folder, e);
    }
    return manifest;
  }

  static byte[] userTower(TrainedRacRec model) {
    int d = model.inputSize();
    int shared = model.config().sharedSize();
    int specific = model.config().specificSize();
    int taste = model.config().tasteSize();
    float[] bias = new float[taste];
    System.arraycopy(model.sharedBias(), 0, bias, 0, shared);
    System.arraycopy(model.targetBias(), 0, bias, shared, specific);
    return new OnnxGraph("racrec_user_tower")
        .input(RacRecTowers.REVIEWS, "batch", "reviews", d)
        .input(RacRecTowers.MASK, "batch", "reviews")
        .output(RacRecTowers.TASTE, "batch", taste)
        .output(RacRecTowers.REVIEW_TERMS, "batch", "reviews", taste)
        .output(RacRecTowers.BIAS_TERM, "batch", taste)
        .floats("shared_weight_t", transpose(model.sharedWeight(), shared, d), d, shared)
        .floats("specific_zeros", new float[d * specific], d, specific)
        .floats("bias", bias, taste)
        .floats("zero", new float[] {0f})
        .longs("axis_reviews", 1)
        .longs("axis_last", 2)
        .node("MatMul", List.of(RacRecTowers.REVIEWS, "shared_weight_t"), "shared_terms")
        .node("MatMul", List.of(RacRecTowers.REVIEWS, "specific_zeros"), "specific_terms")
        .node(
            "Concat",
            List.of("shared_terms", "specific_terms"),
            RacRecTowers.REVIEW_TERMS,
            "axis",
            2)
        .node("Unsqueeze", List.of(RacRecTowers.MASK, "axis_last"), "mask3")
        .node("Mul", List.of(RacRecTowers.REVIEW_TERMS, "mask3"), "masked_terms")
        .node("ReduceSum", List.of("masked_terms", "axis_reviews"), "term_sum", "keepdims", 0)
        .node(
            "ReduceSum", List.of(RacRecTowers.MASK, "axis_reviews"), "review_count", "keepdims", 1)
        .node("Div", List.of("term_sum", "review_count"), "term_mean")
        .node("Add", List.of("term_mean", "bias"), RacRecTowers.TASTE)
        .node("Mul", List.of("term_mean", "zero"), "zero_like")
        .node("Add", List.of("zero_like", "bias"), RacRecTowers.BIAS_TERM)
        .toBytes("racrec");
  }

  static byte[] itemTower(TrainedRacRec model) {
    int d = model.inputSize();
    int taste = model.config().tasteSize();
    return new OnnxGraph("racrec_item_tower")
        .input(RacRecTowers.ITEMS, "batch", d)
        .output(RacRecTowers.ITEM_VECTORS, "batch", taste)
        .floats("item_weight", model.itemWeight(), taste, d)
        .floats("item_bias", model.itemBias(), taste)
        .node(
            "Gemm",
            List.of(RacRecTowers.ITEMS, "item_weight", "item_bias"),
            RacRecTowers.ITEM_VECTORS,
            "transB",
            1)
        .toBytes("racrec");
  }

  private static float[] transpose(float[] matrix, int rows, int cols) {
    float[] transposed = new float[matrix.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        transposed[c * rows + r] = matrix[r * cols + c];
      }
    }
    return transposed;
  }

  private static void replace(Path file, byte[] bytes) throws IOException {
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
    Files.write(temporary, bytes);
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
