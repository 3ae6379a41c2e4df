package io.github.racrec.onnx;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The two exported RACRec towers on ONNX Runtime: the user tower (a user's counted review vectors
 * to a taste vector) and the item tower (an item's mean review vector to an item vector). The
 * predicted rating of an item is {@code taste . item + globalBias} (models with rating biases carry
 * them as components of both vectors).
 *
 * <p>Opening checks that the manifest and the tower files belong together (the model fingerprint is
 * recomputed), so a damaged or mixed-up model folder fails with {@link ErrorCode#MODEL_INVALID}.
 *
 * <p>Thread-safety: safe for concurrent use; the sessions are shared.
 *
 * <p>Ownership: the opener closes it; {@link #close()} waits for calls in progress and is
 * idempotent.
 */
public final class RacRecTowers implements AutoCloseable {
  /** The user tower's inputs and outputs. */
  public static final String REVIEWS = "reviews";

  /** The mask input: 1 for a counted review, 0 for padding. */
  public static final String MASK = "mask";

  /** The user tower's main output. */
  public static final String TASTE = "taste";

  /** The per-review terms of a linear user tower. */
  public static final String REVIEW_TERMS = "review_terms";

  /** The review-independent term of a linear user tower. */
  public static final String BIAS_TERM = "bias_term";

  /** The item tower's input. */
  public static final String ITEMS = "items";

  /** The item tower's output. */
  public static final String ITEM_VECTORS = "item_vectors";

  private final RacRecManifest manifest;
  private final OrtSessions.FloatSession userTower;
  private final OrtSessions.FloatSession itemTower;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private RacRecTowers(
      RacRecManifest manifest, OrtSessions.FloatSession user, OrtSessions.FloatSession item) {
    this.manifest = manifest;
    this.userTower = user;
    this.itemTower = item;
  }

  /**
   * Opens the towers of a model folder on the CPU.
   *
   * @param folder the folder holding the manifest and both towers
   * @return the towers, which the caller closes
   * @throws RacrecException with {@link ErrorCode#MODEL_NOT_FOUND} or {@link
   *     ErrorCode#MODEL_INVALID} if the folder is incomplete or damaged
   */
  public static RacRecTowers open(Path folder) {
    return open(folder, Device.CPU);
  }

  /**
   * Opens the towers of a model folder.
   *
   * @param folder the folder holding the manifest and both towers
   * @param device where to run them (CUDA falls back to the CPU with a logged reason)
   * @return the towers, which the caller closes
   * @throws RacrecException with {@link ErrorCode#MODEL_NOT_FOUND} or {@link
   *     ErrorCode#MODEL_INVALID} if the folder is incomplete or damaged
   */
  public static RacRecTowers open(Path folder, Device device) {
    Objects.requireNonNull(folder, "folder");
    RacRecManifest manifest = RacRecManifest.read(folder);
    byte[] user = readTower(folder.resolve(manifest.userTower()));
    byte[] item = readTower(folder.resolve(manifest.itemTower()));
    String recomputed = manifest.computeFingerprint(user, item);
    if (!recomputed.equals(manifest.modelFingerprint())) {
      throw new RacrecException(
          ErrorCode.MODEL_INVALID,
          "RACRec model "
              + folder
              + " is damaged or mixed up: its towers and manifest give fingerprint "
              + recomputed
              + ", the manifest says "
              + manifest.modelFingerprint());
    }
    OrtSessions.FloatSession userSession = OrtSessions.openFloat("RACRec user tower", user, device);
    try {
      OrtSessions.FloatSession itemSession =
          OrtSessions.openFloat("RACRec item tower", item, device);
      return new RacRecTowers(manifest, userSession, itemSession);
    } catch (RuntimeException e) {
      userSession.close();
      throw e;
    }
  }

  /**
   * Returns the manifest.
   *
   * @return the manifest
   */
  public RacRecManifest manifest() {
    return manifest;
  }

  /**
   * Returns where the towers run: {@link Device#CUDA} only if CUDA was asked for and could be used.
   *
   * @return the device
   */
  public Device device() {
    return userTower.device();
  }

  /**
   * Returns the model fingerprint that catalogs of this model record.
   *
   * @return the fingerprint
   */
  public String modelFingerprint() {
    return manifest.modelFingerprint();
  }

  /**
   * Computes a user's taste from the vectors of their counted reviews.
   *
   * @param reviewVectors 1 to {@code reviewWindow} review vectors of the input dimension
   * @return the taste and, for a linear tower, its per-review split
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} for a wrong count or length, or
   *     {@link ErrorCode#INFERENCE_FAILED} if ONNX Runtime fails
   * @throws IllegalStateException if closed
   */
  public UserTaste userTaste(float[][] reviewVectors) {
    checkReviews(reviewVectors);
    int n = reviewVectors.length;
    boolean[][] masks = new boolean[1][n];
    Arrays.fill(masks[0], true);
    int t = manifest.tasteDimension();
    boolean linear = manifest.linearUserTower();
    return runUserTower(
        reviewVectors,
        masks,
        outputs -> {
          float[] taste = array(outputs.get(TASTE));
          if (!linear) {
            return new UserTaste(taste, new float[0][], new float[0]);
          }
          float[][] terms = new float[n][t];
          FloatBuffer all = outputs.get(REVIEW_TERMS);
          for (int r = 0; r < n; r++) {
            all.get(r * t, terms[r], 0, t);
          }
          return new UserTaste(taste, terms, array(outputs.get(BIAS_TERM)));
        });
  }

  /**
   * Computes, for each counted review, the taste the user would have without it: the basis of
   * leave-one-review-out explanations when the tower is not linear. Without its only review, a
   * user's review mean is the zero vector.
   *
   * @param reviewVectors 1 to {@code reviewWindow} review vectors of the input dimension
   * @return one taste per review, in order, each computed without that review
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} for a wrong count or length, or
   *     {@link ErrorCode#INFERENCE_FAILED} if ONNX Runtime fails
   * @throws IllegalStateException if closed
   */
  public float[][] tastesWithoutEachReview(float[][] reviewVectors) {
    checkReviews(reviewVectors);
    int n = reviewVectors.length;
    boolean[][] masks = new boolean[n][n];
    for (int r = 0; r < n; r++) {
      Arrays.fill(masks[r], true);
      masks[r][r] = false;
    }
    int t = manifest.tasteDimension();
    return runUserTower(
        reviewVectors,
        masks,
        outputs -> {
          float[][] tastes = new float[n][t];
          FloatBuffer all = outputs.get(TASTE);
          for (int r = 0; r < n; r++) {
            all.get(r * t, tastes[r], 0, t);
          }
          return tastes;
        });
  }

  private void checkReviews(float[][] reviewVectors) {
    Objects.requireNonNull(reviewVectors, "reviewVectors");
    int n = reviewVectors.length;
    int window = manifest.reviewWindow();
    int d = manifest.inputDimension();
    if (n < 1 || n > window) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT, "a user tower takes 1 to " + window + " reviews, got " + n);
    }
    for (int r = 0; r < n; r++) {
      if (reviewVectors[r].length != d) {
        throw new RacrecException(
            ErrorCode.INVALID_ARGUMENT,
            "review vector "
                + r
                + " has length "
                + reviewVectors[r].length
                + ", the model takes "
                + d);
      }
    }
  }

  /**
   * Runs the user tower on one row per mask: the same reviews, with the masked-out ones not
   * counted. A row whose mask is all false gets one zero review instead, so its mean is zero.
   */
  private <T> T runUserTower(float[][] reviewVectors, boolean[][] masks, OutputReader<T> reader) {
    int rows = masks.length;
    int window = manifest.reviewWindow();
    int d = manifest.inputDimension();
    float[] reviews = new float[rows * window * d];
    float[] mask = new float[rows * window];
    for (int row = 0; row < rows; row++) {
      boolean any = false;
      for (int r = 0; r < reviewVectors.length; r++) {
        if (masks[row][r]) {
          System.arraycopy(reviewVectors[r], 0, reviews, (row * window + r) * d, d);
          mask[row * window + r] = 1;
          any = true;
        }
      }
      if (!any) {
        mask[row * window] = 1; // one zero review
      }
    }
    return run(
        userTower,
        Map.of(REVIEWS, new long[] {rows, window, d}, MASK, new long[] {rows, window}),
        Map.of(REVIEWS, reviews, MASK, mask),
        reader);
  }

  /**
   * Computes item vectors from items' mean review vectors.
   *
   * @param itemMeans one mean review vector per item
   * @return one item vector per item
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} for a wrong length, or {@link
   *     ErrorCode#INFERENCE_FAILED} if ONNX Runtime fails
   * @throws IllegalStateException if closed
   */
  public float[][] itemVectors(float[][] itemMeans) {
    Objects.requireNonNull(itemMeans, "itemMeans");
    int d = manifest.inputDimension();
    int t = manifest.tasteDimension();
    float[][] result = new float[itemMeans.length][];
    for (int from = 0; from < itemMeans.length; from += 4096) {
      int n = Math.min(4096, itemMeans.length - from);
      float[] input = new float[n * d];
      for (int i = 0; i < n; i++) {
        if (itemMeans[from + i].length != d) {
          throw new RacrecException(
              ErrorCode.INVALID_ARGUMENT,
              "item vector has length " + itemMeans[from + i].length + ", the model takes " + d);
        }
        System.arraycopy(itemMeans[from + i], 0, input, i * d, d);
      }
      int offset = from;
      run(
          itemTower,
          Map.of(ITEMS, new long[] {n, d}),
          Map.of(ITEMS, input),
          outputs -> {
            FloatBuffer vectors = outputs.get(ITEM_VECTORS);
            for (int i = 0; i < n; i++) {
              result[offset + i] = new float[t];
              vectors.get(i * t, result[offset + i], 0, t);
            }
            return null;
          });
    }
    return result;
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        userTower.close();
        itemTower.close();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private interface OutputReader<T> {
    T read(Map<String, FloatBuffer> outputs);
  }

  private <T> T run(
      OrtSessions.FloatSession session,
      Map<String, long[]> shapes,
      Map<String, float[]> values,
      OutputReader<T> reader) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the RACRec towers are closed");
      }
      return session.run(shapes, values, reader::read);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private static float[] array(FloatBuffer buffer) {
    float[] values = new float[buffer.remaining()];
    buffer.get(0, values);
    return values;
  }

  private static byte[] readTower(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new RacrecException(
          ErrorCode.MODEL_NOT_FOUND, "RACRec tower " + file + " is missing", e);
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot read RACRec tower " + file, e);
    }
  }
}
