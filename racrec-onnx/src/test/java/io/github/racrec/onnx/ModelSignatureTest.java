package io.github.racrec.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import org.junit.jupiter.api.Test;

/** Graphs that are not BERT-family text models are refused with MODEL_INCOMPATIBLE. */
class ModelSignatureTest {

  /** A graph passing each named int64 [batch, seq] input through Identity to "out_" + name. */
  private static byte[] identityGraph(boolean castToFloat, String... inputs) {
    GraphProto.Builder g = GraphProto.newBuilder().setName("g");
    for (String input : inputs) {
      g.addInput(value(input, TensorProto.DataType.INT64));
      if (castToFloat) {
        g.addNode(
            NodeProto.newBuilder()
                .setOpType("Cast")
                .addInput(input)
                .addOutput("out_" + input)
                .addAttribute(
                    ai.onnx.proto.OnnxMl.AttributeProto.newBuilder()
                        .setName("to")
                        .setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.INT)
                        .setI(TensorProto.DataType.FLOAT_VALUE)));
        g.addOutput(value("out_" + input, TensorProto.DataType.FLOAT));
      } else {
        g.addNode(
            NodeProto.newBuilder().setOpType("Identity").addInput(input).addOutput("out_" + input));
        g.addOutput(value("out_" + input, TensorProto.DataType.INT64));
      }
    }
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
        .setGraph(g)
        .build()
        .toByteArray();
  }

  private static ValueInfoProto value(String name, TensorProto.DataType type) {
    TensorShapeProto shape =
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("sequence"))
            .build();
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
        .build();
  }

  private static RacrecException readFails(byte[] graph) throws OrtException {
    try (OrtSession session = OrtSessions.environment().createSession(graph)) {
      return assertThrows(RacrecException.class, () -> ModelSignature.read(session, "test graph"));
    }
  }

  @Test
  void read_unknownInput_throwsIncompatibleNamingIt() throws OrtException {
    RacrecException e = readFails(identityGraph(true, "input_ids", "pixel_values"));
    assertEquals(ErrorCode.MODEL_INCOMPATIBLE, e.code());
    assertTrue(e.getMessage().contains("pixel_values"), e.getMessage());
  }

  @Test
  void read_noAttentionMask_throwsIncompatible() throws OrtException {
    RacrecException e = readFails(identityGraph(true, "input_ids"));
    assertEquals(ErrorCode.MODEL_INCOMPATIBLE, e.code());
    assertTrue(e.getMessage().contains("attention_mask"), e.getMessage());
  }

  @Test
  void read_noTokenLevelFloatOutput_throwsIncompatible() throws OrtException {
    RacrecException e = readFails(identityGraph(false, "input_ids", "attention_mask"));
    assertEquals(ErrorCode.MODEL_INCOMPATIBLE, e.code());
    assertTrue(e.getMessage().contains("token-level output"), e.getMessage());
  }
}
