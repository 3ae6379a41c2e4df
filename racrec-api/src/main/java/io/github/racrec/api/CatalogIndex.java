package io.github.racrec.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A catalog of target-domain items, one vector each, searchable by exact top-k.
 *
 * <p>The score of an item for a query is the inner product of the two vectors; for cosine
 * similarity, store and query unit vectors. Results are ranked by score, highest first; equal
 * scores are ranked by catalog order (lower {@linkplain CatalogItem#ordinal() ordinal} first), so a
 * search is deterministic.
 *
 * <p>Thread-safety: implementations are safe for concurrent use by any number of threads.
 *
 * <p>Ownership: whoever opens an index closes it. {@link #close()} is idempotent; searches and item
 * look-ups after it throw {@link IllegalStateException}; {@link #size()}, {@link #dimension()} and
 * the fingerprints keep answering.
 */
public interface CatalogIndex extends AutoCloseable {

  /**
   * Returns the number of items.
   *
   * @return the number of items, at least 0
   */
  int size();

  /**
   * Returns the length of the item vectors; queries must have this length.
   *
   * @return the dimension, at least 1
   */
  int dimension();

  /**
   * Returns the fingerprint of the model that produced the item vectors. Queries must come from the
   * same model for their scores to mean anything.
   *
   * @return the model fingerprint recorded in the catalog
   */
  String modelFingerprint();

  /**
   * Returns a fingerprint of this catalog's content.
   *
   * @return a non-empty string that changes whenever the items or their vectors change
   */
  String fingerprint();

  /**
   * Finds the {@code k} best-scoring items for a query.
   *
   * @param query a vector of length {@link #dimension()}
   * @param k how many items to return; if larger than the catalog, all items are returned
   * @return at most {@code k} items, best first
   * @throws NullPointerException if {@code query} is null
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if {@code k < 1} or the query
   *     has the wrong length, or with {@link ErrorCode#INVALID_INPUT} if it holds NaN or infinity
   * @throws IllegalStateException if the index is closed
   */
  default List<ScoredItem> search(float[] query, int k) {
    return search(query, k, Set.of());
  }

  /**
   * Finds the {@code k} best-scoring items for a query, leaving out the given items (for example
   * the items the user already knows).
   *
   * @param query a vector of length {@link #dimension()}
   * @param k how many items to return
   * @param excludedItemIds ids of items never to return; ids not in the catalog are ignored
   * @return at most {@code k} items, best first, none of them excluded
   * @throws NullPointerException if an argument is null
   * @throws RacrecException as {@link #search(float[], int)}
   * @throws IllegalStateException if the index is closed
   */
  List<ScoredItem> search(float[] query, int k, Set<String> excludedItemIds);

  /**
   * Finds the {@code k} best-scoring items for each of several queries. Gives the same results as
   * calling {@link #search(float[], int)} for each query, and may be faster.
   *
   * @param queries the queries, each of length {@link #dimension()}
   * @param k how many items to return per query
   * @return one result list per query, in the order given
   * @throws NullPointerException if {@code queries} or one of its elements is null
   * @throws RacrecException as {@link #search(float[], int)}
   * @throws IllegalStateException if the index is closed
   */
  List<List<ScoredItem>> searchBatch(float[][] queries, int k);

  /**
   * Looks an item up by id.
   *
   * @param itemId the item's id
   * @return the item, or empty if the catalog has no item with that id
   * @throws NullPointerException if {@code itemId} is null
   * @throws IllegalStateException if the index is closed
   */
  Optional<CatalogItem> item(String itemId);

  /**
   * Returns the item at a position in the catalog.
   *
   * @param ordinal the position, from 0 to {@code size() - 1}
   * @return the item
   * @throws IndexOutOfBoundsException if {@code ordinal} is out of range
   * @throws IllegalStateException if the index is closed
   */
  CatalogItem item(int ordinal);

  /**
   * Returns the vector of the item at a position, as it is scored (a quantized catalog returns the
   * dequantized values).
   *
   * @param ordinal the position, from 0 to {@code size() - 1}
   * @return a new array of length {@link #dimension()}
   * @throws IndexOutOfBoundsException if {@code ordinal} is out of range
   * @throws IllegalStateException if the index is closed
   */
  float[] vector(int ordinal);

  /** Releases the catalog's memory or file mapping. Idempotent. */
  @Override
  void close();
}
