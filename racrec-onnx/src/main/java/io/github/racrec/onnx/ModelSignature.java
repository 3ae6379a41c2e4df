package io.github.racrec.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a BERT-family ONNX graph takes and gives, read from its session: the token inputs it
 * declares (with their integer type) and the token-level output to pool.
 *
 * @param inputIds the input holding token ids
 * @param attentionMask the input holding the attention mask
 * @param tokenTypeIds the segment-id input, absent in DistilBERT exports
 * @param output the output holding one vector per token, shape [batch, tokens, hidden]
 * @param hiddenSize the output's last dimension, or -1 if the graph leaves it symbolic
 */
record ModelSignature(
    TokenInput inputIds,
    TokenInput attentionMask,
    Optional<TokenInput> tokenTypeIds,
    String output,
    long hiddenSize) {

  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final List<String> PREFERRED_OUTPUTS =
      List.of("last_hidden_state", "token_embeddings");

  /** A token-level input and whether it takes 32- or 64-bit integers. */
  record TokenInput(String name, boolean int32) {}

  static ModelSignature read(OrtSession session, String modelName) {
    try {
      return read(session.getInputInfo(), session.getOutputInfo(), modelName);
    } catch (OrtException e) {
      throw new RacrecException(
          ErrorCode.MODEL_INVALID, "cannot read the inputs and outputs of " + modelName, e);
    }
  }

  static ModelSignature read(
      Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs, String modelName) {
    for (String name : inputs.keySet()) {
      if (!List.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS).contains(name)) {
        throw incompatible(
            modelName,
            "has an input '"
                + name
                + "' that racrec cannot feed; a BERT-family text model takes input_ids,"
                + " attention_mask and optionally token_type_ids (its inputs: "
                + inputs.keySet()
                + ")");
      }
    }
    TokenInput ids = tokenInput(inputs, INPUT_IDS, modelName);
    TokenInput mask = tokenInput(inputs, ATTENTION_MASK, modelName);
    Optional<TokenInput> types =
        inputs.containsKey(TOKEN_TYPE_IDS)
            ? Optional.of(tokenInput(inputs, TOKEN_TYPE_IDS, modelName))
            : Optional.empty();
    String output = tokenLevelOutput(outputs, modelName);
    long[] shape = ((TensorInfo) outputs.get(output).getInfo()).getShape();
    return new ModelSignature(ids, mask, types, output, shape[2]);
  }

  private static TokenInput tokenInput(
      Map<String, NodeInfo> inputs, String name, String modelName) {
    NodeInfo node = inputs.get(name);
    if (node == null) {
      throw incompatible(
          modelName, "has no input '" + name + "' (its inputs: " + inputs.keySet() + ")");
    }
    if (!(node.getInfo() instanceof TensorInfo info)
        || (info.type != OnnxJavaType.INT64 && info.type != OnnxJavaType.INT32)) {
      throw incompatible(modelName, "input '" + name + "' is not an int64 or int32 tensor");
    }
    return new TokenInput(name, info.type == OnnxJavaType.INT32);
  }

  private static String tokenLevelOutput(Map<String, NodeInfo> outputs, String modelName) {
    for (String preferred : PREFERRED_OUTPUTS) {
      if (outputs.containsKey(preferred) && isTokenLevel(outputs.get(preferred))) {
        return preferred;
      }
    }
    for (Map.Entry<String, NodeInfo> entry : outputs.entrySet()) {
      if (isTokenLevel(entry.getValue())) {
        return entry.getKey();
      }
    }
    throw incompatible(
        modelName,
        "has no token-level output (a float tensor of shape [batch, tokens, hidden]) to"
            + " mean-pool; its outputs: "
            + outputs.keySet());
  }

  private static boolean isTokenLevel(NodeInfo node) {
    return node.getInfo() instanceof TensorInfo info
        && info.type == OnnxJavaType.FLOAT
        && info.getShape().length == 3;
  }

  private static RacrecException incompatible(String modelName, String problem) {
    return new RacrecException(
        ErrorCode.MODEL_INCOMPATIBLE, "the ONNX model " + modelName + " " + problem);
  }
}
