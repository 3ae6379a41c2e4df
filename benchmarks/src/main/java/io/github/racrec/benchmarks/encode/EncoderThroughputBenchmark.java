package io.github.racrec.benchmarks.encode;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.github.racrec.onnx.TransformerModel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoder throughput: one operation encodes the same {@value #TEXTS} texts of exactly {@code
 * tokens} tokens, {@code batch} per call, so texts/s = ops/s × {@value #TEXTS} for every engine.
 * Engines: racrec's encoder on the float32 and the int8 MiniLM, a hand-written raw ONNX Runtime
 * session, and LangChain4j's in-process models (float32 and int8).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(1)
public class EncoderThroughputBenchmark {
  /** Texts per operation. */
  public static final int TEXTS = 32;

  @Param({"racrec", "racrec-int8", "raw-ort", "langchain4j", "langchain4j-int8"})
  String engine;

  @Param({"32", "128", "256"})
  int tokens;

  @Param({"1", "32"})
  int batch;

  private TextEngine running;
  private List<String> texts;

  @Setup(Level.Trial)
  public void setUp() {
    int maxLength = Math.max(128, tokens);
    running =
        switch (engine) {
          case "racrec" -> new RacrecEngine(TransformerModel.embeddedMiniLm(), maxLength);
          case "racrec-int8" ->
              new RacrecEngine(TransformerModel.embeddedMiniLmQuantized(), maxLength);
          case "raw-ort" -> new RawOrtEngine(maxLength);
          case "langchain4j" -> new LangChain4jEngine(new AllMiniLmL6V2EmbeddingModel());
          case "langchain4j-int8" ->
              new LangChain4jEngine(new AllMiniLmL6V2QuantizedEmbeddingModel());
          default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    texts = TokenTexts.generate(TEXTS, tokens, 11);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    running.close();
  }

  @Benchmark
  public float[][] encode() {
    return running.encode(texts, batch);
  }
}
