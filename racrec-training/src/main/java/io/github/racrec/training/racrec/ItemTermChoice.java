package io.github.racrec.training.racrec;

import io.github.racrec.onnx.ItemTermBlend;
import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.TrainingData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Chooses, on the validation users only, how much a trained model trusts transfer against the item
 * terms that need none: the weights of {@link ItemTermBlend}.
 *
 * <p>Why this objective. Ratings exist only for items people chose, so the rating head says how
 * much a user will like an item, not whether they will pick it. The item term of a softmax over
 * which item a user picks, with no user signal, is maximised in closed form by {@code log n_i} (the
 * softmax of log counts is the empirical item distribution), so the popularity term is that closed
 * form ({@code log1p} keeps unreviewed items finite) rather than a fitted bias that 92 training
 * users would make noisy; likewise the item-mean term is the shrunk mean, the closed-form rating of
 * an item with no user signal. The interaction is what BPR over unrated items ({@link
 * Correction#UNRATED_ITEMS}) and the rating loss train. How much to trust it depends on the data,
 * so the weights are chosen on validation users, by the metric each output is judged by.
 *
 * <p>The rule, in this order:
 *
 * <ol>
 *   <li>With {@link Correction#ITEM_MEAN_SHRINKAGE}: the rating weight {@code mu} from {@link
 *       #WEIGHTS} and the item mean's prior weight from {@link #PRIOR_WEIGHTS} with the lowest
 *       validation RMSE of the clipped blended rating. Otherwise {@code mu = 1}.
 *   <li>With {@link Correction#POPULARITY_PRIOR}: the selection weight {@code lambda} from {@link
 *       #WEIGHTS} with the highest mean full-catalog NDCG@10 of the validation users. Otherwise
 *       {@code lambda = 1}.
 * </ol>
 *
 * <p>Ties go to the smaller weight: closer to the item terms, the safer choice. {@code mu = 0} is
 * the item mean, {@code lambda = 0} is "most popular", 1 is the rating head alone; so with too
 * little data to transfer, the model falls back to the simple baselines on its own.
 *
 * <p>Thread-safety: stateless.
 */
public final class ItemTermChoice {
  /** The candidate weights of the transfer side, from the item term alone (0) to transfer alone. */
  static final double[] WEIGHTS = {0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};

  /** The candidate prior weights of the item mean (virtual ratings of the global mean). */
  static final double[] PRIOR_WEIGHTS = {0, 1, 2, 5, 10, 20};

  /** The cut-off of the validation NDCG. */
  static final int K = 10;

  private ItemTermChoice() {}

  /**
   * Chooses the blend on the validation users.
   *
   * @param model the trained model (its best epoch)
   * @param data the split it was trained on; only its catalog and validation users are read
   * @return the blend; empty when neither correction is on or no validation user has a target
   *     rating in the catalog
   */
  static Optional<ItemTermBlend> choose(TrainedRacRec model, TrainingData data) {
    Corrections corrections = model.config().corrections();
    boolean shrink = corrections.has(Correction.ITEM_MEAN_SHRINKAGE);
    boolean prior = corrections.has(Correction.POPULARITY_PRIOR);
    if (!shrink && !prior) {
      return Optional.empty();
    }
    float[][] items = servedItems(model, data.catalog().vectors());
    List<double[]> heads = new ArrayList<>();
    List<TrainUser> users = new ArrayList<>();
    for (TrainUser user : data.validationUsers()) {
      if (user.targetItems().length > 0) {
        heads.add(heads(model.taste(user.profile().sourceMean()), items));
        users.add(user);
      }
    }
    if (users.isEmpty()) {
      return Optional.empty();
    }
    TrainingData.Catalog catalog = data.catalog();
    ItemTermBlend blend = new ItemTermBlend(1, 1, data.globalMean(), 0);
    if (shrink) {
      blend =
          bestRatingBlend(
              heads,
              users.stream().map(TrainUser::targetItems).toList(),
              users.stream().map(TrainUser::targetRatings).toList(),
              catalog,
              data.globalMean());
    }
    if (prior) {
      List<double[]> ratings = new ArrayList<>();
      for (double[] head : heads) {
        ratings.add(blendedRatings(blend, head, catalog));
      }
      List<int[]> picked = users.stream().map(TrainUser::targetItems).toList();
      blend =
          new ItemTermBlend(
              blend.ratingWeight(),
              bestSelectionWeight(ratings, picked, catalog.reviewCounts()),
              blend.meanPrior(),
              blend.meanPriorWeight());
    }
    return Optional.of(blend);
  }

  /**
   * The (mu, prior weight) with the lowest validation RMSE of the clipped blended rating; ties go
   * to the smaller.
   *
   * @param heads each user's rating-head prediction of every item
   * @param rated each user's rated items
   * @param stars the ratings, aligned with {@code rated}
   * @param catalog the items' visible rating sums and counts
   * @param mean the prior of the item means
   */
  static ItemTermBlend bestRatingBlend(
      List<double[]> heads,
      List<int[]> rated,
      List<float[]> stars,
      TrainingData.Catalog catalog,
      double mean) {
    ItemTermBlend best = null;
    double bestError = Double.POSITIVE_INFINITY;
    for (double priorWeight : PRIOR_WEIGHTS) {
      for (double mu : WEIGHTS) {
        ItemTermBlend candidate = new ItemTermBlend(mu, 1, mean, priorWeight);
        double error = 0;
        for (int u = 0; u < heads.size(); u++) {
          for (int r = 0; r < rated.get(u).length; r++) {
            int i = rated.get(u)[r];
            double itemMean =
                candidate.itemMean(catalog.ratingSums()[i], catalog.reviewCounts()[i]);
            double predicted =
                Math.max(
                    RacRecTrainer.RATING_MIN,
                    Math.min(
                        RacRecTrainer.RATING_MAX, candidate.rating(heads.get(u)[i], itemMean)));
            double miss = predicted - stars.get(u)[r];
            error += miss * miss;
          }
        }
        if (error < bestError) {
          bestError = error;
          best = candidate;
        }
      }
    }
    return best;
  }

  private static double[] blendedRatings(
      ItemTermBlend blend, double[] head, TrainingData.Catalog catalog) {
    double[] ratings = new double[head.length];
    for (int i = 0; i < head.length; i++) {
      ratings[i] =
          blend.rating(head[i], blend.itemMean(catalog.ratingSums()[i], catalog.reviewCounts()[i]));
    }
    return ratings;
  }

  /**
   * The selection weight of {@link #WEIGHTS} with the highest mean NDCG@{@value #K}; ties go to the
   * smaller.
   *
   * @param ratings each user's blended rating of every item
   * @param picked each user's chosen items (at least one)
   * @param counts each item's review count
   */
  static double bestSelectionWeight(List<double[]> ratings, List<int[]> picked, int[] counts) {
    double[] ndcgSums = new double[WEIGHTS.length];
    double[] scores = new double[counts.length];
    for (int u = 0; u < ratings.size(); u++) {
      for (int w = 0; w < WEIGHTS.length; w++) {
        ItemTermBlend blend = new ItemTermBlend(1, WEIGHTS[w], 0, 0);
        for (int i = 0; i < scores.length; i++) {
          scores[i] = blend.selection(ratings.get(u)[i], ItemTermBlend.popularity(counts[i]));
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

  private static double[] heads(float[] taste, float[][] items) {
    double[] heads = new double[items.length];
    for (int i = 0; i < items.length; i++) {
      double sum = 0;
      for (int j = 0; j < taste.length; j++) {
        sum += (double) taste[j] * items[i][j];
      }
      heads[i] = sum;
    }
    return heads;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
