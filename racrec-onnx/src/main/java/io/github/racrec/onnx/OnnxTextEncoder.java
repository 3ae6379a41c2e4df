package io.github.racrec.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.racrec.api.Encoder;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Encoder} that runs a BERT-family transformer on ONNX Runtime and mean-pools its token
 * vectors under the attention mask.
 *
 * <p>Typical use:
 *
 * <pre>{@code
 * try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build()) {   // embedded MiniLM
 *   float[][] vectors = encoder.encode(List.of("A moving film.", "Great soundtrack."));
 * }
 * }</pre>
 *
 * <p>How texts become vectors: each text is tokenized by the model's HuggingFace {@code
 * tokenizer.json} and cut to {@link #maxLength()} tokens (special tokens included); texts are
 * sorted by length and run in model calls of {@link Builder#batchSize(int)} texts, each call padded
 * to its own longest text, with up to {@link Builder#parallelCalls(int)} calls side by side; the
 * model's token-level output is averaged over the real tokens; and, if {@linkplain
 * Builder#normalize(boolean) normalization} is on, scaled to unit length.
 *
 * <p>Defaults by device: on the CPU every text is a model call of its own, one ONNX Runtime thread
 * per call and one call per core side by side. Measured on 2 cores, that encodes 32 texts about
 * twice as fast as one batched call spread over both cores, and it makes the encoder {@linkplain
 * #batchIndependent() batch-independent}: a text's vector is the same bit for bit whichever texts
 * come with it. On CUDA, 32 texts share a call and calls run one at a time. The model's inputs are
 * read from its graph: {@code input_ids}, {@code attention_mask} and, where declared, {@code
 * token_type_ids} (DistilBERT exports have none).
 *
 * <p>Input rules: a text that is empty, blank, or has no content the tokenizer keeps (control
 * characters only) is refused with {@link ErrorCode#INVALID_INPUT}. Texts of any length are
 * accepted and text past the maximum length is ignored, but the tokenizer reads the whole text, so
 * its cost grows with the text's length: callers taking text from untrusted sources should cap it.
 * Unpaired UTF-16 surrogates are replaced by U+FFFD.
 *
 * <p>Thread-safety: safe for concurrent use. All threads share one ONNX Runtime session, one
 * tokenizer and the encoder's call threads; equal inputs give bit-identical outputs whichever
 * thread asks.
 *
 * <p>Ownership: the encoder owns its session and tokenizer. {@link #close()} waits for encodings in
 * progress, then frees the native memory; it is idempotent.
 */
public final class OnnxTextEncoder implements Encoder {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxTextEncoder.class);

  private final TransformerModel model;
  private final OrtSessions.OpenSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final ModelSignature signature;
  private final int maxLength;
  private final int batchSize;
  private final int parallelCalls;
  private final ExecutorService callPool;
  private final boolean normalize;
  private final int emptyTextTokens;
  private final int dimension;
  private final String fingerprint;
  private final VectorCache cache;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private OnnxTextEncoder(Builder builder, TransformerModel model) {
    this.model = model;
    boolean cpu = builder.device == Device.CPU;
    this.batchSize = builder.batchSize != null ? builder.batchSize : cpu ? 1 : 32;
    this.parallelCalls =
        builder.parallelCalls != null
            ? builder.parallelCalls
            : cpu ? Runtime.getRuntime().availableProcessors() : 1;
    int intraOpThreads =
        builder.intraOpThreads != null ? builder.intraOpThreads : parallelCalls > 1 ? 1 : 0;
    this.cache = builder.cacheSize > 0 ? new VectorCache(builder.cacheSize) : null;
    this.normalize = builder.normalize != null ? builder.normalize : model.normalizedByDefault();
    byte[] tokenizerJson = model.tokenizer().readAllBytes();
    this.maxLength = resolveMaxLength(builder.maxLength, tokenizerJson, model);

    Fingerprints fingerprints = new Fingerprints();
    this.session = openSession(model, builder, intraOpThreads, fingerprints);
    this.callPool = parallelCalls > 1 ? callPool(parallelCalls) : null;
    try {
      this.signature = ModelSignature.read(session.session(), model.name());
      this.tokenizer =
          TokenizerLoader.create(
              tokenizerJson, maxLength, model.positionLimit(), model.tokenizer().describe());
      this.emptyTextTokens = tokenizer.encode("").getIds().length;
      this.dimension =
          signature.hiddenSize() > 0 ? (int) signature.hiddenSize() : probeHiddenSize();
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
    this.fingerprint =
        fingerprints
            .add(tokenizerJson)
            .add("pooling=mean-under-attention-mask")
            .add("maxLength=" + maxLength)
            .add("normalize=" + normalize)
            .finish();
    LOG.info(
        "Loaded text encoder {}: {}-d, max {} tokens, normalize={}, on {}, {} text(s) per call, {}"
            + " call(s) side by side, {} ONNX Runtime thread(s) per call",
        model.name(),
        dimension,
        maxLength,
        normalize,
        session.device(),
        batchSize,
        parallelCalls,
        intraOpThreads == 0 ? "default" : intraOpThreads);
  }

  /**
   * Returns a builder, set to the embedded all-MiniLM-L6-v2 on the CPU.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * Returns the most tokens of a text that count, special tokens included.
   *
   * @return the maximum length in tokens
   */
  public int maxLength() {
    return maxLength;
  }

  /**
   * Returns whether vectors are scaled to unit length.
   *
   * @return {@code true} if vectors have unit length
   */
  public boolean normalizes() {
    return normalize;
  }

  /**
   * Returns where the model actually runs: {@link Device#CPU} also when CUDA was asked for but
   * could not be used.
   *
   * @return the device in use
   */
  public Device device() {
    return session.device();
  }

  /**
   * Returns the model this encoder runs.
   *
   * @return the model description
   */
  public TransformerModel model() {
    return model;
  }

  /**
   * Returns true when every text runs in a model call of its own ({@link Builder#batchSize(int)} 1,
   * the CPU default), so that a text's vector never depends on the other texts of a call.
   *
   * @return whether vectors are independent of batch composition
   */
  @Override
  public boolean batchIndependent() {
    return batchSize == 1;
  }

  /**
   * Returns how many texts share a model call.
   *
   * @return texts per call
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Returns how many model calls run side by side.
   *
   * @return the most concurrent calls one encoding request makes
   */
  public int parallelCalls() {
    return parallelCalls;
  }

  @Override
  public void encodeInto(List<String> texts, float[] out, int offset) {
    Objects.requireNonNull(texts, "texts");
    Objects.requireNonNull(out, "out");
    long needed = (long) texts.size() * dimension;
    if (offset < 0 || offset + needed > out.length) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          "output buffer of length "
              + out.length
              + " cannot hold "
              + texts.size()
              + " vectors of dimension "
              + dimension
              + " from offset "
              + offset);
    }
    String[] prepared = TextInputs.prepare(texts);
    if (prepared.length == 0) {
      return;
    }
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the encoder is closed");
      }
      if (cache == null) {
        encodeAll(prepared, out, offset);
      } else {
        encodeThroughCache(prepared, out, offset);
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        closeQuietly();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /**
   * Returns how the vector cache has done so far.
   *
   * @return the statistics, or empty if the encoder has no cache
   */
  public java.util.Optional<CacheStatistics> cacheStatistics() {
    return cache == null ? java.util.Optional.empty() : java.util.Optional.of(cache.statistics());
  }

  /**
   * How an encoder's vector cache has done.
   *
   * @param capacity the most vectors it holds
   * @param size the vectors it holds now
   * @param hits texts answered from the cache
   * @param misses texts that had to be encoded
   */
  public record CacheStatistics(int capacity, int size, long hits, long misses) {}

  /** Tokenizes all texts, then runs them in batches of similar length, side by side. */
  private void encodeAll(String[] texts, float[] out, int offset) {
    Encoding[] encodings = tokenize(texts);
    // Similar lengths share a batch, so little work is spent on padding; the longest go first so
    // that side-by-side calls finish close together.
    int[] byLength =
        IntStream.range(0, encodings.length)
            .boxed()
            .sorted(Comparator.comparingInt(i -> -encodings[i].getIds().length))
            .mapToInt(Integer::intValue)
            .toArray();
    List<int[]> batches = new ArrayList<>();
    for (int from = 0; from < byLength.length; from += batchSize) {
      batches.add(Arrays.copyOfRange(byLength, from, Math.min(from + batchSize, byLength.length)));
    }
    if (callPool == null || batches.size() == 1) {
      for (int[] batch : batches) {
        encodeBatch(encodings, batch, out, offset);
      }
      return;
    }
    runSideBySide(encodings, batches, out, offset);
  }

  /** Runs the batches on the call pool; each writes its own rows of {@code out}. */
  private void runSideBySide(Encoding[] encodings, List<int[]> batches, float[] out, int offset) {
    List<Future<?>> calls = new ArrayList<>(batches.size());
    try {
      for (int[] batch : batches) {
        calls.add(callPool.submit(() -> encodeBatch(encodings, batch, out, offset)));
      }
      for (Future<?> call : calls) {
        call.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RacrecException(ErrorCode.INFERENCE_FAILED, "interrupted while encoding", e);
    } catch (ExecutionException e) {
      // The call's own exception (a RacrecException with its code) reaches the caller as is.
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new RacrecException(
          ErrorCode.INFERENCE_FAILED, "encoding failed: " + e.getCause(), e.getCause());
    } finally {
      // After a failure or an interrupt, calls not started yet are dropped.
      calls.forEach(call -> call.cancel(false));
    }
  }

  private static ExecutorService callPool(int threads) {
    AtomicInteger created = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        task -> {
          Thread thread = new Thread(task, "racrec-encoder-" + created.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Copies cached vectors and encodes only the texts the cache does not hold. */
  private void encodeThroughCache(String[] texts, float[] out, int offset) {
    int[] missing = new int[texts.length];
    int missed = 0;
    for (int i = 0; i < texts.length; i++) {
      float[] vector = cache.get(texts[i]);
      if (vector != null) {
        System.arraycopy(vector, 0, out, offset + i * dimension, dimension);
      } else {
        missing[missed++] = i;
      }
    }
    if (missed == 0) {
      return;
    }
    String[] toEncode = new String[missed];
    for (int m = 0; m < missed; m++) {
      toEncode[m] = texts[missing[m]];
    }
    float[] encoded = new float[missed * dimension];
    encodeAll(toEncode, encoded, 0);
    for (int m = 0; m < missed; m++) {
      System.arraycopy(encoded, m * dimension, out, offset + missing[m] * dimension, dimension);
      cache.put(toEncode[m], encoded, m * dimension, dimension);
    }
  }

  private Encoding[] tokenize(String[] texts) {
    Encoding[] encodings;
    try {
      encodings = tokenizer.batchEncode(texts);
    } catch (RuntimeException e) {
      throw new RacrecException(
          ErrorCode.INFERENCE_FAILED, "the tokenizer failed: " + e.getMessage(), e);
    }
    for (int i = 0; i < encodings.length; i++) {
      if (encodings[i].getIds().length <= emptyTextTokens) {
        throw new RacrecException(
            ErrorCode.INVALID_INPUT,
            "text "
                + i
                + " has nothing the tokenizer keeps (only control or ignored characters):"
                + " a review needs some words to be encoded");
      }
    }
    return encodings;
  }

  /** Runs one batch (positions {@code rows} of {@code encodings}) and pools into {@code out}. */
  private void encodeBatch(Encoding[] encodings, int[] rows, float[] out, int offset) {
    int seqLen = 0;
    for (int row : rows) {
      seqLen = Math.max(seqLen, encodings[row].getIds().length);
    }
    FloatBuffer hidden = runModel(encodings, rows, seqLen);
    int expected = rows.length * seqLen * dimension;
    if (hidden.remaining() != expected) {
      throw new RacrecException(
          ErrorCode.MODEL_INCOMPATIBLE,
          "the model's output '"
              + signature.output()
              + "' has "
              + hidden.remaining()
              + " values for a batch that needs "
              + expected
              + " (batch "
              + rows.length
              + " x tokens "
              + seqLen
              + " x hidden "
              + dimension
              + ")");
    }
    for (int b = 0; b < rows.length; b++) {
      int tokens = encodings[rows[b]].getIds().length;
      MeanPooling.pool(
          hidden, b, seqLen, dimension, tokens, normalize, out, offset + rows[b] * dimension);
    }
  }

  /** Feeds the batch to the session and returns its token-level output, [rows, seqLen, hidden]. */
  private FloatBuffer runModel(Encoding[] encodings, int[] rows, int seqLen) {
    OrtEnvironment environment = OrtSessions.environment();
    long[] shape = {rows.length, seqLen};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put(
          signature.inputIds().name(),
          tokenTensor(
              environment, signature.inputIds(), encodings, rows, seqLen, Encoding::getIds));
      inputs.put(
          signature.attentionMask().name(),
          tokenTensor(
              environment,
              signature.attentionMask(),
              encodings,
              rows,
              seqLen,
              Encoding::getAttentionMask));
      if (signature.tokenTypeIds().isPresent()) {
        inputs.put(
            signature.tokenTypeIds().get().name(),
            tokenTensor(
                environment,
                signature.tokenTypeIds().get(),
                encodings,
                rows,
                seqLen,
                Encoding::getTypeIds));
      }
      try (OrtSession.Result result = session.session().run(inputs, Set.of(signature.output()))) {
        OnnxValue value = result.get(0);
        if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().getShape().length != 3) {
          throw new RacrecException(
              ErrorCode.MODEL_INCOMPATIBLE,
              "the model's output '" + signature.output() + "' is not a rank-3 float tensor");
        }
        TensorInfo info = tensor.getInfo();
        if (info.getShape()[0] != shape[0] || info.getShape()[1] != shape[1]) {
          throw new RacrecException(
              ErrorCode.MODEL_INCOMPATIBLE,
              "the model's output '"
                  + signature.output()
                  + "' has shape "
                  + Arrays.toString(info.getShape())
                  + " for inputs of shape "
                  + Arrays.toString(shape));
        }
        return tensor.getFloatBuffer();
      }
    } catch (OrtException e) {
      throw new RacrecException(
          ErrorCode.INFERENCE_FAILED,
          "ONNX Runtime failed to run " + model.name() + ": " + e.getMessage(),
          e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /** One [rows, seqLen] integer input in a direct buffer, zero where a row is padding. */
  private static OnnxTensor tokenTensor(
      OrtEnvironment environment,
      ModelSignature.TokenInput input,
      Encoding[] encodings,
      int[] rows,
      int seqLen,
      java.util.function.Function<Encoding, long[]> field)
      throws OrtException {
    long[] shape = {rows.length, seqLen};
    int cells = rows.length * seqLen;
    if (input.int32()) {
      IntBuffer buffer =
          ByteBuffer.allocateDirect(cells * Integer.BYTES)
              .order(ByteOrder.nativeOrder())
              .asIntBuffer();
      for (int b = 0; b < rows.length; b++) {
        long[] values = field.apply(encodings[rows[b]]);
        for (int t = 0; t < values.length; t++) {
          buffer.put(b * seqLen + t, (int) values[t]);
        }
      }
      return OnnxTensor.createTensor(environment, buffer, shape);
    }
    LongBuffer buffer =
        ByteBuffer.allocateDirect(cells * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
    for (int b = 0; b < rows.length; b++) {
      buffer.put(b * seqLen, field.apply(encodings[rows[b]]));
    }
    return OnnxTensor.createTensor(environment, buffer, shape);
  }

  /** For graphs whose hidden size is symbolic: run one short text and read it off the output. */
  private int probeHiddenSize() {
    Encoding[] encodings = tokenize(new String[] {"probe"});
    int seqLen = encodings[0].getIds().length;
    FloatBuffer hidden = runModel(encodings, new int[] {0}, seqLen);
    int size = hidden.remaining() / seqLen;
    if (size < 1) {
      throw new RacrecException(
          ErrorCode.MODEL_INCOMPATIBLE, "the model " + model.name() + " gives empty token vectors");
    }
    return size;
  }

  private void closeQuietly() {
    if (callPool != null) {
      callPool.shutdownNow();
    }
    if (tokenizer != null) {
      tokenizer.close();
    }
    session.close();
  }

  private static int resolveMaxLength(
      Integer requested, byte[] tokenizerJson, TransformerModel model) {
    int limit = model.positionLimit();
    int fromFile =
        TokenizerLoader.truncationLength(tokenizerJson, model.tokenizer().describe()).orElse(limit);
    int maxLength = requested != null ? requested : Math.min(fromFile, limit);
    if (maxLength > limit) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          "maxLength "
              + maxLength
              + " exceeds the "
              + limit
              + " positions of the model "
              + model.name()
              + ": choose at most "
              + limit);
    }
    return maxLength;
  }

  private static OrtSessions.OpenSession openSession(
      TransformerModel model, Builder builder, int intraOpThreads, Fingerprints fingerprints) {
    TransformerModel.Source onnx = model.onnx();
    Path file = onnx.file().orElse(null);
    OrtSessions.SessionCreator creator;
    try {
      if (file != null) {
        try (InputStream in = onnx.open()) {
          fingerprints.add(in);
        }
        creator = (environment, options) -> environment.createSession(file.toString(), options);
      } else {
        byte[] bytes = onnx.readAllBytes();
        fingerprints.add(bytes);
        creator = (environment, options) -> environment.createSession(bytes, options);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new RacrecException(
          ErrorCode.IO_ERROR, "cannot read the ONNX model " + onnx.describe(), e);
    }
    return OrtSessions.open(
        model.name(), creator, builder.device, builder.cudaDeviceId, intraOpThreads);
  }

  /**
   * Configures an {@link OnnxTextEncoder}. Each setter checks its value at once.
   *
   * <p>Thread-safety: not thread-safe; use one builder per thread.
   */
  public static final class Builder {
    private TransformerModel model;
    private Integer maxLength;
    private Integer batchSize;
    private Integer parallelCalls;
    private Boolean normalize;
    private Device device = Device.CPU;
    private int cudaDeviceId;
    private Integer intraOpThreads;
    private int cacheSize;

    private Builder() {}

    /**
     * Sets the model to run. Default: {@link TransformerModel#embeddedMiniLm()}.
     *
     * @param model the model
     * @return this builder
     * @throws NullPointerException if {@code model} is null
     */
    public Builder model(TransformerModel model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Sets the most tokens of a text that count, special tokens included. Default: the truncation
     * length in the model's {@code tokenizer.json} (128 for the embedded MiniLM), or the model's
     * {@linkplain TransformerModel#positionLimit() position limit} if the file sets none. {@link
     * #build()} refuses a value above the position limit.
     *
     * @param maxLength the maximum length in tokens, at least 3 (two special tokens and a word)
     * @return this builder
     * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if {@code maxLength < 3}
     */
    public Builder maxLength(int maxLength) {
      if (maxLength < 3) {
        throw new RacrecException(
            ErrorCode.INVALID_ARGUMENT, "maxLength must be at least 3 tokens, got " + maxLength);
      }
      this.maxLength = maxLength;
      return this;
    }

    /**
     * Sets how many texts run through the model in one call. Default: 1 on the CPU (every text
     * alone: the encoder is then {@linkplain OnnxTextEncoder#batchIndependent()
     * batch-independent}), 32 on CUDA. A larger batch on the CPU pads texts to a shared length and
     * makes a text's last bits depend on its batch.
     *
     * @param batchSize texts per model call, 1 to 4096
     * @return this builder
     * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if out of range
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 4096) {
        throw new RacrecException(
            ErrorCode.INVALID_ARGUMENT, "batchSize must be 1 to 4096, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets how many model calls one encoding request runs side by side, on threads the encoder
     * owns. Default: the JVM's available processors on the CPU, 1 on CUDA. With more than one, the
     * ONNX Runtime threads per call default to 1, so that calls do not compete for cores.
     *
     * @param calls concurrent calls, 1 to 256
     * @return this builder
     * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if out of range
     */
    public Builder parallelCalls(int calls) {
      if (calls < 1 || calls > 256) {
        throw new RacrecException(
            ErrorCode.INVALID_ARGUMENT, "parallelCalls must be 1 to 256, got " + calls);
      }
      this.parallelCalls = calls;
      return this;
    }

    /**
     * Sets whether vectors are scaled to unit length after pooling. Default: {@link
     * TransformerModel#normalizedByDefault()} of the model.
     *
     * @param normalize {@code true} for unit-length vectors
     * @return this builder
     */
    public Builder normalize(boolean normalize) {
      this.normalize = normalize;
      return this;
    }

    /**
     * Sets where the model runs. Default {@link Device#CPU}. If CUDA is asked for but cannot be
     * used, the encoder logs why and runs on the CPU; {@link OnnxTextEncoder#device()} tells.
     *
     * @param device the device
     * @return this builder
     * @throws NullPointerException if {@code device} is null
     */
    public Builder device(Device device) {
      this.device = Objects.requireNonNull(device, "device");
      return this;
    }

    /**
     * Sets which GPU to use when the device is CUDA. Default 0.
     *
     * @param cudaDeviceId the CUDA device number, at least 0
     * @return this builder
     * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if negative
     */
    public Builder cudaDeviceId(int cudaDeviceId) {
      if (cudaDeviceId < 0) {
        throw new RacrecException(
            ErrorCode.INVALID_ARGUMENT, "cudaDeviceId must not be negative, got " + cudaDeviceId);
      }
      this.cudaDeviceId = cudaDeviceId;
      return this;
    }

    /**
     * Sets how many threads ONNX Runtime uses inside one model call. Default: 1 when calls run side
     * by side ({@link #parallelCalls(int)} above 1, the CPU default), else ONNX Runtime's choice,
     * one per physical core.
     *
     * @param threads threads per call, 0 for ONNX Runtime's choice
     * @return this builder
     * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if negative
     */
    public Builder intraOpThreads(int threads) {
      if (threads < 0) {
        throw new RacrecException(
            ErrorCode.INVALID_ARGUMENT, "intraOpThreads must not be negative, got " + threads);
      }
      this.intraOpThreads = threads;
      return this;
    }

    /**
     * Sets how many text vectors the encoder keeps for texts it sees again. Default 0: no cache.
     * When the cache is full, Caffeine's size-based eviction drops the texts least likely to be
     * asked for again, by how often and how recently they were (not strictly the least recently
     * used). Each entry costs the vector plus about 150 bytes, so 100,000 MiniLM vectors take about
     * 170 MB. A cached vector is the one computed the first time; with a batch size above 1 it may
     * differ in the last bits from encoding the text again in another batch (cosine ≥ 0.99999).
     *
     * @param entries the most vectors kept, 0 for none
     * @return this builder
     * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if negative
     */
    public Builder cacheSize(int entries) {
      if (entries < 0) {
        throw new RacrecException(
            ErrorCode.INVALID_ARGUMENT, "cacheSize must not be negative, got " + entries);
      }
      this.cacheSize = entries;
      return this;
    }

    /**
     * Loads the model and tokenizer and returns the encoder.
     *
     * @return a new encoder, which the caller closes
     * @throws RacrecException with {@link ErrorCode#MODEL_NOT_FOUND}, {@link
     *     ErrorCode#MODEL_INVALID} or {@link ErrorCode#MODEL_INCOMPATIBLE} if the model cannot be
     *     used, or with {@link ErrorCode#INVALID_ARGUMENT} if the maximum length exceeds its
     *     position limit
     */
    public OnnxTextEncoder build() {
      return new OnnxTextEncoder(this, model != null ? model : TransformerModel.embeddedMiniLm());
    }
  }
}
