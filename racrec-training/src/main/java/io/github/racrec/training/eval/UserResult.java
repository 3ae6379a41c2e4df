package io.github.racrec.training.eval;

/**
 * One test user's outcome for one model in one split: per-user ranking metrics, the top-k list, and
 * the rating pairs for pooled metrics. (Their values under a random ranking depend on the split
 * alone, not on the model: see {@link RandomExpectation}.)
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
    int[] topK,
    double[] predicted,
    float[] actual) {}
