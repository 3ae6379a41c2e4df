package io.github.racrec.training.racrec;

import io.github.racrec.onnx.ItemTermBlend;
import io.github.racrec.onnx.internal.Vectors;
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
 * an item with no user signal, and it enters the rating only (see {@link ItemTermBlend}). The
 * interaction is what BPR over unrated items ({@link Correction#UNRATED_ITEMS}) and the rating loss
 * train. How much to trust it depends on the data, so the weights are chosen on validation users,
 * by the metric each output is judged by.
 *
 * <p>The rule, in this order:
 *
 * <ol>
 *   <li>With {@link Correction#ITEM_MEAN_SHRINKAGE}: the rating weight {@code mu} from {@link
 *       #WEIGHTS}, each at the item-mean prior weight of {@link #PRIOR_WEIGHTS} with the lowest
 *       validation mean squared error of the clipped blended rating. Otherwise {@code mu = 1}.
 *   <li>With {@link Correction#POPULARITY_PRIOR}: the selection weight {@code lambda} of the rating
 *       head against popularity from {@link #WEIGHTS}, judged by the validation users' mean
 *       full-catalog NDCG@10. Otherwise {@code lambda = 1}.
 * </ol>
 *
 * <p>Each weight is chosen by a paired one-standard-error rule: the smallest weight whose
 * validation score falls short of the best one's by no more than the standard error of that
 * shortfall. {@code mu = 0} is the item mean, {@code lambda = 0} is "most popular", 1 is the rating
 * head alone; so transfer has to beat the item terms by more than the noise of the validation set
 * before the model trusts it, and with too little data (ten validation users on a real fold) the
 * model falls back to the simple baselines on its own. With many validation users the standard
 * error shrinks and the rule picks nearly the best weight.
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
      List<int[]> picked = users.stream().map(TrainUser::targetItems).toList();
      blend =
          new ItemTermBlend(
              blend.ratingWeight(),
              bestSelectionWeight(heads, picked, catalog.reviewCounts()),
              blend.meanPrior(),
              blend.meanPriorWeight());
    }
    return Optional.of(blend);
  }

  /**
   * The rating blend by the one-standard-error rule ({@link #smallestWithinNoise}) on the squared
   * errors of the clipped blended rating, each {@code mu} at its best prior weight.
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
    ItemTermBlend[] candidates = new ItemTermBlend[WEIGHTS.length];
    double[][] errors = new double[WEIGHTS.length][];
    for (int m = 0; m < WEIGHTS.length; m++) {
      for (double priorWeight : PRIOR_WEIGHTS) {
        ItemTermBlend candidate = new ItemTermBlend(WEIGHTS[m], 1, mean, priorWeight);
        double[] squared = squaredErrors(candidate, heads, rated, stars, catalog);
        if (errors[m] == null || mean(squared) < mean(errors[m])) {
          candidates[m] = candidate;
          errors[m] = squared;
        }
      }
    }
    return candidates[smallestWithinNoise(errors)];
  }

  /** Each validation rating's squared error under a blend, the prediction clipped as served. */
  private static double[] squaredErrors(
      ItemTermBlend blend,
      List<double[]> heads,
      List<int[]> rated,
      List<float[]> stars,
      TrainingData.Catalog catalog) {
    List<Double> squared = new ArrayList<>();
    for (int u = 0; u < heads.size(); u++) {
      for (int r = 0; r < rated.get(u).length; r++) {
        int i = rated.get(u)[r];
        double itemMean = blend.itemMean(catalog.ratingSums()[i], catalog.reviewCounts()[i]);
        double predicted =
            Math.max(
                RacRecTrainer.RATING_MIN,
                Math.min(RacRecTrainer.RATING_MAX, blend.rating(heads.get(u)[i], itemMean)));
        double miss = predicted - stars.get(u)[r];
        squared.add(miss * miss);
      }
    }
    return squared.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The selection weight by the one-standard-error rule ({@link #smallestWithinNoise}) on the
   * validation users' full-catalog NDCG@{@value #K}.
   *
   * @param heads each user's rating-head prediction of every item
   * @param picked each user's chosen items (at least one)
   * @param counts each item's review count
   */
  static double bestSelectionWeight(List<double[]> heads, List<int[]> picked, int[] counts) {
    double[][] ndcgs = new double[WEIGHTS.length][heads.size()];
    double[] scores = new double[counts.length];
    for (int u = 0; u < heads.size(); u++) {
      for (int w = 0; w < WEIGHTS.length; w++) {
        ItemTermBlend blend = new ItemTermBlend(1, WEIGHTS[w], 0, 0);
        for (int i = 0; i < scores.length; i++) {
          scores[i] = blend.selection(heads.get(u)[i], ItemTermBlend.popularity(counts[i]));
        }
        ndcgs[w][u] = ndcg(scores, picked.get(u));
      }
    }
    double[][] losses = new double[WEIGHTS.length][];
    for (int w = 0; w < WEIGHTS.length; w++) {
      losses[w] = Arrays.stream(ndcgs[w]).map(v -> -v).toArray();
    }
    return WEIGHTS[smallestWithinNoise(losses)];
  }

  /**
   * The one-standard-error rule on paired losses (lower is better, one value per validation user or
   * rating, the same units for every weight): the smallest weight whose mean loss exceeds the best
   * weight's by no more than the standard error of that difference. Pairing matters: two weights
   * that rank most users alike differ by little, however noisy each mean is.
   *
   * @param losses one row per weight of {@link #WEIGHTS}
   * @return the chosen row
   */
  static int smallestWithinNoise(double[][] losses) {
    int best = 0;
    for (int w = 1; w < losses.length; w++) {
      if (mean(losses[w]) < mean(losses[best])) {
        best = w;
      }
    }
    for (int w = 0; w < best; w++) {
      double[] excess = new double[losses[w].length];
      for (int u = 0; u < excess.length; u++) {
        excess[u] = losses[w][u] - losses[best][u];
      }
      if (mean(excess) <= standardError(excess)) {
        return w;
      }
    }
    return best;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** The standard error of the mean; 0 for fewer than two values. */
  private static double standardError(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    double mean = mean(values);
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (values.length - 1) / values.length);
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
      heads[i] = Vectors.dot(taste, items[i]);
    }
    return heads;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
