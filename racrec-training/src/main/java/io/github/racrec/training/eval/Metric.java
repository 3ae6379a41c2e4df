package io.github.racrec.training.eval;

/**
 * The metrics the evaluator reports, at cut-off {@code k} (10 by default).
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum Metric {
  /** Root mean squared error of predicted ratings (pooled over the held-out ratings). */
  RMSE("RMSE", false),
  /** Mean absolute error of predicted ratings (pooled). */
  MAE("MAE", false),
  /**
   * Pointwise AUC over held-out ratings, positive = rating of 4 or more, by predicted rating (or
   * score for ranking-only models); computed per split and averaged.
   */
  AUC("AUC", true),
  /** Sampled ranking: the held-out item among sampled unseen items is in the top k. */
  HR_SAMPLED("HR@k sampled", true),
  /** Sampled ranking: NDCG of the held-out item among sampled unseen items. */
  NDCG_SAMPLED("NDCG@k sampled", true),
  /** Sampled ranking: reciprocal rank of the held-out item among sampled unseen items. */
  MRR_SAMPLED("MRR sampled", true),
  /** Full catalog: at least one held-out item is in the top k. */
  HR_FULL("HR@k", true),
  /** Full catalog: NDCG@k of the held-out items (binary relevance). */
  NDCG_FULL("NDCG@k", true),
  /** Full catalog: share of the user's held-out items in the top k. */
  RECALL_FULL("Recall@k", true),
  /**
   * Full catalog: share of catalog items that appear in some test user's top k, averaged over
   * splits. A population statistic: reported without a bootstrap interval.
   */
  COVERAGE("Coverage@k", true);

  private final String label;
  private final boolean higherIsBetter;

  Metric(String label, boolean higherIsBetter) {
    this.label = label;
    this.higherIsBetter = higherIsBetter;
  }

  /**
   * Returns the label for a cut-off.
   *
   * @param k the cut-off
   * @return e.g. {@code "HR@10 sampled"}
   */
  public String label(int k) {
    return label.replace("@k", "@" + k);
  }

  /**
   * Returns whether larger values are better.
   *
   * @return {@code true} for accuracy-like metrics
   */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /**
   * Returns whether the metric needs rating predictions.
   *
   * @return {@code true} for RMSE and MAE
   */
  public boolean needsRatings() {
    return this == RMSE || this == MAE;
  }
}
