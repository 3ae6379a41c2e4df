package io.github.racrec.training.eval;

import io.github.racrec.training.eval.EvalData.TestUser;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.IntToDoubleFunction;

/**
 * Computes a test user's ranking metrics from a model's scores. Their values under a random ranking
 * do not depend on the scores: {@link RandomExpectation} computes them from the split.
 *
 * <p>Sampled ranking: each held-out item competes with {@code negatives} items drawn uniformly,
 * without repeats, from the catalog items the user did not review (all of them when fewer). Ties
 * are resolved in expectation: an item tied with {@code t} others is equally likely to sit at any
 * of the {@code t + 1} places, so a constant score scores exactly at chance.
 *
 * <p>Full catalog: all items are ranked, ties broken by a random order seeded by the user.
 */
final class UserMetrics {
  private UserMetrics() {}

  static UserResult compute(
      UserScores scores, TestUser user, int k, int negatives, long seed, boolean useRatings) {
    double[] s = scores.scores();
    int n = s.length;
    int[] positives = user.heldOutItems();
    Set<Integer> positiveSet = new HashSet<>();
    for (int p : positives) {
      positiveSet.add(p);
    }
    Random random = new Random(seed * 1_000_003L + user.profile().userId().hashCode());

    double hr = 0;
    double ndcg = 0;
    double mrr = 0;
    for (int p : positives) {
      int[] candidates = sampleNegatives(n, positiveSet, negatives, random);
      int higher = 0;
      int ties = 0;
      for (int c : candidates) {
        if (s[c] > s[p]) {
          higher++;
        } else if (s[c] == s[p]) {
          ties++;
        }
      }
      hr += expected(higher, ties, x -> x < k ? 1 : 0);
      ndcg += expected(higher, ties, x -> x < k ? 1 / log2(x + 2) : 0);
      mrr += expected(higher, ties, x -> 1.0 / (x + 1));
    }
    int m = positives.length;

    int[] top = topK(s, k, random);
    int hits = 0;
    double dcg = 0;
    for (int rank = 0; rank < top.length; rank++) {
      if (positiveSet.contains(top[rank])) {
        hits++;
        dcg += 1 / log2(rank + 2);
      }
    }
    double idcg = idealDcg(m, k);

    double[] predicted = new double[m];
    double[] values = useRatings ? scores.ratings().orElseThrow() : s;
    for (int i = 0; i < m; i++) {
      predicted[i] = values[positives[i]];
    }
    return new UserResult(
        user.profile().userId(),
        hr / m,
        ndcg / m,
        mrr / m,
        hits > 0 ? 1 : 0,
        dcg / idcg,
        (double) hits / m,
        top,
        predicted,
        user.heldOutRatings());
  }

  /** The mean of {@code value(higher + x)} over x = 0..ties. */
  static double expected(int higher, int ties, IntToDoubleFunction value) {
    double sum = 0;
    for (int x = 0; x <= ties; x++) {
      sum += value.applyAsDouble(higher + x);
    }
    return sum / (ties + 1);
  }

  private static int[] sampleNegatives(int n, Set<Integer> positives, int wanted, Random random) {
    int pool = n - positives.size();
    if (pool <= wanted) {
      int[] all = new int[pool];
      int next = 0;
      for (int i = 0; i < n; i++) {
        if (!positives.contains(i)) {
          all[next++] = i;
        }
      }
      return all;
    }
    Set<Integer> chosen = new HashSet<>();
    int[] sample = new int[wanted];
    int next = 0;
    while (next < wanted) {
      int candidate = random.nextInt(n);
      if (!positives.contains(candidate) && chosen.add(candidate)) {
        sample[next++] = candidate;
      }
    }
    return sample;
  }

  /** Indexes of the k best scores, best first; ties broken by random keys. */
  private static int[] topK(double[] s, int k, Random random) {
    int size = Math.min(k, s.length);
    double[] keys = new double[s.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = random.nextDouble();
    }
    PriorityQueue<Integer> worstFirst =
        new PriorityQueue<>(
            (a, b) -> s[a] != s[b] ? Double.compare(s[a], s[b]) : Double.compare(keys[a], keys[b]));
    for (int i = 0; i < s.length; i++) {
      worstFirst.add(i);
      if (worstFirst.size() > size) {
        worstFirst.poll();
      }
    }
    int[] top = new int[size];
    for (int r = size - 1; r >= 0; r--) {
      top[r] = worstFirst.poll();
    }
    return top;
  }

  /** The DCG@k of a ranking that puts all m relevant items first. */
  static double idealDcg(int m, int k) {
    double idcg = 0;
    for (int rank = 0; rank < Math.min(m, k); rank++) {
      idcg += 1 / log2(rank + 2);
    }
    return idcg;
  }

  /** P(none of m relevant items in a random top k of n) = C(n-m, k) / C(n, k). */
  static double missAll(int n, int m, int k) {
    double miss = 1;
    for (int i = 0; i < k; i++) {
      miss *= Math.max(0.0, (double) (n - m - i) / (n - i));
    }
    return miss;
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
