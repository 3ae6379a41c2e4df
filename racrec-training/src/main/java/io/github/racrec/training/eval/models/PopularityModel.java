package io.github.racrec.training.eval.models;

import io.github.racrec.training.eval.ColdStartModel;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.eval.UserScores;

/** Ranks items by their number of visible reviews; the same list for everyone. */
public final class PopularityModel implements ColdStartModel {
  private double[] scores;

  @Override
  public String name() {
    return "popularity";
  }

  @Override
  public boolean predictsRatings() {
    return false;
  }

  @Override
  public void fit(TrainingData data) {
    int[] counts = data.catalog().reviewCounts();
    scores = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      scores[i] = counts[i];
    }
  }

  @Override
  public UserScores score(UserProfile user) {
    return UserScores.ranking(scores);
  }
}
