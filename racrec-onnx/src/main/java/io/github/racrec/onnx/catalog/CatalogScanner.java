package io.github.racrec.onnx.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The exact scan: splits the catalog's rows into one range per thread, scores each range block by
 * block with a {@link ScanKernel}, keeps each range's best {@code k} in a {@link TopK}, and merges.
 * A large enough batch over a small catalog of short rows splits its queries between the threads
 * instead, each over all rows. Nothing is allocated per item; each scan allocates its top-k
 * buffers, and takes one set of block buffers per thread from a few kept between scans.
 *
 * <p>Thread-safety: safe for concurrent scans; they share the worker threads.
 *
 * <p>Ownership: owns its worker threads; {@link #close()} stops them.
 */
final class CatalogScanner implements AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  /**
   * Batches split their queries between threads only up to this row length: side by side it saved
   * about a sixth of a 64-query int8 batch on 2 threads at 70,500 x 64, while a full scan grid
   * (ScanBenchmarks --grid full, at commit 2b07097) showed it losing at d = 384 and 768.
   */
  static final int SPLIT_QUERIES_MAX_DIMENSION = 128;

  /** ... and up to this many rows: the same grid showed it losing at 1,000,000 x 64. */
  static final int SPLIT_QUERIES_MAX_ROWS = 262_144;

  private final StoredVectors vectors;
  private final ScanKernel kernel;
  private final int threads;
  private final ExecutorService workers;

  /** Block buffers of finished scans, two per scan thread at most. */
  private final BlockingQueue<Buffers> spareBuffers;

  CatalogScanner(StoredVectors vectors, ScanKernel kernel, int threads) {
    this.vectors = vectors;
    this.kernel = kernel;
    this.threads = Math.max(1, Math.min(threads, Math.max(1, vectors.count() / 1024)));
    this.workers = this.threads > 1 ? newWorkers(this.threads - 1) : null;
    this.spareBuffers = new ArrayBlockingQueue<>(2 * this.threads);
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

  String kernelBlocking() {
    return kernel.blocking();
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
    List<TopK> parts = runRanges((from, to) -> scanRange(query, int8, k, excluded, from, to));
    return merge(parts, k);
  }

  /** The best {@code k} rows for each query; see {@link #scanBatch(float[][], int, Finisher)}. */
  TopK[] scanBatch(float[][] queries, int k) {
    return scanBatch(queries, k, (query, top) -> top);
  }

  /**
   * The best {@code k} rows for each query, each then passed through {@code finish} (re-scoring,
   * say) on a scan thread. For int8 catalogs the scores are bit for bit those of {@link #scan}: the
   * batch multiplies the same integer query with the rows' integers, and every partial sum is an
   * integer that float32 holds exactly (see {@link Int8Query}).
   *
   * <p>With enough queries each thread takes a share of the queries over all rows: every query's
   * top k then lives on one thread, so the bookkeeping is not repeated per thread and needs no
   * merge. Otherwise each thread takes a range of rows for all queries, and the parts are merged.
   */
  TopK[] scanBatch(float[][] queries, int k, Finisher finish) {
    int[] shares = queryShares(queries.length);
    if (shares != null) {
      List<TopK[]> parts =
          runTasks(
              shares.length - 1,
              t -> {
                int first = shares[t];
                float[][] mine = Arrays.copyOfRange(queries, first, shares[t + 1]);
                TopK[] tops = scanRangeBatch(groupsOf(mine), k, 0, vectors.count());
                for (int q = 0; q < tops.length; q++) {
                  tops[q] = finish.apply(first + q, tops[q]);
                }
                return tops;
              });
      TopK[] all = new TopK[queries.length];
      for (int t = 0; t < parts.size(); t++) {
        System.arraycopy(parts.get(t), 0, all, shares[t], parts.get(t).length);
      }
      return all;
    }
    QueryGroups groups = groupsOf(queries);
    List<TopK[]> parts = runRanges((from, to) -> scanRangeBatch(groups, k, from, to));
    TopK[] merged = new TopK[queries.length];
    int[] finishing = evenShares(queries.length);
    // Merging and finishing (an int8 re-ranking reads each candidate's float32 row) are split
    // between the threads too.
    runTasks(
        finishing.length - 1,
        t -> {
          for (int q = finishing[t]; q < finishing[t + 1]; q++) {
            List<TopK> perQuery = new ArrayList<>(parts.size());
            for (TopK[] part : parts) {
              perQuery.add(part[q]);
            }
            merged[q] = finish.apply(q, merge(perQuery, k));
          }
          return null;
        });
    return merged;
  }

  /** Where each thread's share of {@code count} queries starts (and, last, the count). */
  private int[] evenShares(int count) {
    int shares = Math.max(1, Math.min(threads, count)); // one thread: no workers
    int[] bounds = new int[shares + 1];
    for (int t = 1; t <= shares; t++) {
      bounds[t] = (int) ((long) count * t / shares);
    }
    return bounds;
  }

  /**
   * Where each thread's share of a batch's queries starts (and, last, the count), or null to split
   * rows instead. Splitting queries pays where the top-k bookkeeping rivals the arithmetic: short
   * rows ({@link #SPLIT_QUERIES_MAX_DIMENSION}) in a small catalog ({@link
   * #SPLIT_QUERIES_MAX_ROWS}); elsewhere it lost, measured, because every thread then reads and
   * decodes every row with a narrower kernel. Each thread needs two vectors of queries, or the
   * kernel's register blocking goes unused. Whole pairs of vectors are dealt out evenly; the last
   * share also takes the queries that do not fill a pair.
   */
  private int[] queryShares(int count) {
    int pair = 2 * Math.max(1, kernel.groupWidth() / 4);
    if (workers == null
        || count < threads * pair
        || vectors.dimension() > SPLIT_QUERIES_MAX_DIMENSION
        || vectors.count() > SPLIT_QUERIES_MAX_ROWS) {
      return null;
    }
    int pairs = count / pair;
    int[] shares = new int[threads + 1];
    for (int t = 0; t < threads; t++) {
      int mine = pairs / threads + (t < pairs % threads ? 1 : 0);
      shares[t + 1] = shares[t] + mine * pair;
    }
    shares[threads] = count;
    return shares;
  }

  private QueryGroups groupsOf(float[][] queries) {
    return vectors.type() == ElementType.INT8
        ? QueryGroups.ofInt8(queries, kernel.groupWidth(), vectors.dimension())
        : new QueryGroups(queries, null, kernel.groupWidth(), vectors.dimension());
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
    Buffers buffers = takeBuffers();
    try {
      return scanRange(query, int8, k, excluded, from, to, buffers.block);
    } finally {
      giveBack(buffers);
    }
  }

  private TopK scanRange(
      float[] query,
      Int8Query int8,
      int k,
      BitSet excluded,
      int from,
      int to,
      StoredVectors.Block block) {
    TopK top = new TopK(k);
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
    Buffers buffers = takeBuffers();
    try {
      return scanRangeBatch(groups, k, from, to, buffers);
    } finally {
      giveBack(buffers);
    }
  }

  private TopK[] scanRangeBatch(QueryGroups groups, int k, int from, int to, Buffers buffers) {
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
    float[] scores = buffers.batchScores();
    int[] passing = buffers.passing();
    StoredVectors.Block block = buffers.block;
    int dim = vectors.dimension();
    for (int row = from; row < to; ) {
      int n = vectors.blockLength(row, to);
      vectors.loadFloats(row, n, block, kernel);
      float[] rows = (float[]) block.array;
      for (int g = 0; g < groups.packed.length; g++) {
        int width = groups.widths[g];
        kernel.dotFloat32Batch(groups.packed[g], width, rows, block.offset, n, dim, scores);
        float[] queryScales = groups.scales == null ? null : groups.scales[g];
        int listed =
            kernel.scaleAndFilterBatch(
                scores, n, width, queryScales, vectors.int8Scales(), row, thresholds[g], passing);
        offerBatchScores(
            scores, passing, listed, width, row, thresholds[g], tops, g * kernel.groupWidth());
      }
      row += n;
    }
    return tops;
  }

  /**
   * Offers the listed rows' scores of one group to the queries' top-k buffers: one vector
   * comparison per vector of queries finds the few queries a row may enter.
   */
  private void offerBatchScores(
      float[] scores,
      int[] passing,
      int listed,
      int width,
      int firstRow,
      float[] thresholds,
      TopK[] tops,
      int first) {
    int members = Math.min(width, tops.length - first);
    int lanes = Math.max(1, kernel.groupWidth() / 4); // one vector of the kernel
    for (int i = 0; i < listed; i++) {
      int r = passing[i];
      int at = r * width;
      for (int from = 0; from < members; from += lanes) {
        long reaching = kernel.lanesAtLeast(scores, at + from, thresholds, from);
        for (; reaching != 0; reaching &= reaching - 1) {
          int q = from + Long.numberOfTrailingZeros(reaching);
          if (q >= members) {
            break; // unused columns
          }
          TopK top = tops[first + q];
          top.offer(scores[at + q], firstRow + r);
          thresholds[q] = top.threshold();
        }
      }
    }
  }

  /**
   * Takes a scan's block buffers from the spares, or makes new ones. They take hundreds of KiB for
   * small rows; allocating them per scan showed up as page clearing in profiles of batches.
   */
  private Buffers takeBuffers() {
    Buffers buffers = spareBuffers.poll();
    return buffers != null ? buffers : new Buffers(vectors, kernel.groupWidth());
  }

  /** Keeps buffers for the next scan, unless enough are kept (then they are garbage). */
  private void giveBack(Buffers buffers) {
    spareBuffers.offer(buffers);
  }

  /** One scan thread's buffers for whole blocks: rows, scores and a batch's passing rows. */
  private static final class Buffers {
    final StoredVectors.Block block;
    private final int blockRows;
    private final int groupWidth;
    private float[] batchScores;
    private int[] passing;

    Buffers(StoredVectors vectors, int groupWidth) {
      this.block = vectors.newBlock();
      this.blockRows = vectors.blockRows();
      this.groupWidth = groupWidth;
    }

    /** Room for a block's scores against one group of queries; made on first use. */
    float[] batchScores() {
      if (batchScores == null) {
        batchScores = new float[blockRows * groupWidth];
      }
      return batchScores;
    }

    int[] passing() {
      if (passing == null) {
        passing = new int[blockRows];
      }
      return passing;
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
      int step = Math.max(1, groupWidth / 4); // one vector of the kernel
      int groups = (count + groupWidth - 1) / groupWidth;
      this.packed = new float[groups][];
      this.widths = new int[groups];
      this.scales = queryScales == null ? null : new float[groups][];
      for (int g = 0; g < groups; g++) {
        int first = g * groupWidth;
        int members = Math.min(groupWidth, count - first);
        // One, two or four vectors: the widths that the kernel blocks in registers.
        int width = members <= step ? step : members <= 2 * step ? 2 * step : groupWidth;
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
  private <T> List<T> runRanges(RangeTask<T> task) {
    int count = vectors.count();
    if (workers == null || count == 0) {
      return List.of(task.run(0, count));
    }
    int[] bounds = new int[threads + 1];
    for (int t = 1; t < threads; t++) {
      bounds[t] = (int) ((long) count * t / threads) & ~63; // 64-row aligned
    }
    bounds[threads] = count;
    return runTasks(threads, t -> task.run(bounds[t], bounds[t + 1]));
  }

  /** Runs tasks {@code 0..count-1}: the first on the calling thread, the rest on the workers. */
  private <T> List<T> runTasks(int count, IntFunction<T> task) {
    List<Future<T>> futures = new ArrayList<>(count - 1);
    for (int t = 1; t < count; t++) {
      int index = t;
      futures.add(workers.submit(() -> task.apply(index)));
    }
    List<T> results = new ArrayList<>(count);
    try {
      results.add(task.apply(0));
      for (Future<T> future : futures) {
        results.add(await(future));
      }
    } catch (RuntimeException | Error e) {
      for (Future<T> future : futures) {
        future.cancel(true); // no worker keeps scanning for a search that has failed
      }
      throw e;
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

  /**
   * What a batch does with each query's top k once found, on one of the scan threads (the calling
   * thread or a worker); each query's on one thread only.
   */
  @FunctionalInterface
  interface Finisher {
    TopK apply(int query, TopK top);
  }
}
