package io.github.racrec.training.eval;

/**
 * One test user's outcome for one model in one split: per-user ranking metrics, their values under
 * a random ranking, the top-k list, and the rating pairs for pooled metrics.
 *
 * <p>Thread-safety: immutable by convention (arrays are not copied).
 *
 * @param userId the user
 * @param hrSampled mean over held-out items of HR@k among sampled negatives
 * @param ndcgSampled likewise NDCG@k
 * @param mrrSampled likewise reciprocal rank
 * @param hrFull 1 if a held-out item is in the full-catalog top k
 * @param ndcgFull full-catalog NDCG@k
 * @param recallFull share of held-out items in the full-catalog top k
 * @param random the same metrics for a random ranking (exact expectations), in the order above
 * @param topK the catalog indexes of the user's top k
 * @param predicted per held-out item: the predicted rating, or the score if no ratings
 * @param actual per held-out item: the true rating
 */
public record UserResult(
    String userId,
    double hrSampled,
    double ndcgSampled,
    double mrrSampled,
    double hrFull,
    double ndcgFull,
    double recallFull,
    double[] random,
    int[] topK,
    double[] predicted,
    float[] actual) {}
