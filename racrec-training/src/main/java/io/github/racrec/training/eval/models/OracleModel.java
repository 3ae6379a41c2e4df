package io.github.racrec.training.eval.models;

import io.github.racrec.training.demo.DemoTruth;
import io.github.racrec.training.eval.ColdStartModel;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.eval.UserScores;
import java.util.List;

/**
 * The generator's own knowledge, on generated data only: ranks by the odds that the generator draws
 * the item for the user, and predicts the rating it expects. It reads the hidden truth by user id,
 * so it is a ceiling to compare with, never a model.
 */
public final class OracleModel implements ColdStartModel {
  private final DemoTruth truth;
  private List<String> itemIds;

  /**
   * Creates the oracle.
   *
   * @param truth the generated data set's truth
   */
  public OracleModel(DemoTruth truth) {
    this.truth = truth;
  }

  @Override
  public String name() {
    return "oracle";
  }

  @Override
  public boolean predictsRatings() {
    return true;
  }

  @Override
  public void fit(TrainingData data) {
    itemIds = data.catalog().itemIds();
  }

  @Override
  public UserScores score(UserProfile user) {
    double[] scores = new double[itemIds.size()];
    double[] ratings = new double[itemIds.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = truth.oracleScore(user.userId(), itemIds.get(i));
      ratings[i] = Vectors.clipRating(truth.expectedRating(user.userId(), itemIds.get(i)));
    }
    return UserScores.withRatings(scores, ratings);
  }
}
