package io.github.racrec.training.racrec;

import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.TrainingData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The selection score that orders a cold-start user's recommendations, and the validation rule that
 * sets its one parameter.
 *
 * <pre>{@code selection = lambda * rating + (1 - lambda) * log(1 + n_i)}</pre>
 *
 * <p>{@code rating} is the served predicted rating (unclipped: the transfer interaction plus the
 * biases), {@code n_i} the item's number of reviews that the model may see.
 *
 * <p>Why this objective. Ratings exist only for items people chose, so the rating head says how
 * much a user will like an item, not whether they will pick it. The item term of a softmax over
 * which item a user picks, with no user signal, is maximised in closed form by {@code log n_i} (the
 * softmax of log counts is the empirical item distribution), so the item term is that closed form
 * ({@code log1p} keeps unreviewed items finite) rather than a fitted bias that 92 training users
 * would make noisy. The interaction is what BPR over unrated items ({@link
 * Correction#UNRATED_ITEMS}) and the rating loss train. How much to trust it is the one thing left,
 * and it depends on the data: {@code lambda} is chosen on the validation users only, by the metric
 * a top-10 list is judged by.
 *
 * <p>The rule: every weight in {@link #WEIGHTS} is tried; the one with the highest mean
 * full-catalog NDCG@10 over the validation users with target ratings wins; ties go to the smaller
 * weight (closer to popularity, the safer choice). {@code lambda = 0} is "most popular"; {@code
 * lambda = 1} ranks by the predicted rating, as the model did before. So with too little data to
 * transfer, the model falls back to popularity on its own.
 *
 * <p>Thread-safety: stateless.
 */
public final class SelectionPrior {
  /** The candidate weights of the rating, from popularity alone (0) to the rating alone (1). */
  static final double[] WEIGHTS = {0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};

  /** The cut-off of the validation NDCG. */
  static final int K = 10;

  private SelectionPrior() {}

  /**
   * Returns the item term of the selection score.
   *
   * @param reviewCount the item's review count
   * @return {@code log(1 + reviewCount)}
   */
  public static double itemTerm(int reviewCount) {
    return Math.log1p(reviewCount);
  }

  /**
   * Returns the selection score.
   *
   * @param weight the rating's weight lambda, in [0, 1]
   * @param rating the served predicted rating, unclipped
   * @param reviewCount the item's review count
   * @return {@code weight * rating + (1 - weight) * log(1 + reviewCount)}
   */
  public static double score(double weight, double rating, int reviewCount) {
    return weight * rating + (1 - weight) * itemTerm(reviewCount);
  }

  /**
   * Chooses the rating's weight on the validation users.
   *
   * @param model the trained model (its best epoch)
   * @param data the split it was trained on; only its catalog and validation users are read
   * @return the weight, or empty when no validation user has a target rating in the catalog
   */
  static OptionalDouble choose(TrainedRacRec model, TrainingData data) {
    float[][] items = servedItems(model, data.catalog().vectors());
    List<double[]> ratings = new ArrayList<>();
    List<int[]> picked = new ArrayList<>();
    for (TrainUser user : data.validationUsers()) {
      if (user.targetItems().length > 0) {
        ratings.add(ratings(model.taste(user.profile().sourceMean()), items));
        picked.add(user.targetItems());
      }
    }
    return ratings.isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of(bestWeight(ratings, picked, data.catalog().reviewCounts()));
  }

  /**
   * The weight of {@link #WEIGHTS} with the highest mean NDCG@{@value #K}; ties go to the smaller.
   *
   * @param ratings each user's predicted rating of every item
   * @param picked each user's chosen items (at least one)
   * @param counts each item's review count
   */
  static double bestWeight(List<double[]> ratings, List<int[]> picked, int[] counts) {
    double[] ndcgSums = new double[WEIGHTS.length];
    double[] scores = new double[counts.length];
    for (int u = 0; u < ratings.size(); u++) {
      for (int w = 0; w < WEIGHTS.length; w++) {
        for (int i = 0; i < scores.length; i++) {
          scores[i] = score(WEIGHTS[w], ratings.get(u)[i], counts[i]);
        }
        ndcgSums[w] += ndcg(scores, picked.get(u));
      }
    }
    int best = 0;
    for (int w = 1; w < WEIGHTS.length; w++) {
      if (ndcgSums[w] > ndcgSums[best]) {
        best = w;
      }
    }
    return WEIGHTS[best];
  }

  /**
   * Full-catalog NDCG@{@value #K} of one user: every item ranked, ties broken by the lower index so
   * that the choice is deterministic.
   */
  static double ndcg(double[] scores, int[] positives) {
    int[] top = topK(scores, K);
    List<Integer> wanted = Arrays.stream(positives).boxed().toList();
    double dcg = 0;
    for (int rank = 0; rank < top.length; rank++) {
      if (wanted.contains(top[rank])) {
        dcg += 1 / log2(rank + 2);
      }
    }
    double ideal = 0;
    for (int rank = 0; rank < Math.min(K, positives.length); rank++) {
      ideal += 1 / log2(rank + 2);
    }
    return dcg / ideal;
  }

  private static int[] topK(double[] scores, int k) {
    int[] top = new int[Math.min(k, scores.length)];
    int size = 0;
    for (int i = 0; i < scores.length; i++) {
      int at = size;
      while (at > 0 && scores[i] > scores[top[at - 1]]) {
        at--;
      }
      if (at < top.length) {
        int end = Math.min(size, top.length - 1);
        System.arraycopy(top, at, top, at + 1, end - at);
        top[at] = i;
        size = Math.min(size + 1, top.length);
      }
    }
    return top;
  }

  private static float[][] servedItems(TrainedRacRec model, float[][] itemMeans) {
    float[][] items = new float[itemMeans.length][];
    for (int i = 0; i < items.length; i++) {
      items[i] = model.item(itemMeans[i]);
    }
    return items;
  }

  private static double[] ratings(float[] taste, float[][] items) {
    double[] ratings = new double[items.length];
    for (int i = 0; i < items.length; i++) {
      double sum = 0;
      for (int j = 0; j < taste.length; j++) {
        sum += (double) taste[j] * items[i][j];
      }
      ratings[i] = sum;
    }
    return ratings;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
