package io.github.racrec.training.eval.models;

import io.github.racrec.training.eval.ColdStartModel;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.eval.UserScores;
import java.util.Random;

/** A random ranking per user, seeded by the user's id: the empirical chance level. */
public final class RandomModel implements ColdStartModel {
  private final long seed;
  private int items;

  /**
   * Creates the model.
   *
   * @param seed mixed with each user's id
   */
  public RandomModel(long seed) {
    this.seed = seed;
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public boolean predictsRatings() {
    return false;
  }

  @Override
  public void fit(TrainingData data) {
    items = data.catalog().size();
  }

  @Override
  public UserScores score(UserProfile user) {
    Random random = new Random(seed * 31 + user.userId().hashCode());
    double[] scores = new double[items];
    for (int i = 0; i < items; i++) {
      scores[i] = random.nextDouble();
    }
    return UserScores.ranking(scores);
  }
}
