package io.github.racrec.training.eval.models;

import io.github.racrec.training.eval.ColdStartModel;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.eval.UserScores;

/**
 * Content cosine: the cosine between the mean of a user's source review vectors and an item's mean
 * review vector, as {@link io.github.racrec.onnx.ContentRecommender} computes it.
 */
public final class ContentModel implements ColdStartModel {
  private float[][] items;

  @Override
  public String name() {
    return "content cosine";
  }

  @Override
  public boolean predictsRatings() {
    return false;
  }

  @Override
  public void fit(TrainingData data) {
    items = Vectors.units(data.catalog().vectors());
  }

  @Override
  public UserScores score(UserProfile user) {
    float[] query = Vectors.unit(user.sourceMean());
    double[] scores = new double[items.length];
    for (int i = 0; i < items.length; i++) {
      scores[i] = Vectors.dot(query, items[i]);
    }
    return UserScores.ranking(scores);
  }
}
