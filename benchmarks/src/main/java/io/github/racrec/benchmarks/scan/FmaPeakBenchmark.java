package io.github.racrec.benchmarks.scan;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The compute floor: fused multiply-adds per second with the widest vectors, on registers only
 * (twelve independent chains, enough to cover the FMA latency). One operation is {@link #STEPS}
 * steps of twelve vector FMAs: flops per operation = 2 x 12 x lanes x STEPS.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FmaPeakBenchmark {
  /** Steps per operation. */
  public static final int STEPS = 100_000;

  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  /** Lanes of the widest float vector here. */
  public static int lanes() {
    return F.length();
  }

  private final float[] seed = new float[F.length()];

  @Benchmark
  @Threads(1)
  public float oneThread() {
    return fmas();
  }

  @Benchmark
  @Threads(2)
  public float twoThreads() {
    return fmas();
  }

  private float fmas() {
    FloatVector x = FloatVector.fromArray(F, seed, 0).add(0.999f);
    FloatVector y = FloatVector.broadcast(F, 1e-7f);
    FloatVector c0 = x;
    FloatVector c1 = x.add(1);
    FloatVector c2 = x.add(2);
    FloatVector c3 = x.add(3);
    FloatVector c4 = x.add(4);
    FloatVector c5 = x.add(5);
    FloatVector c6 = x.add(6);
    FloatVector c7 = x.add(7);
    FloatVector c8 = x.add(8);
    FloatVector c9 = x.add(9);
    FloatVector c10 = x.add(10);
    FloatVector c11 = x.add(11);
    for (int i = 0; i < STEPS; i++) {
      c0 = c0.fma(x, y);
      c1 = c1.fma(x, y);
      c2 = c2.fma(x, y);
      c3 = c3.fma(x, y);
      c4 = c4.fma(x, y);
      c5 = c5.fma(x, y);
      c6 = c6.fma(x, y);
      c7 = c7.fma(x, y);
      c8 = c8.fma(x, y);
      c9 = c9.fma(x, y);
      c10 = c10.fma(x, y);
      c11 = c11.fma(x, y);
    }
    return c0.add(c1)
        .add(c2)
        .add(c3)
        .add(c4)
        .add(c5)
        .add(c6.add(c7).add(c8).add(c9))
        .add(c10.add(c11))
        .reduceLanes(VectorOperators.ADD);
  }
}
