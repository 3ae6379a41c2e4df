package io.github.racrec.training.eval;

import io.github.racrec.training.eval.EvalData.TestUser;
import java.util.Arrays;

/**
 * One test user's ranking metrics under a uniformly random ranking, as exact expectations.
 *
 * <p>They follow from the split alone: the size of the catalog, the user's held-out items, the
 * cut-off and the number of sampled negatives (how many items each held-out item competes with, not
 * which). No model enters, so every model of a split has the same random baseline.
 *
 * <p>Thread-safety: immutable.
 *
 * @param hrSampled HR@k among sampled negatives, averaged over held-out items
 * @param ndcgSampled likewise NDCG@k
 * @param mrrSampled likewise reciprocal rank
 * @param hrFull the probability that a held-out item is in the full-catalog top k
 * @param ndcgFull full-catalog NDCG@k
 * @param recallFull the share of held-out items in the full-catalog top k
 */
record RandomExpectation(
    double hrSampled,
    double ndcgSampled,
    double mrrSampled,
    double hrFull,
    double ndcgFull,
    double recallFull) {

  /**
   * Computes a test user's expectations the way {@link UserMetrics} computes a model's metrics, so
   * that a constant score lands on them.
   *
   * @param user the test user, with at least one held-out item in the catalog
   * @param catalogSize the items of the split's catalog
   * @param k the cut-off
   * @param negatives sampled negatives per held-out item (all unseen items when fewer)
   * @return the expectations
   */
  static RandomExpectation of(TestUser user, int catalogSize, int k, int negatives) {
    int n = catalogSize;
    int[] positives = user.heldOutItems();
    int m = positives.length;
    int unseen = n - (int) Arrays.stream(positives).distinct().count();
    int ranked = Math.min(unseen, negatives) + 1;
    // Summed per held-out item and then divided, as UserMetrics sums a model's values.
    double hr = 0;
    double ndcg = 0;
    double mrr = 0;
    for (int i = 0; i < m; i++) {
      hr += UserMetrics.expected(0, ranked - 1, x -> x < k ? 1 : 0);
      ndcg += UserMetrics.expected(0, ranked - 1, x -> x < k ? 1 / UserMetrics.log2(x + 2) : 0);
      mrr += UserMetrics.expected(0, ranked - 1, x -> 1.0 / (x + 1));
    }
    int shown = Math.min(k, n);
    double ndcgFull = 0;
    for (int rank = 0; rank < shown; rank++) {
      ndcgFull += ((double) m / n) / UserMetrics.log2(rank + 2);
    }
    ndcgFull /= UserMetrics.idealDcg(m, k);
    return new RandomExpectation(
        hr / m,
        ndcg / m,
        mrr / m,
        1 - UserMetrics.missAll(n, m, shown),
        ndcgFull,
        (double) shown / n);
  }
}
