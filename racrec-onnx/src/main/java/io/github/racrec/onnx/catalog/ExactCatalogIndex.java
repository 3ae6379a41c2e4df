package io.github.racrec.onnx.catalog;

import io.github.racrec.api.CatalogIndex;
import io.github.racrec.api.CatalogItem;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.api.ScoredItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exact {@link CatalogIndex} over a {@link CatalogFile}: every item is scored (inner product
 * with the query) and a bounded {@link TopK} keeps the best {@code k}. Items whose score is NaN or
 * negative infinity (possible only with non-finite or overflowing vectors) are never returned.
 *
 * <p>The scan is split over threads ({@link ScanSettings#threads()}, default one per processor),
 * reads float32, bfloat16 or int8 vectors from the heap or from the memory mapping, and runs on the
 * JDK's Vector API where the JVM has {@code jdk.incubator.vector} ({@code --add-modules
 * jdk.incubator.vector}); otherwise on plain loops, with one log line saying so. Batches of queries
 * score each block of the catalog against a whole group of queries at once.
 *
 * <p>Thread-safety: safe for concurrent use; each search has its own top-k buffers and blocks, and
 * concurrent searches share the scan threads.
 *
 * <p>Ownership: the index owns its catalog file and its scan threads and closes them in {@link
 * #close()}.
 */
public final class ExactCatalogIndex implements CatalogIndex {
  private static final Logger LOG = LoggerFactory.getLogger(ExactCatalogIndex.class);

  /**
   * An int8 scan keeps this many candidates per result wanted, at least {@link #RERANK_MINIMUM}.
   */
  private static final int RERANK_FACTOR = 4;

  private static final int RERANK_MINIMUM = 40;

  /**
   * A batch keeps this many candidates beyond {@code k}, re-scored as single searches score them,
   * so that a near-tie at the cut-off, summed in another order, still ends as it does there.
   */
  private static final int BATCH_MARGIN = 8;

  private final CatalogFile catalog;
  private final CatalogScanner scanner;
  private final ScanKernel kernel;

  private ExactCatalogIndex(CatalogFile catalog, ScanSettings settings) {
    this.catalog = catalog;
    ScanKernel kernel =
        switch (settings.kernel()) {
          case AUTO -> ScanKernels.best();
          case SCALAR -> ScalarScanKernel.INSTANCE;
          case VECTOR_API -> {
            ScanKernel vector = ScanKernels.vectorApi();
            if (vector == null) {
              throw new RacrecException(
                  ErrorCode.INVALID_ARGUMENT,
                  "the Vector API kernel cannot run in this JVM: start it with --add-modules"
                      + " jdk.incubator.vector (on a CPU with at least 256-bit vectors)");
            }
            yield vector;
          }
        };
    boolean onHeap =
        switch (settings.residency()) {
          case HEAP -> true;
          case MAPPED -> false;
          case AUTO ->
              (long) catalog.size()
                      * catalog.dimension()
                      * catalog.elementType().bytesPerComponent()
                  <= Runtime.getRuntime().maxMemory() / 4;
        };
    this.kernel = kernel;
    this.scanner =
        new CatalogScanner(StoredVectors.of(catalog, onHeap), kernel, settings.threads());
    LOG.debug(
        "catalog {}: {} items, {}, {} kernel, {} thread(s), vectors {}",
        catalog.path(),
        catalog.size(),
        catalog.elementType(),
        scanner.kernelName(),
        scanner.threads(),
        onHeap ? "on the heap" : "read from the mapping");
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
    return open(path, ScanSettings.defaults());
  }

  /**
   * Opens and verifies a catalog file and indexes it with the given scan settings.
   *
   * @param path the catalog file
   * @param settings threads, residency and kernel of the scan
   * @return the index, which the caller closes
   * @throws NullPointerException if an argument is null
   * @throws RacrecException as {@link CatalogFile#open(Path)}, or with {@link
   *     ErrorCode#INVALID_ARGUMENT} if the settings ask for a kernel this JVM cannot run
   */
  public static ExactCatalogIndex open(Path path, ScanSettings settings) {
    Objects.requireNonNull(settings, "settings");
    CatalogFile catalog = CatalogFile.open(path);
    try {
      return new ExactCatalogIndex(catalog, settings);
    } catch (RuntimeException | Error e) {
      catalog.close();
      throw e;
    }
  }

  /**
   * Indexes an opened catalog and takes ownership of it.
   *
   * @param catalog the catalog; closed when the index is
   * @return the index
   * @throws NullPointerException if {@code catalog} is null
   */
  public static ExactCatalogIndex of(CatalogFile catalog) {
    return of(catalog, ScanSettings.defaults());
  }

  /**
   * Indexes an opened catalog with the given scan settings and takes ownership of it.
   *
   * @param catalog the catalog; closed when the index is
   * @param settings threads, residency and kernel of the scan
   * @return the index
   * @throws NullPointerException if an argument is null
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if the settings ask for a
   *     kernel this JVM cannot run
   */
  public static ExactCatalogIndex of(CatalogFile catalog, ScanSettings settings) {
    return new ExactCatalogIndex(
        Objects.requireNonNull(catalog, "catalog"), Objects.requireNonNull(settings, "settings"));
  }

  /**
   * Returns the name of the scan's inner loop, e.g. {@code vector-api-512bit} or {@code scalar}.
   *
   * @return the kernel name
   */
  public String kernelName() {
    return scanner.kernelName();
  }

  /**
   * Returns how the scan kernel blocks batches in vector registers, e.g. {@code 16 vector
   * registers, batch panels of 6 rows x 2 vectors of 8 floats} on AVX2; it follows the vector width
   * and register count of the CPU the JVM runs on.
   *
   * @return the blocking, for logs and benchmark reports
   */
  public String kernelBlocking() {
    return scanner.kernelBlocking();
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
    if (queries.length == 0) {
      return results;
    }
    int wanted = capacity(k);
    TopK[] found;
    if (catalog.elementType() == ElementType.INT8) {
      // An int8 batch scores exactly as single searches do (integer sums), so it keeps the same
      // candidates and re-ranks them the same way.
      found =
          scanner.scanBatch(queries, candidates(k), (q, top) -> rerank(top, queries[q], wanted));
    } else {
      // A float batch sums in another order: it keeps a margin of candidates and re-scores them
      // with the single search's arithmetic, so that each query ends as its single search does.
      long kept = Math.min(wanted + (long) BATCH_MARGIN, Math.max(1, catalog.size()));
      found =
          scanner.scanBatch(
              queries, (int) kept, (q, top) -> scanner.rescore(top, queries[q], wanted));
    }
    for (TopK top : found) {
      results.add(toItems(top));
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
    scanner.close();
    catalog.close();
  }

  private List<ScoredItem> scan(float[] query, int k, BitSet excluded) {
    return toItems(rerank(scanner.scan(query, candidates(k), excluded), query, capacity(k)));
  }

  private int capacity(int k) {
    return Math.min(k, Math.max(1, catalog.size()));
  }

  /** How many candidates the scan keeps: more for int8, whose scores are re-ranked exactly. */
  private int candidates(int k) {
    if (catalog.elementType() != ElementType.INT8) {
      return capacity(k);
    }
    long wanted = Math.max((long) k * RERANK_FACTOR, RERANK_MINIMUM);
    return (int) Math.min(wanted, Math.max(1, catalog.size()));
  }

  /**
   * For int8 catalogs, scores the candidates again with their float32 vectors and keeps the best
   * {@code k}: the scan reads a quarter of the bytes, and the exact scores restore the order.
   */
  private TopK rerank(TopK candidates, float[] query, int k) {
    if (catalog.elementType() != ElementType.INT8) {
      return candidates;
    }
    float[] scores = new float[candidates.size()];
    int[] ordinals = new int[candidates.size()];
    int n = candidates.drainBestFirst(scores, ordinals);
    TopK exact = new TopK(k);
    float[] row = new float[catalog.dimension()];
    float[] score = new float[1];
    for (int i = 0; i < n; i++) {
      catalog.copyExactVector(ordinals[i], row, 0);
      kernel.dotFloat32(query, row, 0, 1, row.length, score); // as a float32 catalog scores it
      exact.offer(score[0], ordinals[i]);
    }
    return exact;
  }

  private List<ScoredItem> toItems(TopK top) {
    float[] bestScores = new float[top.size()];
    int[] bestOrdinals = new int[top.size()];
    int n = top.drainBestFirst(bestScores, bestOrdinals);
    List<ScoredItem> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      result.add(new ScoredItem(bestOrdinals[i], catalog.id(bestOrdinals[i]), bestScores[i]));
    }
    return result;
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
