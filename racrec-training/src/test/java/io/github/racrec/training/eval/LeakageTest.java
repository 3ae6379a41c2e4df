package io.github.racrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.TinyBertModel;
import io.github.racrec.onnx.TransformerModel;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DomainReviews;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import io.github.racrec.training.eval.Evaluator.Candidate;
import io.github.racrec.training.eval.models.ContentModel;
import io.github.racrec.training.eval.models.EmcdrModel;
import io.github.racrec.training.eval.models.GlobalMeanModel;
import io.github.racrec.training.eval.models.ItemMeanModel;
import io.github.racrec.training.eval.models.PopularityModel;
import io.github.racrec.training.racrec.RacRecConfig;
import io.github.racrec.training.racrec.RacRecVariants;
import io.github.racrec.training.racrec.RacRecVariants.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leak-free by construction: for every protocol, everything models see (item vectors, statistics,
 * training users, test users' source side), the catalog file, every model's output and every
 * reported metric are bit-identical whether the hidden reviews are in the input files or were
 * deleted from them; and the same comparison catches a leak planted on purpose. The models are the
 * baselines and every RACRec variant of the ablation (trained for two epochs: the check is that the
 * same inputs give the same training, not that the training is good).
 */
class LeakageTest {
  private static final long SEED = 11;
  private static final List<Protocol> PROTOCOLS =
      List.of(Protocol.a(0.2), Protocol.a(0.5), Protocol.a(0.8), Protocol.b(), Protocol.original());
  private static final List<Candidate> BASELINES =
      List.of(
          new Candidate("global mean", GlobalMeanModel::new),
          new Candidate("item mean", ItemMeanModel::new),
          new Candidate("popularity", PopularityModel::new),
          new Candidate("content", ContentModel::new, true),
          new Candidate("emcdr", EmcdrModel::new, true));

  @TempDir static Path dir;
  static OnnxTextEncoder encoder;
  static DemoData demo;
  static CrossDomainDataset full;
  static ReviewVectors fullVectors;
  static ReviewVectors deletedVectors;
  static LeakageCheck check;

  @BeforeAll
  static void prepare() throws IOException {
    Path model = new TinyBertModel(32, 512, false, 9).writeFolder(dir.resolve("model"));
    encoder =
        OnnxTextEncoder.builder().model(TransformerModel.fromFolder(model)).batchSize(1).build();
    demo = DemoGenerator.generate(DemoConfig.defaults().scaled(120, 40, 60), dir.resolve("demo"));
    full = assemble(demo.musicReviewFile(), Set.of());
    fullVectors = new ReviewVectors(encoder, Optional.empty());
    deletedVectors = new ReviewVectors(encoder, Optional.empty());
    check = new LeakageCheck(dir, encoder.fingerprint(), new Evaluator.Settings(10, 10, 200));
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  /**
   * One protocol's split built twice: from the files, and from the files without the test users'
   * target reviews.
   */
  private record Builds(
      Split split, CrossDomainDataset deleted, EvalData withHidden, EvalData withoutHidden) {}

  private static Builds builds(Protocol protocol) throws IOException {
    Split split = Split.draw(full, protocol.testFraction(), protocol.validationFraction(), SEED);
    Set<String> testUsers = Set.copyOf(split.testUsers());
    // The evaluator knows its test users: their source reviews are kept though they now have no
    // target reviews left in the files.
    CrossDomainDataset deleted =
        assemble(withoutUsers(demo.musicReviewFile(), testUsers, protocol), testUsers);
    assertTrue(deleted.target().size() < full.target().size(), "some reviews were deleted");
    return new Builds(
        split,
        deleted,
        EvalData.build(full, split, fullVectors, 10, ProgressListener.none()),
        EvalData.build(deleted, split, deletedVectors, 10, ProgressListener.none()));
  }

  @Test
  void everyProtocol_hiddenReviewsPresentOrDeleted_bitIdenticalInputsCatalogsAndMetrics()
      throws IOException {
    for (Protocol protocol : PROTOCOLS) {
      Builds builds = builds(protocol);
      float[][] items = builds.withHidden().training().catalog().vectors();
      assertTrue(
          !Arrays.equals(items[0], items[1]),
          "item vectors differ from each other, so a leaked review would show");

      assertEquals(
          List.of(),
          check.inputDifferences(builds.withHidden(), builds.withoutHidden(), protocol.name()),
          protocol.name());
      assertEquals(
          List.of(),
          check.outputDifferences(
              builds.withHidden(), builds.withoutHidden(), protocol, SEED, BASELINES),
          protocol.name());
    }
  }

  @Test
  void everyRacRecVariant_hiddenReviewsPresentOrDeleted_bitIdenticalMetrics() throws IOException {
    // Each variant under one protocol, the protocols taken in turn: every variant and every
    // protocol is covered at the cost of training each variant twice (the inputs are compared
    // under every protocol above).
    // Bit-identity across the two copies needs reproducible training (see TrainingEngine and
    // TorchArrays: one PyTorch thread, aligned inputs); before both, "RACRec, all corrections
    // (original settings)" failed here about once in 12 runs. Long evaluation runs still show a
    // rare last-bit residue (README, "Reproducible"): should this fail, that is where to look; do
    // not loosen the check.
    List<Candidate> variants = racRecVariants();
    for (int p = 0; p < PROTOCOLS.size(); p++) {
      Protocol protocol = PROTOCOLS.get(p);
      List<Candidate> candidates = new ArrayList<>();
      for (int v = p; v < variants.size(); v += PROTOCOLS.size()) {
        candidates.add(variants.get(v));
      }
      Builds builds = builds(protocol);
      assertEquals(
          List.of(),
          check.outputDifferences(
              builds.withHidden(), builds.withoutHidden(), protocol, SEED, candidates),
          protocol.name() + ", " + candidates.stream().map(Candidate::name).toList());
    }
  }

  @Test
  void plantedLeak_testUsersReviewsInItemVectors_checkReportsTheDifferences() throws IOException {
    Builds builds = builds(Protocol.b());
    EvalData leakyWithHidden =
        withTestUsersInItemVectors(builds.withHidden(), full, builds.split());
    EvalData leakyWithoutHidden =
        withTestUsersInItemVectors(builds.withoutHidden(), builds.deleted(), builds.split());
    // Where the test users' reviews were deleted, the planted leak has nothing to add.
    assertEquals(
        List.of(),
        check.inputDifferences(builds.withoutHidden(), leakyWithoutHidden, "planted-control"));

    List<String> inputs =
        check.inputDifferences(leakyWithHidden, leakyWithoutHidden, "planted-leak");
    List<String> outputs =
        check.outputDifferences(leakyWithHidden, leakyWithoutHidden, Protocol.b(), SEED, BASELINES);

    assertEquals(List.of("catalog item vectors", "catalog file bytes"), inputs);
    assertTrue(
        outputs.stream().anyMatch(d -> d.startsWith("metrics of content [")), outputs.toString());
    assertTrue(outputs.contains("report"), outputs.toString());
  }

  /** Each evaluated RACRec variant, as {@code racrec eval} builds its candidates. */
  private static List<Candidate> racRecVariants() {
    List<Candidate> candidates = new ArrayList<>();
    for (Variant variant : RacRecVariants.all().values()) {
      Variant brief = variant.withConfig(shortTraining(variant.config()));
      candidates.add(brief.candidate(encoder.fingerprint(), true));
    }
    return candidates;
  }

  /** The only place this test configures RACRec: a variant's settings with a short training. */
  private static RacRecConfig shortTraining(RacRecConfig variant) {
    return variant.withEpochs(2);
  }

  /**
   * Plants a leak: rebuilds the catalog's item vectors from the visible reviews plus the test
   * users' target reviews, as a build that forgot to hide them would.
   */
  private static EvalData withTestUsersInItemVectors(
      EvalData clean, CrossDomainDataset data, Split split) {
    DomainReviews target = data.target();
    Set<String> validationUsers = Set.copyOf(split.validationUsers());
    ReviewVectors vectors = new ReviewVectors(encoder, Optional.empty());
    ReviewWindow window = new ReviewWindow(vectors, clean.training().reviewWindow());
    TrainingData.Catalog catalog = clean.training().catalog();
    List<List<Integer>> reviewsByItem = new ArrayList<>();
    Set<String> texts = new LinkedHashSet<>();
    for (String id : catalog.itemIds()) {
      List<Integer> reviews = new ArrayList<>();
      for (int r : target.reviewsOfItem(data.targetItems().indexOf(id))) {
        if (!validationUsers.contains(data.users().id(target.user(r)))) {
          reviews.add(r);
        }
      }
      List<Integer> counted = window.newestWithText(target, reviews);
      counted.forEach(r -> texts.add(target.text(r)));
      reviewsByItem.add(counted);
    }
    vectors.encodeAll(texts, ProgressListener.none());
    float[][] itemVectors = new float[catalog.size()][];
    for (int i = 0; i < itemVectors.length; i++) {
      itemVectors[i] = window.mean(target, reviewsByItem.get(i));
    }
    // Only the vectors change, so that the check's report names nothing else.
    TrainingData.Catalog leaky =
        new TrainingData.Catalog(
            catalog.itemIds(),
            itemVectors,
            catalog.reviewCounts(),
            catalog.ratingSums(),
            catalog.vectorReviewCounts());
    TrainingData training = clean.training();
    return EvalData.of(
        new TrainingData(
            leaky,
            training.globalMean(),
            training.trainUsers(),
            training.validationUsers(),
            training.reviewWindow()),
        clean.testUsers());
  }

  private static CrossDomainDataset assemble(Path music, Set<String> testUsers) {
    return CrossDomainAssembler.assemble(
        List.of(demo.movieReviewFile()), List.of(music), AssemblyConfig.anyOverlap(), testUsers);
  }

  /** The music file without the lines of the given users. */
  private static Path withoutUsers(Path music, Set<String> users, Protocol protocol)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> kept = new ArrayList<>();
    for (String line : Files.readAllLines(music)) {
      if (!users.contains(json.readTree(line).get("user_id").asText())) {
        kept.add(line);
      }
    }
    return Files.write(
        dir.resolve("music-without-hidden-" + protocol.testFraction() + ".jsonl"), kept);
  }
}
