package io.github.racrec.benchmarks.scan;

import io.github.racrec.onnx.catalog.ElementType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * The memory floor of a scan: the time to read the catalog's vector bytes once, with nothing else
 * to do (a vectorised sum over the same bytes, copied from the same file onto the heap), split over
 * the same number of threads. No scan of those bytes can be faster.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms14g", "-Xmx14g"})
public class StreamingReadBenchmark {
  private static final VectorSpecies<Integer> S = IntVector.SPECIES_PREFERRED;

  @Param({"70500", "1000000"})
  int items;

  @Param({"64", "384", "768"})
  int dim;

  @Param({"FLOAT32", "BFLOAT16", "INT8"})
  ElementType type;

  @Param({"1", "2"})
  int threads;

  private int[][] parts;
  private ExecutorService second;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path file = SyntheticCatalogs.file(items, dim, type);
    long bytes = (long) items * dim * type.bytesPerComponent();
    parts = new int[threads][];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long start = 256; // the vectors follow the catalog header
      for (int t = 0; t < threads; t++) {
        long from = bytes * t / threads & ~63L;
        long to = t + 1 == threads ? bytes : bytes * (t + 1) / threads & ~63L;
        parts[t] = new int[(int) ((to - from) / 4)];
        for (long done = 0; done < to - from; done += 1 << 28) {
          long length = Math.min(1 << 28, to - from - done);
          ByteBuffer mapped =
              channel
                  .map(FileChannel.MapMode.READ_ONLY, start + from + done, length)
                  .order(ByteOrder.LITTLE_ENDIAN);
          mapped.asIntBuffer().get(parts[t], (int) (done / 4), (int) (length / 4));
        }
      }
    }
    second = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (second != null) {
      second.shutdown();
    }
  }

  @Benchmark
  public int read() throws Exception {
    if (second == null) {
      return sum(parts[0]);
    }
    Future<Integer>[] others = new Future[threads - 1];
    for (int t = 1; t < threads; t++) {
      int[] part = parts[t];
      others[t - 1] = second.submit(() -> sum(part));
    }
    int total = sum(parts[0]);
    for (Future<Integer> other : others) {
      total += other.get();
    }
    return total;
  }

  private static int sum(int[] values) {
    IntVector a0 = IntVector.zero(S);
    IntVector a1 = IntVector.zero(S);
    IntVector a2 = IntVector.zero(S);
    IntVector a3 = IntVector.zero(S);
    int l = S.length();
    int i = 0;
    for (; i + 4 * l <= values.length; i += 4 * l) {
      a0 = a0.add(IntVector.fromArray(S, values, i));
      a1 = a1.add(IntVector.fromArray(S, values, i + l));
      a2 = a2.add(IntVector.fromArray(S, values, i + 2 * l));
      a3 = a3.add(IntVector.fromArray(S, values, i + 3 * l));
    }
    int total = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    for (; i < values.length; i++) {
      total += values[i];
    }
    return total;
  }
}
