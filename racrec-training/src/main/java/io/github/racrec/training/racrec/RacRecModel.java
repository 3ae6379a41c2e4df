package io.github.racrec.training.racrec;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.ItemTermBlend;
import io.github.racrec.onnx.RacRecManifest;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.internal.Vectors;
import io.github.racrec.training.eval.ColdStartModel;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.eval.UserScores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * RACRec in the evaluation harness, served the way users get it: trained with DJL, exported to
 * ONNX, and scored through the exported towers on ONNX Runtime.
 *
 * <p>Ownership: holds the towers and a temporary model folder until {@link #close()}.
 */
public final class RacRecModel implements ColdStartModel {
  private final String name;
  private final RacRecConfig config;
  private final String encoderFingerprint;
  private final ProgressListener progress;
  private TrainedRacRec trained;
  private Path folder;
  private RacRecTowers towers;
  private float[][] items;
  private TrainingData.Catalog catalog;

  /**
   * Creates an unfitted model.
   *
   * @param name the name in reports
   * @param config sizes and training settings
   * @param encoderFingerprint the fingerprint of the encoder the review vectors come from
   * @param progress receives training progress
   */
  public RacRecModel(
      String name, RacRecConfig config, String encoderFingerprint, ProgressListener progress) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.encoderFingerprint = Objects.requireNonNull(encoderFingerprint, "encoderFingerprint");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean predictsRatings() {
    return true;
  }

  /**
   * Returns the whole training configuration and, once fitted with item terms, the weights chosen
   * on the validation users.
   */
  @Override
  public Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>(config.toMap());
    if (trained != null && trained.itemTerms().isPresent()) {
      ItemTermBlend blend = trained.itemTerms().get();
      settings.put("ratingWeight", blend.ratingWeight());
      settings.put("selectionWeight", blend.selectionWeight());
      settings.put("itemMeanPriorWeight", blend.meanPriorWeight());
    }
    return settings;
  }

  @Override
  public void fit(TrainingData data) {
    fit(data, progress);
  }

  @Override
  public void fit(TrainingData data, ProgressListener fitProgress) {
    trained = RacRecTrainer.train(data, config, fitProgress, Optional.empty());
    try {
      folder = Files.createTempDirectory("racrec-model");
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot create a temporary model folder", e);
    }
    RacRecExporter.export(trained, encoderFingerprint, folder);
    towers = RacRecTowers.open(folder);
    items = towers.itemVectors(data.catalog().vectors());
    catalog = data.catalog();
  }

  /**
   * Returns what training produced.
   *
   * @return the trained model
   * @throws IllegalStateException before {@link #fit}
   */
  public TrainedRacRec trained() {
    if (trained == null) {
      throw new IllegalStateException("not fitted");
    }
    return trained;
  }

  /**
   * Ranks by the selection score and rates by the blended rating when the model has item terms (see
   * {@link ItemTermBlend}), by the rating head otherwise; ratings are clipped, as served.
   */
  @Override
  public UserScores score(UserProfile user) {
    float[] taste = towers.userTaste(user.sourceVectors()).taste();
    RacRecManifest manifest = towers.manifest();
    ItemTermBlend blend = trained.itemTerms().orElse(ItemTermBlend.headOnly());
    double[] scores = new double[items.length];
    double[] ratings = new double[items.length];
    for (int i = 0; i < items.length; i++) {
      double head = Vectors.dot(taste, items[i]) + manifest.globalBias();
      int count = catalog.reviewCounts()[i];
      double rating = blend.rating(head, blend.itemMean(catalog.ratingSums()[i], count));
      scores[i] = blend.selection(head, ItemTermBlend.popularity(count));
      ratings[i] = Math.max(manifest.ratingMin(), Math.min(manifest.ratingMax(), rating));
    }
    return UserScores.withRatings(scores, ratings);
  }

  @Override
  public void close() {
    if (towers != null) {
      towers.close();
      towers = null;
    }
    if (folder != null) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // A leftover temporary folder is harmless.
      }
      folder = null;
    }
  }
}
