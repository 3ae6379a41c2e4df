package io.github.racrec.benchmarks.scan;

import io.github.racrec.onnx.catalog.ElementType;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.onnx.catalog.ScanSettings;
import java.io.IOException;
import java.util.Set;
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
 * One exact top-10 search (or a batch of 64) over a catalog of random unit vectors, in milliseconds
 * per operation. The vectors are on the heap (the forks get a 14 GB heap so that even 1,000,000 x
 * 768 float32 fits); {@link StreamingReadBenchmark} reads the same bytes as the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms14g", "-Xmx14g"})
public class CatalogScanBenchmark {
  @Param({"70500", "1000000"})
  int items;

  @Param({"64", "384", "768"})
  int dim;

  @Param({"FLOAT32", "BFLOAT16", "INT8"})
  ElementType type;

  @Param({"1", "64"})
  int batch;

  @Param({"1", "2"})
  int threads;

  @Param({"VECTOR_API"})
  ScanSettings.Kernel kernel;

  private ExactCatalogIndex index;
  private float[][] queries;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    index =
        ExactCatalogIndex.open(
            SyntheticCatalogs.file(items, dim, type),
            new ScanSettings(threads, ScanSettings.Residency.HEAP, kernel));
    queries = SyntheticCatalogs.queries(batch, dim, 99);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    index.close();
  }

  @Benchmark
  public Object search() {
    return batch == 1 ? index.search(queries[0], 10, Set.of()) : index.searchBatch(queries, 10);
  }
}
