package io.github.racrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.models.EmcdrModel;
import io.github.racrec.training.eval.models.ItemMeanModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** EMCDR recovers a planted linear map from source to target vectors, and its head uses it. */
class EmcdrModelTest {
  private static final int D = 12;

  @Test
  void emcdr_plantedLinearMap_ranksTheUsersOwnItemsFirst() {
    Random random = new Random(4);
    double[][] map = new double[D][D];
    for (double[] row : map) {
      for (int j = 0; j < D; j++) {
        row[j] = random.nextGaussian();
      }
    }
    int items = 60;
    float[][] itemVectors = new float[items][];
    for (int i = 0; i < items; i++) {
      itemVectors[i] = gaussian(random);
    }
    List<TrainUser> train = new ArrayList<>();
    List<TrainUser> validation = new ArrayList<>();
    for (int u = 0; u < 400; u++) {
      float[] source = gaussian(random);
      float[] target = apply(map, source);
      int best = nearest(itemVectors, target);
      TrainUser user =
          new TrainUser(
              new UserProfile("u" + u, new float[][] {source}, new float[] {4}, source),
              target,
              new int[] {best},
              new float[] {5},
              EvalData.OwnReviews.none(1));
      (u < 360 ? train : validation).add(user);
    }
    int[] counts = new int[items];
    double[] sums = new double[items];
    java.util.Arrays.fill(counts, 1);
    java.util.Arrays.fill(sums, 3);
    TrainingData data =
        new TrainingData(
            new TrainingData.Catalog(ids(items), itemVectors, counts, sums, counts),
            3,
            train,
            validation,
            1);
    EmcdrModel model = new EmcdrModel();
    model.fit(data);
    new ItemMeanModel().fit(data);

    int hits = 0;
    for (int t = 0; t < 100; t++) {
      float[] source = gaussian(random);
      int best = nearest(itemVectors, apply(map, source));
      double[] scores =
          model
              .score(new UserProfile("t" + t, new float[][] {source}, new float[] {4}, source))
              .scores();
      hits += argmax(scores) == best ? 1 : 0;
    }
    assertTrue(hits > 80, "recovered the map for " + hits + " of 100 new users");
  }

  private static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(String.format("item%03d", i));
    }
    return ids;
  }

  private static float[] gaussian(Random random) {
    float[] v = new float[D];
    for (int j = 0; j < D; j++) {
      v[j] = (float) random.nextGaussian();
    }
    return v;
  }

  private static float[] apply(double[][] map, float[] x) {
    float[] y = new float[D];
    for (int i = 0; i < D; i++) {
      for (int j = 0; j < D; j++) {
        y[j] += (float) (x[i] * map[i][j]);
      }
    }
    return y;
  }

  /** The item with the highest cosine to {@code v}. */
  private static int nearest(float[][] items, float[] v) {
    double[] cos = new double[items.length];
    for (int i = 0; i < items.length; i++) {
      double dot = 0;
      double ni = 0;
      double nv = 0;
      for (int j = 0; j < D; j++) {
        dot += items[i][j] * v[j];
        ni += items[i][j] * items[i][j];
        nv += v[j] * v[j];
      }
      cos[i] = dot / Math.sqrt(ni * nv);
    }
    return argmax(cos);
  }

  private static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
