package io.github.racrec.training.eval.models;

import io.github.racrec.training.eval.ColdStartModel;
import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.eval.UserScores;

/**
 * Predicts each item's mean visible rating, shrunk towards the global mean by a number of virtual
 * ratings chosen on the validation users (lowest RMSE); ranks items by it.
 */
public final class ItemMeanModel implements ColdStartModel {
  private static final double[] PRIOR_WEIGHTS = {0, 1, 2, 5, 10, 20};
  private double[] ratings;
  private double chosenPriorWeight;

  @Override
  public String name() {
    return "item mean";
  }

  @Override
  public boolean predictsRatings() {
    return true;
  }

  @Override
  public void fit(TrainingData data) {
    double best = Double.POSITIVE_INFINITY;
    for (double weight : PRIOR_WEIGHTS) {
      double[] candidate = means(data, weight);
      double error = validationSquaredError(data, candidate);
      if (error < best || ratings == null) {
        best = error;
        ratings = candidate;
        chosenPriorWeight = weight;
      }
    }
  }

  /**
   * Returns the shrinkage chosen on the validation users.
   *
   * @return the number of virtual global-mean ratings per item
   */
  public double chosenPriorWeight() {
    return chosenPriorWeight;
  }

  /**
   * Returns the fitted rating of every catalog item.
   *
   * @return the ratings (shared: do not modify)
   */
  public double[] ratings() {
    return ratings;
  }

  @Override
  public UserScores score(UserProfile user) {
    return UserScores.withRatings(ratings, ratings);
  }

  private static double[] means(TrainingData data, double weight) {
    double[] means = new double[data.catalog().size()];
    for (int i = 0; i < means.length; i++) {
      means[i] = data.catalog().meanRating(i, data.globalMean(), weight);
    }
    return means;
  }

  private static double validationSquaredError(TrainingData data, double[] ratings) {
    double sum = 0;
    for (TrainUser user : data.validationUsers()) {
      for (int k = 0; k < user.targetItems().length; k++) {
        double error = ratings[user.targetItems()[k]] - user.targetRatings()[k];
        sum += error * error;
      }
    }
    return sum;
  }
}
