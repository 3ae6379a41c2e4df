package io.github.racrec.onnx.catalog;

import io.github.racrec.api.CatalogIndex;
import io.github.racrec.api.CatalogItem;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.api.ScoredItem;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The exact {@link CatalogIndex} over a {@link CatalogFile}: every item is scored (inner product
 * with the query) and a bounded heap keeps the best {@code k}.
 *
 * <p>Thread-safety: safe for concurrent use; each search has its own heap and buffer views.
 *
 * <p>Ownership: the index owns its catalog file and closes it in {@link #close()}.
 */
public final class ExactCatalogIndex implements CatalogIndex {
  /** Rows scored per call of the inner loop: a small method the JIT compiles early. */
  private static final int BLOCK_ROWS = 1024;

  private final CatalogFile catalog;

  private ExactCatalogIndex(CatalogFile catalog) {
    this.catalog = catalog;
  }

  /**
   * Opens and verifies a catalog file and indexes it.
   *
   * @param path the catalog file
   * @return the index, which the caller closes
   * @throws NullPointerException if {@code path} is null
   * @throws RacrecException as {@link CatalogFile#open(Path)}
   */
  public static ExactCatalogIndex open(Path path) {
    return new ExactCatalogIndex(CatalogFile.open(path));
  }

  /**
   * Indexes an opened catalog and takes ownership of it.
   *
   * @param catalog the catalog; closed when the index is
   * @return the index
   * @throws NullPointerException if {@code catalog} is null
   */
  public static ExactCatalogIndex of(CatalogFile catalog) {
    return new ExactCatalogIndex(Objects.requireNonNull(catalog, "catalog"));
  }

  /**
   * Returns the catalog file behind this index.
   *
   * @return the catalog
   */
  public CatalogFile catalog() {
    return catalog;
  }

  @Override
  public int size() {
    return catalog.size();
  }

  @Override
  public int dimension() {
    return catalog.dimension();
  }

  @Override
  public String modelFingerprint() {
    return catalog.modelFingerprint();
  }

  @Override
  public String fingerprint() {
    return catalog.fingerprint();
  }

  @Override
  public List<ScoredItem> search(float[] query, int k, Set<String> excludedItemIds) {
    Objects.requireNonNull(excludedItemIds, "excludedItemIds");
    checkQuery(query);
    checkK(k);
    BitSet excluded = new BitSet();
    for (String id : excludedItemIds) {
      OptionalInt ordinal = catalog.ordinalOf(Objects.requireNonNull(id, "excluded id"));
      ordinal.ifPresent(excluded::set);
    }
    return scan(query, k, excluded);
  }

  @Override
  public List<List<ScoredItem>> searchBatch(float[][] queries, int k) {
    Objects.requireNonNull(queries, "queries");
    checkK(k);
    for (float[] query : queries) {
      checkQuery(query);
    }
    List<List<ScoredItem>> results = new ArrayList<>(queries.length);
    for (float[] query : queries) {
      results.add(scan(query, k, new BitSet()));
    }
    return results;
  }

  @Override
  public Optional<CatalogItem> item(String itemId) {
    OptionalInt ordinal = catalog.ordinalOf(itemId);
    return ordinal.isPresent() ? Optional.of(item(ordinal.getAsInt())) : Optional.empty();
  }

  @Override
  public CatalogItem item(int ordinal) {
    return new CatalogItem(ordinal, catalog.id(ordinal), catalog.title(ordinal));
  }

  @Override
  public float[] vector(int ordinal) {
    float[] vector = new float[catalog.dimension()];
    catalog.copyVector(ordinal, vector, 0);
    return vector;
  }

  @Override
  public void close() {
    catalog.close();
  }

  private List<ScoredItem> scan(float[] query, int k, BitSet excluded) {
    int dim = catalog.dimension();
    TopK top = new TopK(Math.min(k, Math.max(1, catalog.size())));
    float[] scores = new float[BLOCK_ROWS];
    for (int c = 0; c < catalog.chunkCount(); c++) {
      FloatBuffer chunk = catalog.chunk(c);
      int chunkRows = chunk.capacity() / dim;
      int firstOrdinal = c * catalog.rowsPerChunk();
      for (int from = 0; from < chunkRows; from += BLOCK_ROWS) {
        int rows = Math.min(BLOCK_ROWS, chunkRows - from);
        scoreBlock(chunk, from, rows, dim, query, scores);
        for (int r = 0; r < rows; r++) {
          int ordinal = firstOrdinal + from + r;
          if (!excluded.get(ordinal)) {
            top.offer(scores[r], ordinal);
          }
        }
      }
    }
    float[] bestScores = new float[top.size()];
    int[] bestOrdinals = new int[top.size()];
    int n = top.drainBestFirst(bestScores, bestOrdinals);
    List<ScoredItem> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      result.add(new ScoredItem(bestOrdinals[i], catalog.id(bestOrdinals[i]), bestScores[i]));
    }
    return result;
  }

  /** Inner products of {@code rows} consecutive rows with the query. */
  private static void scoreBlock(
      FloatBuffer vectors, int firstRow, int rows, int dim, float[] query, float[] scores) {
    for (int r = 0; r < rows; r++) {
      int base = (firstRow + r) * dim;
      float sum = 0f;
      for (int j = 0; j < dim; j++) {
        sum += query[j] * vectors.get(base + j);
      }
      scores[r] = sum;
    }
  }

  private void checkQuery(float[] query) {
    Objects.requireNonNull(query, "query");
    if (query.length != catalog.dimension()) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          "query has length " + query.length + ", the catalog's vectors " + catalog.dimension());
    }
    for (float value : query) {
      if (!Float.isFinite(value)) {
        throw new RacrecException(ErrorCode.INVALID_INPUT, "query holds " + value);
      }
    }
  }

  private static void checkK(int k) {
    if (k < 1) {
      throw new RacrecException(ErrorCode.INVALID_ARGUMENT, "k must be at least 1, got " + k);
    }
  }
}
