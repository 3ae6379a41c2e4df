package io.github.racrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.TinyBertModel;
import io.github.racrec.onnx.TransformerModel;
import io.github.racrec.onnx.catalog.CatalogWriter;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.Evaluator.Candidate;
import io.github.racrec.training.eval.models.ContentModel;
import io.github.racrec.training.eval.models.EmcdrModel;
import io.github.racrec.training.eval.models.GlobalMeanModel;
import io.github.racrec.training.eval.models.ItemMeanModel;
import io.github.racrec.training.eval.models.PopularityModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * deleted from them.
 */
class LeakageTest {
  private static final List<Candidate> MODELS =
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

  @BeforeAll
  static void prepare() throws IOException {
    Path model = new TinyBertModel(32, 512, false, 9).writeFolder(dir.resolve("model"));
    encoder =
        OnnxTextEncoder.builder().model(TransformerModel.fromFolder(model)).batchSize(1).build();
    demo = DemoGenerator.generate(DemoConfig.defaults().scaled(120, 40, 60), dir.resolve("demo"));
    full = assemble(demo.musicReviewFile(), Set.of());
    fullVectors = new ReviewVectors(encoder, Optional.empty());
    deletedVectors = new ReviewVectors(encoder, Optional.empty());
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  private static CrossDomainDataset assemble(Path music, Set<String> testUsers) {
    return CrossDomainAssembler.assemble(
        List.of(demo.movieReviewFile()), List.of(music), AssemblyConfig.anyOverlap(), testUsers);
  }

  @Test
  void everyProtocol_hiddenReviewsPresentOrDeleted_bitIdenticalInputsCatalogsAndMetrics()
      throws IOException {
    for (Protocol protocol :
        List.of(
            Protocol.a(0.2), Protocol.a(0.5), Protocol.a(0.8), Protocol.b(), Protocol.original())) {
      Split split = Split.draw(full, protocol.testFraction(), protocol.validationFraction(), 11);
      Set<String> testUsers = Set.copyOf(split.testUsers());
      // The evaluator knows its test users: their source reviews are kept though they now have
      // no target reviews left in the files.
      CrossDomainDataset deleted =
          assemble(withoutUsers(demo.musicReviewFile(), testUsers, protocol), testUsers);
      assertTrue(deleted.target().size() < full.target().size(), "some reviews were deleted");

      EvalData withHidden = EvalData.build(full, split, fullVectors, 10, ProgressListener.none());
      EvalData withoutHidden =
          EvalData.build(deleted, split, deletedVectors, 10, ProgressListener.none());
      assertSameTrainingData(withHidden.training(), withoutHidden.training());
      assertEquals(withHidden.testUsers().size(), withoutHidden.testUsers().size());
      for (int i = 0; i < withHidden.testUsers().size(); i++) {
        assertSameProfile(
            withHidden.testUsers().get(i).profile(), withoutHidden.testUsers().get(i).profile());
      }
      assertArrayEquals(
          catalogBytes(withHidden.training(), protocol.name() + "-a"),
          catalogBytes(withoutHidden.training(), protocol.name() + "-b"));

      // Models fitted on each copy, scored against the same ground truth.
      EvalResult a =
          Evaluator.evaluate(
              List.of(withHidden),
              protocol,
              List.of(11L),
              MODELS,
              settings(),
              ProgressListener.none());
      EvalResult b =
          Evaluator.evaluate(
              List.of(EvalData.of(withoutHidden.training(), withHidden.testUsers())),
              protocol,
              List.of(11L),
              MODELS,
              settings(),
              ProgressListener.none());
      ObjectMapper json = new ObjectMapper();
      assertEquals(json.writeValueAsString(a), json.writeValueAsString(b), protocol.name());
    }
  }

  private static Evaluator.Settings settings() {
    return new Evaluator.Settings(10, 10, 200);
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

  private static byte[] catalogBytes(TrainingData training, String name) throws IOException {
    Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9-]", "_") + ".rcat");
    try (CatalogWriter writer =
        CatalogWriter.create(file, training.catalog().dimension(), encoder.fingerprint())) {
      for (int i = 0; i < training.catalog().size(); i++) {
        writer.add(training.catalog().itemIds().get(i), "", training.catalog().vectors()[i]);
      }
      writer.commit();
    }
    return Files.readAllBytes(file);
  }

  private static void assertSameTrainingData(TrainingData a, TrainingData b) {
    assertEquals(a.catalog().itemIds(), b.catalog().itemIds());
    assertEquals(a.catalog().size(), a.catalog().vectors().length);
    for (int i = 0; i < a.catalog().size(); i++) {
      assertArrayEquals(a.catalog().vectors()[i], b.catalog().vectors()[i]);
    }
    assertTrue(
        !java.util.Arrays.equals(a.catalog().vectors()[0], a.catalog().vectors()[1]),
        "item vectors differ from each other, so a leaked review would show");
    assertArrayEquals(a.catalog().reviewCounts(), b.catalog().reviewCounts());
    assertArrayEquals(a.catalog().ratingSums(), b.catalog().ratingSums());
    assertEquals(Double.doubleToLongBits(a.globalMean()), Double.doubleToLongBits(b.globalMean()));
    assertSameUsers(a.trainUsers(), b.trainUsers());
    assertSameUsers(a.validationUsers(), b.validationUsers());
  }

  private static void assertSameUsers(List<TrainUser> a, List<TrainUser> b) {
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      TrainUser x = a.get(i);
      TrainUser y = b.get(i);
      assertSameProfile(x.profile(), y.profile());
      assertArrayEquals(x.targetMean(), y.targetMean());
      assertArrayEquals(x.targetItems(), y.targetItems());
      assertArrayEquals(x.targetRatings(), y.targetRatings());
    }
  }

  private static void assertSameProfile(UserProfile a, UserProfile b) {
    assertEquals(a.userId(), b.userId());
    assertArrayEquals(a.sourceMean(), b.sourceMean());
    assertArrayEquals(a.sourceRatings(), b.sourceRatings());
    assertEquals(a.sourceVectors().length, b.sourceVectors().length);
    for (int i = 0; i < a.sourceVectors().length; i++) {
      assertArrayEquals(a.sourceVectors()[i], b.sourceVectors()[i]);
    }
  }
}
