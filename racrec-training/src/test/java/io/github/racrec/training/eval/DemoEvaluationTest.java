package io.github.racrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ProgressListener;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import io.github.racrec.training.demo.DemoTruth;
import io.github.racrec.training.eval.EvalResult.ModelResult;
import io.github.racrec.training.eval.Evaluator.Candidate;
import io.github.racrec.training.eval.models.ContentModel;
import io.github.racrec.training.eval.models.EmcdrModel;
import io.github.racrec.training.eval.models.GlobalMeanModel;
import io.github.racrec.training.eval.models.OracleModel;
import io.github.racrec.training.eval.models.PopularityModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The baselines on the demo data with its cross-domain link and on its control twin without one,
 * with the real MiniLM encoder. Transfer shows as the gap between a model given the user's own
 * source reviews and the same model given another user's.
 */
class DemoEvaluationTest {
  private static final List<Long> SEEDS = List.of(1L, 2L, 3L);
  private static final Evaluator.Settings SETTINGS = new Evaluator.Settings(10, 10, 500);

  @TempDir static Path dir;
  static OnnxTextEncoder encoder;
  static ReviewVectors vectors;

  @BeforeAll
  static void open() {
    encoder = OnnxTextEncoder.builder().build();
    // Kept in target/ so that a second build in the same checkout (CI's JDK 25 run) reuses it.
    vectors = new ReviewVectors(encoder, Optional.of(Path.of("target", "demo-eval-vectors.bin")));
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  private static List<EvalResult> evaluate(DemoConfig config, List<Protocol> protocols) {
    DemoData data = DemoGenerator.generate(config, dir.resolve(config.name()));
    CrossDomainDataset dataset =
        CrossDomainAssembler.assemble(
            List.of(data.movieReviewFile()),
            List.of(data.musicReviewFile()),
            AssemblyConfig.anyOverlap());
    DemoTruth truth = DemoTruth.read(data.folder());
    List<Candidate> candidates =
        List.of(
            new Candidate("global mean", GlobalMeanModel::new),
            new Candidate("popularity", PopularityModel::new),
            new Candidate("content", ContentModel::new, true),
            new Candidate("emcdr", EmcdrModel::new, true),
            new Candidate("oracle", () -> new OracleModel(truth)));
    return protocols.stream()
        .map(
            p ->
                Evaluator.evaluate(
                    dataset, p, SEEDS, vectors, candidates, SETTINGS, ProgressListener.none()))
        .toList();
  }

  @Test
  void linked_crossDomainModelsTransferAndTheOracleLeads() {
    EvalResult b = evaluate(DemoConfig.defaults(), List.of(Protocol.b())).get(0);
    for (String model : List.of("content", "emcdr")) {
      Estimate own = b.model(model).get(Metric.HR_SAMPLED);
      Estimate other = b.model(model + ", shuffled source").get(Metric.HR_SAMPLED);
      assertTrue(
          own.value() > other.value() && own.separatedFrom(other),
          model + ": " + own + " vs " + other);
    }
    Estimate oracle = b.model("oracle").get(Metric.HR_SAMPLED);
    for (ModelResult model : b.models()) {
      if (!model.model().equals("oracle")) {
        Estimate e = model.get(Metric.HR_SAMPLED);
        assertTrue(oracle.separatedFrom(e) && oracle.value() > e.value(), model.model() + ": " + e);
      }
    }
  }

  @Test
  void control_noModelTransfersAndContentIsAtChance() {
    List<EvalResult> results =
        evaluate(DemoConfig.defaults().control(), List.of(Protocol.b(), Protocol.original()));
    EvalResult b = results.get(0);
    for (Metric metric : List.of(Metric.HR_SAMPLED, Metric.NDCG_SAMPLED)) {
      double random = b.randomRates().get(metric);
      assertTrue(b.model("content").get(metric).covers(random), metric + " " + b.model("content"));
      assertEquals(random, b.model("global mean").get(metric).value(), 1e-9);
    }
    for (String model : List.of("content", "emcdr")) {
      Estimate own = b.model(model).get(Metric.HR_SAMPLED);
      Estimate other = b.model(model + ", shuffled source").get(Metric.HR_SAMPLED);
      assertTrue(!own.separatedFrom(other), model + ": " + own + " vs " + other);
    }
    assertTrue(results.get(1).model("content").get(Metric.AUC).covers(0.5));
  }
}
