package io.github.racrec.training.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.onnx.catalog.CatalogWriter;
import io.github.racrec.training.eval.EvalData.OwnReviews;
import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.EvalResult.ModelResult;
import io.github.racrec.training.eval.Evaluator.Candidate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The comparison behind the leakage tests: two builds of one split, one from the files with the
 * test users' target reviews and one from the files without them, must give bit-identical model
 * inputs, catalog files, model outputs and metrics. Lists every difference found, so that a test
 * can require none (no leak) or particular ones (a planted leak is caught).
 */
final class LeakageCheck {
  private final Path dir;
  private final String encoderFingerprint;
  private final Evaluator.Settings settings;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * Creates a check.
   *
   * @param dir where catalog files are written
   * @param encoderFingerprint the fingerprint the catalog files carry
   * @param settings the evaluation settings
   */
  LeakageCheck(Path dir, String encoderFingerprint, Evaluator.Settings settings) {
    this.dir = dir;
    this.encoderFingerprint = encoderFingerprint;
    this.settings = settings;
  }

  /**
   * Lists how what models see differs between the two builds: the catalog (ids, vectors,
   * statistics), the global mean, every training and validation user (profile, target side, own
   * reviews), every test user's profile, and the catalog file's bytes.
   *
   * @param withHidden the split built from the files with the hidden reviews
   * @param withoutHidden the same split built from the files without them
   * @param name names the catalog files
   * @return the differences, empty when there are none
   * @throws IOException if a catalog file cannot be written
   */
  List<String> inputDifferences(EvalData withHidden, EvalData withoutHidden, String name)
      throws IOException {
    Differences d = new Differences();
    TrainingData a = withHidden.training();
    TrainingData b = withoutHidden.training();
    d.check("catalog item ids", a.catalog().itemIds().equals(b.catalog().itemIds()));
    d.check(
        "catalog item vectors", Arrays.deepEquals(a.catalog().vectors(), b.catalog().vectors()));
    d.check(
        "catalog review counts",
        Arrays.equals(a.catalog().reviewCounts(), b.catalog().reviewCounts()));
    d.check(
        "catalog rating sums", Arrays.equals(a.catalog().ratingSums(), b.catalog().ratingSums()));
    d.check(
        "catalog vector review counts",
        Arrays.equals(a.catalog().vectorReviewCounts(), b.catalog().vectorReviewCounts()));
    d.check(
        "global mean",
        Double.doubleToLongBits(a.globalMean()) == Double.doubleToLongBits(b.globalMean()));
    d.check("review window", a.reviewWindow() == b.reviewWindow());
    compareUsers(d, "training user", a.trainUsers(), b.trainUsers());
    compareUsers(d, "validation user", a.validationUsers(), b.validationUsers());
    List<UserProfile> testA = withHidden.testUsers().stream().map(u -> u.profile()).toList();
    List<UserProfile> testB = withoutHidden.testUsers().stream().map(u -> u.profile()).toList();
    d.check("test user count", testA.size() == testB.size());
    for (int i = 0; i < Math.min(testA.size(), testB.size()); i++) {
      d.check(
          "test user " + testA.get(i).userId() + " profile",
          sameProfile(testA.get(i), testB.get(i)));
    }
    d.check(
        "catalog file bytes",
        Arrays.equals(catalogBytes(a, name + "-with"), catalogBytes(b, name + "-without")));
    return d.found;
  }

  /**
   * Lists how models fitted on each build score the same test users (those of {@code withHidden},
   * the ground truth): each model's metrics and the whole report.
   *
   * @param withHidden the split built from the files with the hidden reviews
   * @param withoutHidden the same split built from the files without them
   * @param protocol the protocol
   * @param seed the seed of negative sampling
   * @param candidates the models
   * @return the differences, empty when there are none
   * @throws IOException if a result cannot be written as JSON
   */
  List<String> outputDifferences(
      EvalData withHidden,
      EvalData withoutHidden,
      Protocol protocol,
      long seed,
      List<Candidate> candidates)
      throws IOException {
    EvalResult a = evaluate(withHidden, protocol, seed, candidates);
    EvalResult b =
        evaluate(
            EvalData.of(withoutHidden.training(), withHidden.testUsers()),
            protocol,
            seed,
            candidates);
    Differences d = new Differences();
    d.check("model count", a.models().size() == b.models().size());
    for (int i = 0; i < Math.min(a.models().size(), b.models().size()); i++) {
      ModelResult x = a.models().get(i);
      ModelResult y = b.models().get(i);
      List<Metric> differing = new ArrayList<>();
      for (Metric metric : Metric.values()) {
        if (!Objects.equals(x.metrics().get(metric), y.metrics().get(metric))) {
          differing.add(metric);
        }
      }
      d.check("metrics of " + x.model() + " " + differing, differing.isEmpty());
    }
    d.check("random rates", a.randomRates().equals(b.randomRates()));
    d.check("report", json.writeValueAsString(a).equals(json.writeValueAsString(b)));
    return d.found;
  }

  private EvalResult evaluate(
      EvalData split, Protocol protocol, long seed, List<Candidate> candidates) {
    return Evaluator.evaluate(
        List.of(split), protocol, List.of(seed), candidates, settings, ProgressListener.none());
  }

  private static void compareUsers(
      Differences d, String kind, List<TrainUser> a, List<TrainUser> b) {
    d.check(kind + " count", a.size() == b.size());
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      TrainUser x = a.get(i);
      TrainUser y = b.get(i);
      String user = kind + " " + x.profile().userId();
      d.check(user + " profile", sameProfile(x.profile(), y.profile()));
      d.check(user + " target mean", Arrays.equals(x.targetMean(), y.targetMean()));
      d.check(user + " target items", Arrays.equals(x.targetItems(), y.targetItems()));
      d.check(user + " target ratings", Arrays.equals(x.targetRatings(), y.targetRatings()));
      d.check(user + " own reviews", sameOwnReviews(x.ownReviews(), y.ownReviews()));
    }
  }

  private static boolean sameProfile(UserProfile a, UserProfile b) {
    return a.userId().equals(b.userId())
        && Arrays.equals(a.sourceMean(), b.sourceMean())
        && Arrays.equals(a.sourceRatings(), b.sourceRatings())
        && Arrays.deepEquals(a.sourceVectors(), b.sourceVectors());
  }

  private static boolean sameOwnReviews(OwnReviews a, OwnReviews b) {
    return Arrays.deepEquals(a.vectors(), b.vectors())
        && Arrays.equals(a.inTargetMean(), b.inTargetMean())
        && Arrays.equals(a.inItemVector(), b.inItemVector())
        && a.targetMeanCount() == b.targetMeanCount();
  }

  private byte[] catalogBytes(TrainingData training, String name) throws IOException {
    Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9-]", "_") + ".rcat");
    try (CatalogWriter writer =
        CatalogWriter.create(file, training.catalog().dimension(), encoderFingerprint)) {
      for (int i = 0; i < training.catalog().size(); i++) {
        writer.add(training.catalog().itemIds().get(i), "", training.catalog().vectors()[i]);
      }
      writer.commit();
    }
    return Files.readAllBytes(file);
  }

  /** The names of the comparisons that failed. */
  private static final class Differences {
    final List<String> found = new ArrayList<>();

    void check(String what, boolean same) {
      if (!same) {
        found.add(Objects.requireNonNull(what));
      }
    }
  }
}
