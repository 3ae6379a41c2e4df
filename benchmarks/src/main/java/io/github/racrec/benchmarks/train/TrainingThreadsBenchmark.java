package io.github.racrec.benchmarks.train;

import io.github.racrec.api.ProgressListener;
import io.github.racrec.training.eval.EvalData.OwnReviews;
import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.racrec.RacRecConfig;
import io.github.racrec.training.racrec.RacRecTrainer;
import io.github.racrec.training.racrec.TrainedRacRec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What reproducible training costs: the default RACRec trained for {@link #EPOCHS} epochs on data
 * of demo-v1's training split size (432 training and 48 validation users, 200 items, 1,400 ratings,
 * 384-d vectors; random vectors, since only the arithmetic's cost is measured), with PyTorch on one
 * intra-op thread (racrec's default, bit-reproducible) and on two (one per core here, PyTorch's
 * default). Each benchmark runs in its own forks, since the thread count is fixed when the engine
 * starts.
 *
 * <pre>{@code
 * java -jar benchmarks/target/racrec-benchmarks.jar TrainingThreadsBenchmark -rf json -rff out.json
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class TrainingThreadsBenchmark {
  static final int EPOCHS = 10;
  static final int DIM = 384;

  private TrainingData data;
  private RacRecConfig config;

  /** Builds the data and the configuration once per fork. */
  @Setup
  public void prepare() {
    Random random = new Random(1);
    data =
        new TrainingData(
            catalog(random, 200),
            3.9,
            users(random, "t", 432, 200, 3),
            users(random, "v", 48, 200, 3),
            10);
    config = RacRecConfig.corrected().toBuilder().epochs(EPOCHS).patience(EPOCHS).seed(7).build();
  }

  /** One intra-op thread: racrec's default, the same weights on every run. */
  @Benchmark
  @Fork(
      value = 2,
      jvmArgsAppend = {"-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"})
  public TrainedRacRec oneThread() {
    return train();
  }

  /** Two intra-op threads: faster where operations are large enough, not reproducible. */
  @Benchmark
  @Fork(
      value = 2,
      jvmArgsAppend = {"-Dai.djl.pytorch.num_threads=2", "-Dai.djl.pytorch.num_interop_threads=2"})
  public TrainedRacRec twoThreads() {
    return train();
  }

  private TrainedRacRec train() {
    return RacRecTrainer.train(data, config, ProgressListener.none(), Optional.empty());
  }

  private static TrainingData.Catalog catalog(Random random, int items) {
    List<String> ids = new ArrayList<>();
    float[][] vectors = new float[items][];
    int[] counts = new int[items];
    double[] sums = new double[items];
    for (int i = 0; i < items; i++) {
      ids.add(String.format("i%04d", i));
      vectors[i] = gaussian(random);
      counts[i] = 7;
      sums[i] = 7 * 3.9;
    }
    return new TrainingData.Catalog(ids, vectors, counts, sums, counts.clone());
  }

  private static List<TrainUser> users(
      Random random, String prefix, int count, int items, int ratingsEach) {
    List<TrainUser> users = new ArrayList<>();
    for (int u = 0; u < count; u++) {
      int[] rated = new int[ratingsEach];
      float[] stars = new float[ratingsEach];
      for (int k = 0; k < ratingsEach; k++) {
        rated[k] = random.nextInt(items);
        stars[k] = 1 + random.nextInt(5);
      }
      float[] source = gaussian(random);
      UserProfile profile =
          new UserProfile(
              String.format("%s%04d", prefix, u), new float[][] {source}, new float[] {4}, source);
      users.add(
          new TrainUser(profile, gaussian(random), rated, stars, OwnReviews.none(ratingsEach)));
    }
    return users;
  }

  private static float[] gaussian(Random random) {
    float[] vector = new float[DIM];
    for (int j = 0; j < DIM; j++) {
      vector[j] = (float) (random.nextGaussian() / Math.sqrt(DIM));
    }
    return vector;
  }
}
