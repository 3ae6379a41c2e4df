package io.github.racrec.benchmarks.encode;

import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Review;
import io.github.racrec.api.ScoredItem;
import io.github.racrec.benchmarks.scan.SyntheticCatalogs;
import io.github.racrec.onnx.ItemTermBlend;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.UserTaste;
import io.github.racrec.onnx.catalog.CatalogWriter;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * {@code recommend()} end to end for a cold-start user with {@value #REVIEWS} reviews of exactly
 * {@code tokens} tokens, against a RACRec catalog of {@value #ITEMS} items, and its three parts
 * measured alone: encoding the reviews, the user tower, the catalog scan. Sample-time mode, so JMH
 * reports p50 and p99.
 *
 * <p>The model is the quickstart's trained RACRec model ({@code racrec-work/model}, or the folder
 * in {@code -Dracrec.model}); run the README's first command once before. Its catalog of the demo's
 * few hundred items is replaced by {@value #ITEMS} items: the model's item tower applied to random
 * unit vectors in the encoder's space (scan cost depends on the count, not on what the items are).
 * The encoder reads 128 tokens, as the model was trained: 256-token reviews are cut to 128.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class RecommendLatencyBenchmark {
  /** Reviews of the cold-start user. */
  public static final int REVIEWS = 10;

  /** Items in the catalog, as in the original project's Digital_Music catalog. */
  public static final int ITEMS = 70_500;

  @Param({"32", "128", "256"})
  int tokens;

  private OnnxTextEncoder encoder;
  private RacRecTowers towers;
  private ExactCatalogIndex catalog;
  private RacRecRecommender recommender;
  private List<Review> reviews;
  private List<String> texts;
  private float[][] reviewVectors;
  private float[] taste;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path model = Path.of(System.getProperty("racrec.model", "racrec-work/model"));
    if (!Files.isDirectory(model)) {
      throw new IllegalStateException(
          "no RACRec model at "
              + model.toAbsolutePath()
              + ": run the quickstart first (README), or set -Dracrec.model=<folder>");
    }
    encoder = OnnxTextEncoder.builder().build();
    towers = RacRecTowers.open(model);
    catalog = ExactCatalogIndex.open(catalogFor(towers, encoder.dimension()));
    recommender = RacRecRecommender.create(encoder, towers, catalog);
    texts = TokenTexts.generate(REVIEWS, tokens, 5);
    reviews = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      reviews.add(Review.of(texts.get(i), 4.0, Instant.ofEpochSecond(1_600_000_000L + i)));
    }
    reviewVectors = encoder.encode(texts);
    taste = towers.userTaste(reviewVectors).taste();
    if (towers.manifest().blendsItemTerms()) {
      // The scan of a model with item terms takes its blended query (see ItemTermBlend).
      taste = towers.manifest().itemTerms().query(taste);
    }
  }

  /**
   * The model's item tower over {@value #ITEMS} random unit vectors, cached per model; a selection
   * model with item terms gets made-up item means and review counts.
   */
  private static Path catalogFor(RacRecTowers towers, int inputDim) throws IOException {
    Path file =
        SyntheticCatalogs.folder()
            .resolve(
                "racrec-" + ITEMS + "-" + towers.modelFingerprint().substring(0, 16) + ".rcat");
    if (Files.isRegularFile(file)) {
      return file;
    }
    float[][] means = new float[1000][inputDim];
    try (CatalogWriter writer =
        CatalogWriter.create(
            file, towers.manifest().catalogDimension(), towers.modelFingerprint())) {
      for (int from = 0; from < ITEMS; from += means.length) {
        int count = Math.min(means.length, ITEMS - from);
        for (int i = 0; i < count; i++) {
          SyntheticCatalogs.row(from + i, means[i]);
        }
        float[][] items = towers.itemVectors(count == means.length ? means : slice(means, count));
        for (int i = 0; i < count; i++) {
          float[] vector = items[i];
          ItemTermBlend blend = towers.manifest().itemTerms();
          if (blend != null) {
            int reviews = (from + i) % 100;
            float[] terms = blend.catalogTerms(4.0 * reviews, reviews);
            vector = Arrays.copyOf(vector, vector.length + terms.length);
            System.arraycopy(terms, 0, vector, items[i].length, terms.length);
          }
          writer.add("item-" + (from + i), "Item " + (from + i), vector);
        }
      }
      writer.commit();
    }
    return file;
  }

  private static float[][] slice(float[][] rows, int count) {
    float[][] part = new float[count][];
    System.arraycopy(rows, 0, part, 0, count);
    return part;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    recommender.close();
    catalog.close();
    towers.close();
    encoder.close();
  }

  @Benchmark
  public List<Recommendation> recommend() {
    return recommender.recommend(reviews, 10, Set.of());
  }

  @Benchmark
  public float[][] encode() {
    return encoder.encode(texts);
  }

  @Benchmark
  public UserTaste userTower() {
    return towers.userTaste(reviewVectors);
  }

  @Benchmark
  public List<ScoredItem> scan() {
    return catalog.search(taste, 10, Set.of());
  }
}
