package io.github.racrec.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A tiny BERT-family text model that tests build themselves: an ONNX graph with the inputs and
 * output of a HuggingFace export, a matching WordPiece {@code tokenizer.json}, and a {@code
 * config.json}. Written with the ONNX protobuf classes that Tribuo's {@code tribuo-util-onnx}
 * ships.
 *
 * <p>The graph: {@code x = word[ids] + position[0..S) (+ type[token_type_ids])}; a context vector,
 * the mean of {@code x} over the tokens the attention mask keeps, is added to every position (so a
 * token's output depends on the other real tokens but never on padding, as in a transformer); then
 * {@code last_hidden_state = tanh((x + context) W)}. Padding positions get non-zero outputs, so an
 * encoder that pooled over them would be caught.
 *
 * <p>{@link #expectedVector(String)} computes in plain Java what a correct encoder must return.
 */
public final class TinyBertModel {
  /** The vocabulary; test texts made of these words tokenize to whole words. */
  public static final List<String> VOCAB =
      List.of(
          "[PAD]",
          "[UNK]",
          "[CLS]",
          "[SEP]",
          "the",
          "a",
          "movie",
          "film",
          "music",
          "song",
          "great",
          "bad",
          "love",
          "loved",
          "boring",
          "plot",
          "actors",
          "soundtrack",
          "album",
          "guitar",
          "jazz",
          "rock",
          "quiet",
          "loud",
          "beautiful",
          "terrible",
          "best",
          "worst",
          "story",
          "i",
          "it",
          "was",
          "is",
          "and",
          "of",
          "all",
          "made",
          "no",
          "sense",
          "part",
          "pacing",
          "very",
          "good",
          ".",
          ",",
          "!",
          "?");

  private static final int CLS = 2;
  private static final int SEP = 3;
  private static final int UNK = 1;

  private final int hidden;
  private final int positions;
  private final boolean tokenTypeIds;
  private final float[][] word;
  private final float[][] position;
  private final float[][] type;
  private final float[][] weights;

  /**
   * Creates the model's weights.
   *
   * @param hidden the vector size (768 mimics DistilBERT)
   * @param positions the number of position embeddings, the model's length limit
   * @param tokenTypeIds whether the graph takes a {@code token_type_ids} input (DistilBERT: no)
   * @param seed the seed of the random weights
   */
  public TinyBertModel(int hidden, int positions, boolean tokenTypeIds, long seed) {
    this.hidden = hidden;
    this.positions = positions;
    this.tokenTypeIds = tokenTypeIds;
    Random random = new Random(seed);
    this.word = randomMatrix(random, VOCAB.size(), hidden, 1f);
    this.position = randomMatrix(random, positions, hidden, 0.5f);
    this.type = randomMatrix(random, 2, hidden, 0.5f);
    this.weights = randomMatrix(random, hidden, hidden, (float) (1 / Math.sqrt(hidden)));
  }

  /**
   * Writes {@code model.onnx}, {@code tokenizer.json} and {@code config.json} into a folder.
   *
   * @param folder the folder, created if missing
   * @return the folder
   * @throws IOException if writing fails
   */
  public Path writeFolder(Path folder) throws IOException {
    Files.createDirectories(folder);
    try (OutputStream out = Files.newOutputStream(folder.resolve("model.onnx"))) {
      graph().writeTo(out);
    }
    Files.writeString(folder.resolve("tokenizer.json"), tokenizerJson(), StandardCharsets.UTF_8);
    Files.writeString(
        folder.resolve("config.json"),
        "{\"model_type\": \"distilbert\", \"dim\": "
            + hidden
            + ", \"max_position_embeddings\": "
            + positions
            + "}",
        StandardCharsets.UTF_8);
    return folder;
  }

  /**
   * Returns the token ids of a text as the tokenizer gives them: [CLS], the words, [SEP].
   *
   * @param text a text of vocabulary words and punctuation
   * @return the ids
   */
  public static int[] tokenIds(String text) {
    List<Integer> ids = new ArrayList<>();
    ids.add(CLS);
    String spaced = text.toLowerCase(Locale.ROOT).replaceAll("([.,!?])", " $1 ");
    for (String word : spaced.trim().split("\\s+")) {
      int id = VOCAB.indexOf(word);
      ids.add(id >= 0 ? id : UNK);
    }
    ids.add(SEP);
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Returns the vector a correct encoder gives for a text: the model's output, averaged over the
   * text's tokens, not normalized.
   *
   * @param text a text of vocabulary words and punctuation, short enough to need no truncation
   * @return the expected vector
   */
  public float[] expectedVector(String text) {
    int[] ids = tokenIds(text);
    int n = ids.length;
    float[][] x = new float[n][hidden];
    float[] context = new float[hidden];
    for (int t = 0; t < n; t++) {
      for (int j = 0; j < hidden; j++) {
        x[t][j] = word[ids[t]][j] + position[t][j] + (tokenTypeIds ? type[0][j] : 0f);
        context[j] += x[t][j];
      }
    }
    float[] mean = new float[hidden];
    for (int t = 0; t < n; t++) {
      for (int k = 0; k < hidden; k++) {
        double sum = 0;
        for (int j = 0; j < hidden; j++) {
          sum += (x[t][j] + context[j] / n) * weights[j][k];
        }
        mean[k] += (float) Math.tanh(sum) / n;
      }
    }
    return mean;
  }

  private ModelProto graph() {
    GraphProto.Builder g = GraphProto.newBuilder().setName("tiny_bert");
    g.addInput(intInput("input_ids"));
    g.addInput(intInput("attention_mask"));
    if (tokenTypeIds) {
      g.addInput(intInput("token_type_ids"));
    }
    g.addOutput(
        ValueInfoProto.newBuilder()
            .setName("last_hidden_state")
            .setType(tensorType(TensorProto.DataType.FLOAT, "batch", "sequence", null, hidden)));
    g.addInitializer(floatTensor("word_embeddings", word));
    g.addInitializer(floatTensor("position_embeddings", position));
    g.addInitializer(floatTensor("dense_weight", weights));
    g.addInitializer(longTensor("one_index", new long[0], 1L));
    g.addInitializer(longTensor("zero", new long[0], 0L));
    g.addInitializer(longTensor("step", new long[0], 1L));
    g.addInitializer(longTensor("axis_tokens", new long[] {1}, 1L));
    g.addInitializer(longTensor("axis_last", new long[] {1}, 2L));

    g.addNode(node("Gather", List.of("word_embeddings", "input_ids"), "words"));
    g.addNode(node("Shape", List.of("input_ids"), "ids_shape"));
    g.addNode(node("Gather", List.of("ids_shape", "one_index"), "sequence_length"));
    g.addNode(node("Range", List.of("zero", "sequence_length", "step"), "position_ids"));
    g.addNode(node("Gather", List.of("position_embeddings", "position_ids"), "positions"));
    String x = "words_and_positions";
    g.addNode(node("Add", List.of("words", "positions"), x));
    if (tokenTypeIds) {
      g.addInitializer(floatTensor("type_embeddings", type));
      g.addNode(node("Gather", List.of("type_embeddings", "token_type_ids"), "types"));
      g.addNode(node("Add", List.of(x, "types"), "embeddings"));
      x = "embeddings";
    }
    g.addNode(
        node("Cast", List.of("attention_mask"), "mask_float").toBuilder()
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("to")
                    .setType(AttributeProto.AttributeType.INT)
                    .setI(TensorProto.DataType.FLOAT_VALUE))
            .build());
    g.addNode(node("Unsqueeze", List.of("mask_float", "axis_last"), "mask3"));
    g.addNode(node("Mul", List.of(x, "mask3"), "masked"));
    g.addNode(node("ReduceSum", List.of("masked", "axis_tokens"), "masked_sum"));
    g.addNode(node("ReduceSum", List.of("mask3", "axis_tokens"), "mask_count"));
    g.addNode(node("Div", List.of("masked_sum", "mask_count"), "context"));
    g.addNode(node("Add", List.of(x, "context"), "with_context"));
    g.addNode(node("MatMul", List.of("with_context", "dense_weight"), "projected"));
    g.addNode(node("Tanh", List.of("projected"), "last_hidden_state"));
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("racrec-tests")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setGraph(g)
        .build();
  }

  private String tokenizerJson() {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (int i = 0; i < VOCAB.size(); i++) {
      vocab.put(VOCAB.get(i), i);
    }
    StringBuilder vocabJson = new StringBuilder("{");
    vocab.forEach(
        (token, id) ->
            vocabJson.append(vocabJson.length() > 1 ? "," : "").append(quote(token) + ":" + id));
    vocabJson.append('}');
    StringBuilder added = new StringBuilder("[");
    for (int id = 0; id < 4; id++) {
      added
          .append(id > 0 ? "," : "")
          .append("{\"id\":")
          .append(id)
          .append(",\"content\":")
          .append(quote(VOCAB.get(id)))
          .append(
              ",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,"
                  + "\"special\":true}");
    }
    added.append(']');
    return """
        {"version":"1.0","truncation":null,"padding":null,"added_tokens":%s,
         "normalizer":{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,
                       "strip_accents":null,"lowercase":true},
         "pre_tokenizer":{"type":"BertPreTokenizer"},
         "post_processor":{"type":"TemplateProcessing",
           "single":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},
                     {"SpecialToken":{"id":"[SEP]","type_id":0}}],
           "pair":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},
                   {"SpecialToken":{"id":"[SEP]","type_id":0}},{"Sequence":{"id":"B","type_id":1}},
                   {"SpecialToken":{"id":"[SEP]","type_id":1}}],
           "special_tokens":{"[CLS]":{"id":"[CLS]","ids":[2],"tokens":["[CLS]"]},
                             "[SEP]":{"id":"[SEP]","ids":[3],"tokens":["[SEP]"]}}},
         "decoder":{"type":"WordPiece","prefix":"##","cleanup":true},
         "model":{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##",
                  "max_input_chars_per_word":100,"vocab":%s}}
        """
        .formatted(added, vocabJson);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static ValueInfoProto intInput(String name) {
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(tensorType(TensorProto.DataType.INT64, "batch", "sequence"))
        .build();
  }

  /** A tensor type; each dimension is a symbolic name (String) or a size (Integer). */
  private static TypeProto tensorType(TensorProto.DataType type, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object dim : dims) {
      if (dim == null) {
        continue;
      }
      TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
      if (dim instanceof String name) {
        d.setDimParam(name);
      } else {
        d.setDimValue(((Integer) dim).longValue());
      }
      shape.addDim(d);
    }
    return TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))
        .build();
  }

  private static NodeProto node(String op, List<String> inputs, String output) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(output + "_" + op)
        .addAllInput(inputs)
        .addOutput(output)
        .build();
  }

  private static TensorProto floatTensor(String name, float[][] values) {
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.FLOAT_VALUE)
            .addDims(values.length)
            .addDims(values[0].length);
    for (float[] row : values) {
      for (float v : row) {
        t.addFloatData(v);
      }
    }
    return t.build();
  }

  private static TensorProto longTensor(String name, long[] dims, long value) {
    TensorProto.Builder t =
        TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE);
    for (long d : dims) {
      t.addDims(d);
    }
    return t.addInt64Data(value).build();
  }

  private static float[][] randomMatrix(Random random, int rows, int cols, float scale) {
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) random.nextGaussian() * scale;
      }
    }
    return m;
  }
}
