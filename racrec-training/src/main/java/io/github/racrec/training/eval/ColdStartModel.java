package io.github.racrec.training.eval;

import io.github.racrec.api.ProgressListener;
import io.github.racrec.training.eval.EvalData.UserProfile;
import java.util.Map;

/**
 * A model under evaluation: fitted on what a split lets it see, then asked to score every catalog
 * item for cold-start users known only by their source-domain reviews.
 *
 * <p>Thread-safety: {@link #fit} runs once, on one thread; {@link #score} may then be called from
 * several threads.
 *
 * <p>Ownership: the evaluator closes each model it creates once the model's split is scored.
 */
public interface ColdStartModel extends AutoCloseable {

  /**
   * Returns a short name for reports.
   *
   * @return the name
   */
  String name();

  /**
   * Returns whether {@link #score} gives rating predictions.
   *
   * @return {@code true} if the model predicts ratings
   */
  boolean predictsRatings();

  /**
   * Learns from the visible data: training users to fit on, validation users to select with.
   *
   * @param data what the split lets the model see
   */
  void fit(TrainingData data);

  /**
   * Learns as {@link #fit(TrainingData)} does, reporting its own progress (a trained model reports
   * its epochs). The default reports nothing.
   *
   * @param data what the split lets the model see
   * @param progress receives the fit's own progress
   */
  default void fit(TrainingData data, ProgressListener progress) {
    fit(data);
  }

  /**
   * Scores every catalog item for a user.
   *
   * @param user the user's source side
   * @return a ranking score per catalog item, and rating predictions if the model makes them
   */
  UserScores score(UserProfile user);

  /**
   * Returns the settings that define this model, by name, as results files record them (for RACRec,
   * its whole configuration). The default is none: a model without settings.
   *
   * @return the settings; empty if the model has none
   */
  default Map<String, Object> settings() {
    return Map.of();
  }

  /** Releases what the model holds (native sessions, temporary files). The default does nothing. */
  @Override
  default void close() {}
}
