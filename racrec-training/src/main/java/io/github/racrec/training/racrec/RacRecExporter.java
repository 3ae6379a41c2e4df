package io.github.racrec.training.racrec;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.RacRecManifest;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a trained RACRec model as two ONNX graphs and a manifest, the form {@link RacRecTowers}
 * serves.
 *
 * <p>Both towers give served vectors of {@link RacRecConfig#servedSize()} components: the user
 * tower {@code [E_c(u_s), E_t(0)]}, then {@code 1} and the user bias when the model has rating
 * biases; the item tower {@code E_p(i)}, then the item bias and {@code 1}. Their inner product is
 * the predicted rating.
 *
 * <ul>
 *   <li>User tower: {@code reviews} [batch, K, d] and {@code mask} [batch, K] (1 for a counted
 *       review) to {@code taste} [batch, T]. When the towers are affine it also gives {@code
 *       review_terms} [batch, K, T] and {@code bias_term} [batch, T], with taste = masked mean of
 *       the review terms plus the bias term, so per-review explanations are exact. With a hidden
 *       layer, the masked mean goes through E_c and only {@code taste} is given.
 *   <li>Item tower: {@code items} [batch, d] to {@code item_vectors} [batch, T].
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
    training.put("config", model.config().toMap());
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
            model.config().servedSize(),
            model.reviewWindow(),
            "mean of the newest K review vectors (each the encoder's masked mean of token vectors)",
            model.linear(),
            0.0,
            1.0,
            5.0,
            USER_TOWER,
            ITEM_TOWER,
            model.trainingDataFingerprint(),
            training,
            model.itemTerms().orElse(null));
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
    return model.linear() ? linearUserTower(model) : nonlinearUserTower(model);
  }

  /**
   * The affine user tower: every served component is {@code W v + b}, so {@code taste} is the
   * masked mean of per-review terms {@code W v} plus the constant {@code b}.
   */
  private static byte[] linearUserTower(TrainedRacRec model) {
    int d = model.inputSize();
    int served = model.config().servedSize();
    TrainedRacRec.Layer user = model.servedUserLayer();
    return new OnnxGraph("racrec_user_tower")
        .input(RacRecTowers.REVIEWS, "batch", "reviews", d)
        .input(RacRecTowers.MASK, "batch", "reviews")
        .output(RacRecTowers.TASTE, "batch", served)
        .output(RacRecTowers.REVIEW_TERMS, "batch", "reviews", served)
        .output(RacRecTowers.BIAS_TERM, "batch", served)
        .floats("weight_t", transpose(user.weight(), served, d), d, served)
        .floats("bias", user.bias(), served)
        .floats("zero", new float[] {0f})
        .longs("axis_reviews", 1)
        .longs("axis_last", 2)
        .node("MatMul", List.of(RacRecTowers.REVIEWS, "weight_t"), RacRecTowers.REVIEW_TERMS)
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

  /**
   * The user tower with a hidden layer: the masked mean of the reviews goes through E_c; the
   * remaining served components ({@code E_t(0)}, and {@code 1} and the user bias) are affine in the
   * mean and are appended.
   */
  private static byte[] nonlinearUserTower(TrainedRacRec model) {
    int d = model.inputSize();
    int served = model.config().servedSize();
    OnnxGraph graph =
        new OnnxGraph("racrec_user_tower")
            .input(RacRecTowers.REVIEWS, "batch", "reviews", d)
            .input(RacRecTowers.MASK, "batch", "reviews")
            .output(RacRecTowers.TASTE, "batch", served)
            .longs("axis_reviews", 1)
            .longs("axis_last", 2)
            .node("Unsqueeze", List.of(RacRecTowers.MASK, "axis_last"), "mask3")
            .node("Mul", List.of(RacRecTowers.REVIEWS, "mask3"), "masked_reviews")
            .node(
                "ReduceSum", List.of("masked_reviews", "axis_reviews"), "review_sum", "keepdims", 0)
            .node(
                "ReduceSum",
                List.of(RacRecTowers.MASK, "axis_reviews"),
                "review_count",
                "keepdims",
                1)
            .node("Div", List.of("review_sum", "review_count"), "review_mean");
    String shared = encoder(graph, "review_mean", model.sharedEncoder(), "shared");
    TrainedRacRec.Layer tail = model.servedUserTail();
    return graph
        .floats("tail_weight", tail.weight(), tail.outputs(), tail.inputs())
        .floats("tail_bias", tail.bias(), tail.outputs())
        .node("Gemm", List.of("review_mean", "tail_weight", "tail_bias"), "tail", "transB", 1)
        .node("Concat", List.of(shared, "tail"), RacRecTowers.TASTE, "axis", 1)
        .toBytes("racrec");
  }

  /** The item tower: E_p, then the item bias and {@code 1} when the model has biases. */
  static byte[] itemTower(TrainedRacRec model) {
    int d = model.inputSize();
    int served = model.config().servedSize();
    OnnxGraph graph =
        new OnnxGraph("racrec_item_tower")
            .input(RacRecTowers.ITEMS, "batch", d)
            .output(RacRecTowers.ITEM_VECTORS, "batch", served);
    String encoded = encoder(graph, RacRecTowers.ITEMS, model.itemEncoder(), "item");
    Optional<TrainedRacRec.Layer> tail = model.servedItemTail();
    if (tail.isEmpty()) {
      return graph.node("Identity", List.of(encoded), RacRecTowers.ITEM_VECTORS).toBytes("racrec");
    }
    return graph
        .floats("tail_weight", tail.get().weight(), tail.get().outputs(), tail.get().inputs())
        .floats("tail_bias", tail.get().bias(), tail.get().outputs())
        .node("Gemm", List.of(RacRecTowers.ITEMS, "tail_weight", "tail_bias"), "tail", "transB", 1)
        .node("Concat", List.of(encoded, "tail"), RacRecTowers.ITEM_VECTORS, "axis", 1)
        .toBytes("racrec");
  }

  /** Appends an encoder's layers (Gemm, with a ReLU between two) and returns its output's name. */
  private static String encoder(
      OnnxGraph graph, String input, List<TrainedRacRec.Layer> layers, String prefix) {
    String x = input;
    for (int l = 0; l < layers.size(); l++) {
      TrainedRacRec.Layer layer = layers.get(l);
      String name = prefix + "_" + l;
      graph
          .floats(name + "_weight", layer.weight(), layer.outputs(), layer.inputs())
          .floats(name + "_bias", layer.bias(), layer.outputs())
          .node("Gemm", List.of(x, name + "_weight", name + "_bias"), name, "transB", 1);
      x = name;
      if (l + 1 < layers.size()) {
        graph.node("Relu", List.of(x), name + "_relu");
        x = name + "_relu";
      }
    }
    return x;
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

  /**
   * Each file is replaced durably and atomically; a crash between the three files leaves a mixed
   * folder, which {@code RacRecTowers.open} refuses as damaged (the manifest's fingerprint covers
   * both towers), never a silently wrong model.
   */
  private static void replace(Path file, byte[] bytes) throws IOException {
    AtomicFiles.write(file, bytes);
  }
}
