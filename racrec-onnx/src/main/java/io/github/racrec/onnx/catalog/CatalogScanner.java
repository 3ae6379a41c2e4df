package io.github.racrec.onnx.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The exact scan: splits the catalog's rows into one range per thread, scores each range block by
 * block with a {@link ScanKernel}, keeps each range's best {@code k} in a {@link TopK}, and merges.
 * Nothing is allocated per item; each scan allocates its top-k buffers and one block of buffers per
 * thread.
 *
 * <p>Thread-safety: safe for concurrent scans; they share the worker threads.
 *
 * <p>Ownership: owns its worker threads; {@link #close()} stops them.
 */
final class CatalogScanner implements AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final StoredVectors vectors;
  private final ScanKernel kernel;
  private final int threads;
  private final ExecutorService workers;

  CatalogScanner(StoredVectors vectors, ScanKernel kernel, int threads) {
    this.vectors = vectors;
    this.kernel = kernel;
    this.threads = Math.max(1, Math.min(threads, Math.max(1, vectors.count() / 1024)));
    this.workers = this.threads > 1 ? newWorkers(this.threads - 1) : null;
  }

  private static ExecutorService newWorkers(int count) {
    int pool = POOLS.incrementAndGet();
    AtomicInteger number = new AtomicInteger();
    return new ThreadPoolExecutor(
        count,
        count,
        0,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        task -> {
          Thread thread = new Thread(task, "racrec-scan-" + pool + "-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  String kernelName() {
    return kernel.name();
  }

  int threads() {
    return threads;
  }

  boolean onHeap() {
    return vectors.onHeap();
  }

  /** The best {@code k} rows for one query, rows in {@code excluded} skipped. */
  TopK scan(float[] query, int k, BitSet excluded) {
    Int8Query int8 = int8QueryFor(query);
    List<TopK> parts = runParts((from, to) -> scanRange(query, int8, k, excluded, from, to));
    return merge(parts, k);
  }

  /**
   * The best {@code k} rows for each query. For int8 catalogs the scores are bit for bit those of
   * {@link #scan}: the batch multiplies the same integer query with the rows' integers, and every
   * partial sum is an integer that float32 holds exactly (see {@link Int8Query}).
   */
  TopK[] scanBatch(float[][] queries, int k) {
    QueryGroups groups =
        vectors.type() == ElementType.INT8
            ? QueryGroups.ofInt8(queries, kernel.groupWidth(), vectors.dimension())
            : new QueryGroups(queries, null, kernel.groupWidth(), vectors.dimension());
    List<TopK[]> parts = runParts((from, to) -> scanRangeBatch(groups, k, from, to));
    TopK[] merged = new TopK[queries.length];
    for (int q = 0; q < queries.length; q++) {
      List<TopK> perQuery = new ArrayList<>(parts.size());
      for (TopK[] part : parts) {
        perQuery.add(part[q]);
      }
      merged[q] = merge(perQuery, k);
    }
    return merged;
  }

  /**
   * Scores the candidates again one row at a time, with the same arithmetic as {@link #scan}, and
   * keeps the best {@code k}: the batch kernel sums in another order, and this makes a batch return
   * exactly what single searches return.
   */
  TopK rescore(TopK candidates, float[] query, int k) {
    float[] scores = new float[candidates.size()];
    int[] ordinals = new int[candidates.size()];
    int n = candidates.drainBestFirst(scores, ordinals);
    TopK top = new TopK(k);
    Int8Query int8 = int8QueryFor(query);
    StoredVectors.Block block = vectors.newBlock(1); // one row at a time: no block-sized buffers
    for (int i = 0; i < n; i++) {
      vectors.load(ordinals[i], 1, block);
      top.offer(score(query, int8, block, 1, ordinals[i])[0], ordinals[i]);
    }
    return top;
  }

  /** The integer form of the query that int8 rows are scored with; null for other types. */
  private Int8Query int8QueryFor(float[] query) {
    return vectors.type() == ElementType.INT8 ? Int8Query.of(query) : null;
  }

  /** Scores {@code n} loaded rows into {@code block.scores}, int8 scales applied. */
  private float[] score(
      float[] query, Int8Query int8, StoredVectors.Block block, int n, int firstRow) {
    float[] scores = block.scores;
    int dim = vectors.dimension();
    switch (vectors.type()) {
      case FLOAT32 -> kernel.dotFloat32(query, (float[]) block.array, block.offset, n, dim, scores);
      case BFLOAT16 ->
          kernel.dotBfloat16(query, (short[]) block.array, block.offset, n, dim, scores);
      case INT8 -> {
        kernel.dotInt8(int8.components, (byte[]) block.array, block.offset, n, dim, scores);
        for (int r = 0; r < n; r++) {
          scores[r] *= int8.scale * vectors.scale(firstRow + r);
        }
      }
    }
    return scores;
  }

  private TopK scanRange(float[] query, Int8Query int8, int k, BitSet excluded, int from, int to) {
    TopK top = new TopK(k);
    StoredVectors.Block block = vectors.newBlock();
    boolean anyExcluded = !excluded.isEmpty();
    for (int row = from; row < to; ) {
      int n = vectors.blockLength(row, to);
      vectors.load(row, n, block);
      float[] scores = score(query, int8, block, n, row);
      // Most rows lose to the current k-th best: test that first, in a local.
      float threshold = top.threshold();
      for (int r = 0; r < n; r++) {
        float score = scores[r];
        if (score >= threshold && !(anyExcluded && excluded.get(row + r))) {
          top.offer(score, row + r);
          threshold = top.threshold();
        }
      }
      row += n;
    }
    return top;
  }

  private TopK[] scanRangeBatch(QueryGroups groups, int k, int from, int to) {
    TopK[] tops = new TopK[groups.count];
    for (int q = 0; q < tops.length; q++) {
      tops[q] = new TopK(k);
    }
    // Each group's thresholds: what a score must reach to enter its query's top k. Unused columns
    // never enter.
    float[][] thresholds = new float[groups.packed.length][];
    for (int g = 0; g < thresholds.length; g++) {
      thresholds[g] = new float[groups.widths[g]];
      Arrays.fill(thresholds[g], Float.POSITIVE_INFINITY);
      Arrays.fill(thresholds[g], 0, groups.members(g), Float.NEGATIVE_INFINITY);
    }
    float[] scores = new float[vectors.blockRows() * kernel.groupWidth()];
    StoredVectors.Block block = vectors.newBlock();
    int dim = vectors.dimension();
    for (int row = from; row < to; ) {
      int n = vectors.blockLength(row, to);
      vectors.loadFloats(row, n, block, kernel);
      float[] rows = (float[]) block.array;
      for (int g = 0; g < groups.packed.length; g++) {
        int width = groups.widths[g];
        kernel.dotFloat32Batch(groups.packed[g], width, rows, block.offset, n, dim, scores);
        if (groups.scales != null) {
          kernel.scaleBatchScores(scores, n, width, groups.scales[g], vectors.int8Scales(), row);
        }
        offerBatchScores(scores, n, width, row, thresholds[g], tops, g * kernel.groupWidth());
      }
      row += n;
    }
    return tops;
  }

  /**
   * Offers a block's scores of one group to the queries' top-k buffers. Most rows lose for every
   * query: one vector comparison per row finds the few that do not, and one per vector of queries
   * the few queries they may enter.
   */
  private void offerBatchScores(
      float[] scores, int n, int width, int firstRow, float[] thresholds, TopK[] tops, int first) {
    int members = Math.min(width, tops.length - first);
    int lanes = Math.max(1, kernel.groupWidth() / 4); // one vector of the kernel
    for (int r = 0; r < n; r++) {
      int at = r * width;
      if (!kernel.anyAtLeast(scores, at, thresholds, 0, width)) {
        continue;
      }
      for (int from = 0; from < members; from += lanes) {
        if (width > lanes && !kernel.anyAtLeast(scores, at + from, thresholds, from, lanes)) {
          continue;
        }
        for (int q = from; q < Math.min(members, from + lanes); q++) {
          float score = scores[at + q];
          if (score >= thresholds[q]) {
            TopK top = tops[first + q];
            top.offer(score, firstRow + r);
            thresholds[q] = top.threshold();
          }
        }
      }
    }
  }

  /** Queries transposed in groups, the layout {@link ScanKernel#dotFloat32Batch} reads. */
  private static final class QueryGroups {
    final int count;
    final int groupWidth;
    final float[][] packed;
    final int[] widths;

    /** For int8: each group's query scales, by column (unused columns 0); else null. */
    final float[][] scales;

    /**
     * @param queries the queries
     * @param queryScales a scale per query that the scores are multiplied by, or null for none
     */
    QueryGroups(float[][] queries, float[] queryScales, int groupWidth, int dim) {
      this.count = queries.length;
      this.groupWidth = groupWidth;
      int step = Math.max(1, groupWidth / 4); // widths are whole vectors of the kernel
      int groups = (count + groupWidth - 1) / groupWidth;
      this.packed = new float[groups][];
      this.widths = new int[groups];
      this.scales = queryScales == null ? null : new float[groups][];
      for (int g = 0; g < groups; g++) {
        int first = g * groupWidth;
        int members = Math.min(groupWidth, count - first);
        int width = (members + step - 1) / step * step;
        float[] matrix = new float[dim * width];
        for (int q = 0; q < members; q++) {
          float[] query = queries[first + q];
          for (int j = 0; j < dim; j++) {
            matrix[j * width + q] = query[j];
          }
        }
        packed[g] = matrix;
        widths[g] = width;
        if (scales != null) {
          scales[g] = Arrays.copyOfRange(queryScales, first, first + width);
        }
      }
    }

    /** The queries rounded as {@link #scan} rounds them for an int8 catalog. */
    static QueryGroups ofInt8(float[][] queries, int groupWidth, int dim) {
      float[][] integers = new float[queries.length][];
      float[] queryScales = new float[queries.length];
      for (int q = 0; q < queries.length; q++) {
        Int8Query rounded = Int8Query.of(queries[q]);
        integers[q] = rounded.componentsAsFloats();
        queryScales[q] = rounded.scale;
      }
      return new QueryGroups(integers, queryScales, groupWidth, dim);
    }

    /** How many queries group {@code g} holds (its width may include unused columns). */
    int members(int g) {
      return Math.min(groupWidth, count - g * groupWidth);
    }
  }

  /** Runs one task per row range: the first on the calling thread, the rest on the workers. */
  private <T> List<T> runParts(RangeTask<T> task) {
    int count = vectors.count();
    if (workers == null || count == 0) {
      return List.of(task.run(0, count));
    }
    int[] bounds = new int[threads + 1];
    for (int t = 1; t < threads; t++) {
      bounds[t] = (int) ((long) count * t / threads) & ~63; // 64-row aligned
    }
    bounds[threads] = count;
    List<Future<T>> futures = new ArrayList<>(threads - 1);
    for (int t = 1; t < threads; t++) {
      int from = bounds[t];
      int to = bounds[t + 1];
      futures.add(workers.submit(() -> task.run(from, to)));
    }
    List<T> results = new ArrayList<>(threads);
    results.add(task.run(bounds[0], bounds[1]));
    for (Future<T> future : futures) {
      results.add(await(future));
    }
    return results;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new IllegalStateException("interrupted while scanning the catalog", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static TopK merge(List<TopK> parts, int k) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    TopK merged = new TopK(k);
    for (TopK part : parts) {
      part.drainInto(merged);
    }
    return merged;
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.shutdown();
    }
  }

  @FunctionalInterface
  private interface RangeTask<T> {
    T run(int from, int to);
  }
}
