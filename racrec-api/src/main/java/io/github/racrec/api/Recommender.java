package io.github.racrec.api;

import java.util.List;
import java.util.Set;

/**
 * Recommends target-domain items to a user known only by their source-domain reviews.
 *
 * <p>The user needs no history in the target domain (a cold-start user). Which of the given reviews
 * count is decided by the recommender's {@link ReviewWindow} (by default the newest 10).
 *
 * <p>Thread-safety: implementations are safe for concurrent use by any number of threads.
 *
 * <p>Ownership: an implementation states whether it owns the encoder and catalog it uses. {@link
 * #close()} releases what it owns, is idempotent, and makes later calls throw {@link
 * IllegalStateException}.
 */
public interface Recommender extends AutoCloseable {

  /**
   * Recommends the {@code k} best items for a user.
   *
   * @param sourceReviews the user's reviews in the source domain; at least one
   * @param k how many items to return, at least 1; if larger than the catalog, all items
   * @return at most {@code k} recommendations, best first
   * @throws NullPointerException if {@code sourceReviews} or one of its elements is null
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if {@code k < 1} or the list is
   *     empty, with {@link ErrorCode#INVALID_INPUT} if a counted review text is blank, or with
   *     {@link ErrorCode#INFERENCE_FAILED} if a model fails
   * @throws IllegalStateException if the recommender is closed
   */
  default List<Recommendation> recommend(List<Review> sourceReviews, int k) {
    return recommend(sourceReviews, k, Set.of());
  }

  /**
   * Recommends the {@code k} best items for a user, leaving out the given items.
   *
   * @param sourceReviews the user's reviews in the source domain; at least one
   * @param k how many items to return, at least 1
   * @param excludedItemIds ids of items never to recommend (e.g. those the user already has)
   * @return at most {@code k} recommendations, best first
   * @throws NullPointerException if an argument or an element of {@code sourceReviews} is null
   * @throws RacrecException as {@link #recommend(List, int)}
   * @throws IllegalStateException if the recommender is closed
   */
  List<Recommendation> recommend(List<Review> sourceReviews, int k, Set<String> excludedItemIds);

  /** Releases what this recommender owns. Idempotent. */
  @Override
  void close();
}
