package io.github.racrec.training.eval;

import java.util.List;
import java.util.Locale;

/**
 * An evaluation protocol: how many overlapping users become cold-start test users, and which
 * metrics it reports. Every protocol hides all target reviews of test and validation users, and
 * selects models on validation users only.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name a name for reports
 * @param testFraction share of eligible overlapping users made test users
 * @param validationFraction share of the remaining users made validation users
 * @param negatives unseen items sampled per held-out item for sampled ranking metrics
 * @param metrics the metrics this protocol reports
 */
public record Protocol(
    String name,
    double testFraction,
    double validationFraction,
    int negatives,
    List<Metric> metrics) {

  /** Validation users: 10 % of the users who are not test users. */
  public static final double VALIDATION_FRACTION = 0.1;

  /** Unseen items sampled per held-out item, as CDRIB does. */
  public static final int NEGATIVES = 999;

  /**
   * Copies the metric list.
   *
   * @throws NullPointerException if it is null
   */
  public Protocol {
    metrics = List.copyOf(metrics);
  }

  /**
   * Protocol A (PTUPCDR/EMCDR family): a share {@code beta} of overlapping users are cold-start
   * test users; rating prediction on their hidden target ratings.
   *
   * @param beta the test share, e.g. 0.2, 0.5 or 0.8
   * @return the protocol
   */
  public static Protocol a(double beta) {
    return new Protocol(
        String.format(Locale.ROOT, "A (beta=%.0f%%)", beta * 100),
        beta,
        VALIDATION_FRACTION,
        NEGATIVES,
        List.of(Metric.RMSE, Metric.MAE));
  }

  /**
   * Protocol B (CDRIB family): 20 % test users; each hidden target item ranked against 999 sampled
   * unseen items (or the whole pool when smaller), and the full catalog ranked too.
   *
   * @return the protocol
   */
  public static Protocol b() {
    return new Protocol(
        "B (ranking)",
        0.2,
        VALIDATION_FRACTION,
        NEGATIVES,
        List.of(
            Metric.HR_SAMPLED,
            Metric.NDCG_SAMPLED,
            Metric.MRR_SAMPLED,
            Metric.HR_FULL,
            Metric.NDCG_FULL,
            Metric.RECALL_FULL,
            Metric.COVERAGE));
  }

  /**
   * The original project's protocol, made leak-free: an 80/20 user split, pointwise AUC over the
   * hidden target ratings (positive: 4 stars or more) and RMSE.
   *
   * @return the protocol
   */
  public static Protocol original() {
    return new Protocol(
        "original (80/20, leak-free)",
        0.2,
        VALIDATION_FRACTION,
        NEGATIVES,
        List.of(Metric.AUC, Metric.RMSE));
  }
}
