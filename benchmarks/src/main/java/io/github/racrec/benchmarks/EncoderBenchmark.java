package io.github.racrec.benchmarks;

import io.github.racrec.onnx.OnnxTextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * Texts per second through the embedded MiniLM encoder, by batch size and text length. One
 * operation encodes {@code batch} texts; divide the score by nothing, multiply ops/s by {@code
 * batch} for texts/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class EncoderBenchmark {
  /** Approximate words per text: about 1.3 tokens per word for English reviews. */
  @Param({"24", "96"})
  int words;

  @Param({"1", "32"})
  int batch;

  private OnnxTextEncoder encoder;
  private List<String> texts;

  @Setup(Level.Trial)
  public void setUp() {
    encoder = OnnxTextEncoder.builder().build();
    texts = ReviewTexts.generate(batch, words, new Random(11));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    encoder.close();
  }

  @Benchmark
  public float[][] encode() {
    return encoder.encode(texts);
  }

  /** Deterministic review-like texts of a given length. */
  static final class ReviewTexts {
    private static final String[] WORDS =
        ("the a film movie soundtrack music album song great terrible quiet loud beautiful story"
                + " actors plot pacing guitar piano strings voice lyrics chorus scene ending"
                + " loved hated boring moving funny dark bright slow fast best worst and but"
                + " with of in on for it was is very really not quite")
            .split(" ");

    private ReviewTexts() {}

    static List<String> generate(int count, int words, Random random) {
      List<String> texts = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
          text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        texts.add(text.append('.').toString());
      }
      return texts;
    }
  }
}
