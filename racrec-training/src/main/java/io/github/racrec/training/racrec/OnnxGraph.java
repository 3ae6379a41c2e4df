package io.github.racrec.training.racrec;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.List;

/**
 * A small builder of ONNX graphs (opset 13) over the ONNX protobuf classes that Tribuo's {@code
 * tribuo-util-onnx} ships: float inputs and outputs, float and int64 initializers, plain nodes.
 *
 * <p>Thread-safety: not thread-safe; one builder per graph.
 */
final class OnnxGraph {
  private final GraphProto.Builder graph;

  OnnxGraph(String name) {
    graph = GraphProto.newBuilder().setName(name);
  }

  /** Declares a float input; each dimension is a size (Integer) or a symbolic name (String). */
  OnnxGraph input(String name, Object... dims) {
    graph.addInput(value(name, dims));
    return this;
  }

  OnnxGraph output(String name, Object... dims) {
    graph.addOutput(value(name, dims));
    return this;
  }

  /** A float initializer of the given shape, from row-major values. */
  OnnxGraph floats(String name, float[] values, long... dims) {
    TensorProto.Builder tensor =
        TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
    for (long dim : dims) {
      tensor.addDims(dim);
    }
    for (float value : values) {
      tensor.addFloatData(value);
    }
    graph.addInitializer(tensor);
    return this;
  }

  /** An int64 initializer of one dimension. */
  OnnxGraph longs(String name, long... values) {
    TensorProto.Builder tensor =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.INT64_VALUE)
            .addDims(values.length);
    for (long value : values) {
      tensor.addInt64Data(value);
    }
    graph.addInitializer(tensor);
    return this;
  }

  OnnxGraph node(String op, List<String> inputs, String output) {
    graph.addNode(
        NodeProto.newBuilder()
            .setOpType(op)
            .setName(output + "_" + op)
            .addAllInput(inputs)
            .addOutput(output));
    return this;
  }

  /** A node with one integer attribute. */
  OnnxGraph node(String op, List<String> inputs, String output, String attribute, long value) {
    graph.addNode(
        NodeProto.newBuilder()
            .setOpType(op)
            .setName(output + "_" + op)
            .addAllInput(inputs)
            .addOutput(output)
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName(attribute)
                    .setType(AttributeProto.AttributeType.INT)
                    .setI(value)));
    return this;
  }

  byte[] toBytes(String producer) {
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName(producer)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setGraph(graph)
        .build()
        .toByteArray();
  }

  private static ValueInfoProto value(String name, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object dim : dims) {
      TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
      if (dim instanceof String symbol) {
        d.setDimParam(symbol);
      } else {
        d.setDimValue(((Integer) dim).longValue());
      }
      shape.addDim(d);
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape)))
        .build();
  }
}
