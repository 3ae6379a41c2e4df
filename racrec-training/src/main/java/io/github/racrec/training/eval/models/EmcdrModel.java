package io.github.racrec.training.eval.models;

import io.github.racrec.training.eval.ColdStartModel;
import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.eval.UserScores;
import java.util.ArrayList;
import java.util.List;

/**
 * EMCDR-style transfer: a linear map from a user's source-domain vector (mean of source review
 * vectors) to their target-domain vector (mean of target review vectors), fitted by ridge
 * regression in closed form on the training users; items are ranked by the cosine between the
 * mapped vector and their own vector.
 *
 * <p>A rating head predicts stars: the item's shrunk mean rating plus a ridge regression of the
 * residual on the element-wise product of the (unit) mapped user vector and item vector. It is
 * fitted on the training users' ratings using their <em>mapped</em> vectors, as for a cold-start
 * user. Both ridge penalties are chosen on the validation users (mapping by squared error of the
 * target vector, head by rating RMSE).
 */
public final class EmcdrModel implements ColdStartModel {
  private static final double[] MAP_LAMBDAS = {0.01, 0.1, 1, 10, 100};
  private static final double[] HEAD_LAMBDAS = {0.1, 1, 10, 100, 1000};

  private final ItemMeanModel itemMeans = new ItemMeanModel();
  private Ridge.Solution map;
  private Ridge.Solution head;
  private float[][] items;
  private double[] baseRatings;
  private double chosenMapLambda;
  private double chosenHeadLambda;

  @Override
  public String name() {
    return "EMCDR (linear map)";
  }

  @Override
  public boolean predictsRatings() {
    return true;
  }

  @Override
  public void fit(TrainingData data) {
    items = Vectors.units(data.catalog().vectors());
    itemMeans.fit(data);
    baseRatings = itemMeans.ratings();

    List<TrainUser> train = new ArrayList<>();
    for (TrainUser user : data.trainUsers()) {
      if (Vectors.norm(user.targetMean()) > 0) {
        train.add(user);
      }
    }
    Ridge mapping =
        new Ridge(
            train.stream().map(u -> doubles(u.profile().sourceMean())).toArray(double[][]::new),
            train.stream().map(u -> doubles(u.targetMean())).toArray(double[][]::new));
    double best = Double.POSITIVE_INFINITY;
    for (double lambda : MAP_LAMBDAS) {
      Ridge.Solution candidate = mapping.solve(lambda);
      double error = mappingError(candidate, data.validationUsers());
      if (map == null || error < best) {
        best = error;
        map = candidate;
        chosenMapLambda = lambda;
      }
    }

    List<double[]> features = new ArrayList<>();
    List<double[]> residuals = new ArrayList<>();
    for (TrainUser user : train) {
      float[] mapped = mapped(user.profile());
      for (int k = 0; k < user.targetItems().length; k++) {
        int item = user.targetItems()[k];
        features.add(product(mapped, items[item]));
        residuals.add(new double[] {user.targetRatings()[k] - baseRatings[item]});
      }
    }
    if (features.size() < 2) {
      head = null;
      return;
    }
    Ridge heads = new Ridge(features.toArray(double[][]::new), residuals.toArray(double[][]::new));
    best = Double.POSITIVE_INFINITY;
    Ridge.Solution bestHead = null;
    for (double lambda : HEAD_LAMBDAS) {
      head = heads.solve(lambda);
      double error = ratingError(data.validationUsers());
      if (bestHead == null || error < best) {
        best = error;
        bestHead = head;
        chosenHeadLambda = lambda;
      }
    }
    head = bestHead;
  }

  /**
   * Returns the ridge penalties chosen on the validation users.
   *
   * @return {mapping lambda, rating head lambda}
   */
  public double[] chosenLambdas() {
    return new double[] {chosenMapLambda, chosenHeadLambda};
  }

  @Override
  public UserScores score(UserProfile user) {
    float[] mapped = mapped(user);
    double[] scores = new double[items.length];
    double[] ratings = new double[items.length];
    for (int i = 0; i < items.length; i++) {
      scores[i] = Vectors.dot(mapped, items[i]);
      ratings[i] = rating(mapped, i);
    }
    return UserScores.withRatings(scores, ratings);
  }

  /** The unit mapped target vector of a user. */
  private float[] mapped(UserProfile user) {
    double[] y = map.predict(doubles(user.sourceMean()));
    float[] vector = new float[y.length];
    for (int j = 0; j < y.length; j++) {
      vector[j] = (float) y[j];
    }
    return Vectors.unit(vector);
  }

  private double rating(float[] mapped, int item) {
    double residual = head == null ? 0 : head.predict(product(mapped, items[item]))[0];
    return Vectors.clipRating(baseRatings[item] + residual);
  }

  private double mappingError(Ridge.Solution candidate, List<TrainUser> users) {
    double sum = 0;
    for (TrainUser user : users) {
      double[] predicted = candidate.predict(doubles(user.profile().sourceMean()));
      for (int j = 0; j < predicted.length; j++) {
        double error = predicted[j] - user.targetMean()[j];
        sum += error * error;
      }
    }
    return sum;
  }

  private double ratingError(List<TrainUser> users) {
    double sum = 0;
    for (TrainUser user : users) {
      float[] mapped = mapped(user.profile());
      for (int k = 0; k < user.targetItems().length; k++) {
        double error = rating(mapped, user.targetItems()[k]) - user.targetRatings()[k];
        sum += error * error;
      }
    }
    return sum;
  }

  private static double[] product(float[] a, float[] b) {
    double[] product = new double[a.length];
    for (int j = 0; j < a.length; j++) {
      product[j] = (double) a[j] * b[j];
    }
    return product;
  }

  private static double[] doubles(float[] values) {
    double[] result = new double[values.length];
    for (int j = 0; j < values.length; j++) {
      result[j] = values[j];
    }
    return result;
  }
}
