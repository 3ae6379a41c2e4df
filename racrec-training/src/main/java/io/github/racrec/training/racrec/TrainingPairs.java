package io.github.racrec.training.racrec;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.racrec.training.eval.EvalData;
import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.TrainingData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The (user, item, rating) pairs a RACRec model trains or validates on, with the vectors they read,
 * and their batches as DJL inputs {@code [u_s, u_t, i_t, j_t]}.
 *
 * <p>Where a pair's own review was taken out of the user's target mean or of the item's vector
 * ({@link Correction#EXCLUDE_OWN_REVIEW}), the pair carries its own copies of those vectors;
 * otherwise the arrays hold null and the shared vectors are read.
 *
 * <p>Thread-safety: immutable by convention (arrays are not copied).
 *
 * @param catalogVectors the catalog's item vectors
 * @param sourceMeans each user's mean source vector
 * @param targetMeans each user's mean target vector
 * @param users each pair's user index
 * @param items each pair's item index
 * @param ratings each pair's rating
 * @param ownTargetMeans each pair's target mean without its own review, or null
 * @param ownItemVectors each pair's item vector without its own review, or null
 * @param ratedByUser each user's rated items, sorted and distinct
 * @param skipped ratings left out: their item had no other review to describe it
 */
record TrainingPairs(
    float[][] catalogVectors,
    float[][] sourceMeans,
    float[][] targetMeans,
    int[] users,
    int[] items,
    float[] ratings,
    float[][] ownTargetMeans,
    float[][] ownItemVectors,
    int[][] ratedByUser,
    int skipped) {

  /** Whether the rated review stays in the vectors its pair reads. */
  private enum OwnReview {
    KEPT,
    EXCLUDED
  }

  /** Whether a batch carries the users' target means (training) or zeros (cold-start users). */
  private enum TargetSide {
    VISIBLE,
    HIDDEN
  }

  /** The pairs of the users' ratings, each reading the vectors as they are. */
  static TrainingPairs asRated(List<TrainUser> users, TrainingData.Catalog catalog) {
    return of(users, catalog, OwnReview.KEPT);
  }

  /**
   * The pairs of the users' ratings, each rated review taken out of the user's target mean and the
   * item's vector; ratings of items that no other review describes are skipped.
   */
  static TrainingPairs withoutOwnReviews(List<TrainUser> users, TrainingData.Catalog catalog) {
    return of(users, catalog, OwnReview.EXCLUDED);
  }

  private static TrainingPairs of(
      List<TrainUser> users, TrainingData.Catalog catalog, OwnReview ownReview) {
    List<Integer> pairUsers = new ArrayList<>();
    List<Integer> pairItems = new ArrayList<>();
    List<Float> pairRatings = new ArrayList<>();
    List<float[]> ownTargets = new ArrayList<>();
    List<float[]> ownItems = new ArrayList<>();
    int skipped = 0;
    float[][] sources = new float[users.size()][];
    float[][] targets = new float[users.size()][];
    int[][] rated = new int[users.size()][];
    boolean exclude = ownReview == OwnReview.EXCLUDED;
    for (int u = 0; u < users.size(); u++) {
      TrainUser user = users.get(u);
      sources[u] = user.profile().sourceMean();
      targets[u] = user.targetMean();
      rated[u] = Arrays.stream(user.targetItems()).distinct().sorted().toArray();
      EvalData.OwnReviews own = user.ownReviews();
      for (int k = 0; k < user.targetItems().length; k++) {
        int item = user.targetItems()[k];
        float[] ownTarget = null;
        float[] ownItem = null;
        if (exclude && own.inItemVector()[k]) {
          int count = catalog.vectorReviewCounts()[item];
          if (count < 2) {
            skipped++;
            continue;
          }
          ownItem = withoutOne(catalog.vectors()[item], count, own.vectors()[k]);
        }
        if (exclude && own.inTargetMean()[k]) {
          ownTarget = withoutOne(user.targetMean(), own.targetMeanCount(), own.vectors()[k]);
        }
        pairUsers.add(u);
        pairItems.add(item);
        pairRatings.add(user.targetRatings()[k]);
        ownTargets.add(ownTarget);
        ownItems.add(ownItem);
      }
    }
    float[] ratings = new float[pairRatings.size()];
    for (int i = 0; i < ratings.length; i++) {
      ratings[i] = pairRatings.get(i);
    }
    return new TrainingPairs(
        catalog.vectors(),
        sources,
        targets,
        pairUsers.stream().mapToInt(Integer::intValue).toArray(),
        pairItems.stream().mapToInt(Integer::intValue).toArray(),
        ratings,
        ownTargets.toArray(new float[0][]),
        ownItems.toArray(new float[0][]),
        rated,
        skipped);
  }

  /** The mean of {@code count} vectors with one of them taken out; zeros if none is left. */
  static float[] withoutOne(float[] mean, int count, float[] removed) {
    float[] rest = new float[mean.length];
    if (count > 1) {
      for (int j = 0; j < mean.length; j++) {
        rest[j] = (mean[j] * count - removed[j]) / (count - 1);
      }
    }
    return rest;
  }

  int size() {
    return ratings.length;
  }

  int[] identityOrder() {
    int[] order = new int[size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    return order;
  }

  /** A seeded Fisher-Yates shuffle of the pair indexes. */
  int[] shuffledOrder(Random random) {
    int[] order = identityOrder();
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /**
   * A training batch of pairs {@code order[from..to)}: {@code [u_s, u_t, i_t, j_t]}, with j_t an
   * unrated item of each pair's user (zeros where none is drawn).
   */
  NDList trainingBatch(
      NDManager manager, int[] order, int from, int to, UnratedItems unratedItems) {
    return batch(manager, order, from, to, TargetSide.VISIBLE, unratedItems);
  }

  /** The batch of pairs {@code order[from..to)} as cold-start users see it: u_t and j_t zeros. */
  NDList coldStartBatch(NDManager manager, int[] order, int from, int to) {
    return batch(manager, order, from, to, TargetSide.HIDDEN, UnratedItems.NONE);
  }

  private NDList batch(
      NDManager manager,
      int[] order,
      int from,
      int to,
      TargetSide targetSide,
      UnratedItems unratedItems) {
    int dim = catalogVectors[0].length;
    int n = to - from;
    float[] us = new float[n * dim];
    float[] ut = new float[n * dim];
    float[] it = new float[n * dim];
    float[] jt = new float[n * dim];
    for (int i = 0; i < n; i++) {
      int pair = order[from + i];
      System.arraycopy(sourceMeans[users[pair]], 0, us, i * dim, dim);
      if (targetSide == TargetSide.VISIBLE) {
        float[] target =
            ownTargetMeans[pair] != null ? ownTargetMeans[pair] : targetMeans[users[pair]];
        System.arraycopy(target, 0, ut, i * dim, dim);
      }
      float[] item =
          ownItemVectors[pair] != null ? ownItemVectors[pair] : catalogVectors[items[pair]];
      System.arraycopy(item, 0, it, i * dim, dim);
      int other = unratedItems.draw(ratedByUser[users[pair]]);
      if (other >= 0) {
        System.arraycopy(catalogVectors[other], 0, jt, i * dim, dim);
      }
    }
    Shape shape = new Shape(n, dim);
    return new NDList(
        TorchArrays.aligned(manager, us, shape),
        TorchArrays.aligned(manager, ut, shape),
        TorchArrays.aligned(manager, it, shape),
        TorchArrays.aligned(manager, jt, shape));
  }

  /** The ratings of pairs {@code order[from..to)}. */
  float[] ratings(int[] order, int from, int to) {
    float[] values = new float[to - from];
    for (int i = 0; i < values.length; i++) {
      values[i] = ratings[order[from + i]];
    }
    return values;
  }
}
