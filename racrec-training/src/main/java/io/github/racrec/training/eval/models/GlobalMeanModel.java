package io.github.racrec.training.eval.models;

import io.github.racrec.training.eval.ColdStartModel;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.eval.UserScores;
import java.util.Arrays;

/** Predicts the mean visible rating for every item; ranks nothing (all scores tie). */
public final class GlobalMeanModel implements ColdStartModel {
  private double[] ratings;

  @Override
  public String name() {
    return "global mean";
  }

  @Override
  public boolean predictsRatings() {
    return true;
  }

  @Override
  public void fit(TrainingData data) {
    ratings = new double[data.catalog().size()];
    Arrays.fill(ratings, data.globalMean());
  }

  @Override
  public UserScores score(UserProfile user) {
    return UserScores.withRatings(new double[ratings.length], ratings);
  }
}
