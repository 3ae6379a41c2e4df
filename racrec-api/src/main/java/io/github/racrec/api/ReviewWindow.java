package io.github.racrec.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which of a user's (or an item's) reviews count: at most {@code size} of them, the newest.
 *
 * <p>The rule, applied by {@link #selectIndices(List)}:
 *
 * <ul>
 *   <li>if every review has a timestamp, the {@code size} newest by timestamp; among reviews with
 *       equal timestamps the one later in the list counts as newer;
 *   <li>otherwise (a plain list, or timestamps known for only some reviews) the last {@code size}
 *       reviews in list order, which treats the list as oldest first.
 * </ul>
 *
 * <p>The selected reviews are returned oldest first, so the result is the same whichever order the
 * input came in when all timestamps are known. The original RACRec work used a window of 10, the
 * {@linkplain #DEFAULT default}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param size the most reviews that count, at least 1
 */
public record ReviewWindow(int size) {

  /** The window of the original work: the newest 10 reviews. */
  public static final ReviewWindow DEFAULT = new ReviewWindow(10);

  /**
   * Checks the size.
   *
   * @param size the most reviews that count, at least 1
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if {@code size < 1}
   */
  public ReviewWindow {
    if (size < 1) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT, "review window size must be at least 1, got " + size);
    }
  }

  /**
   * Returns the positions in {@code reviews} of the reviews that count, oldest first.
   *
   * @param reviews the reviews, in the order given by the caller
   * @return indices into {@code reviews}, at most {@link #size()} of them, oldest first
   * @throws NullPointerException if {@code reviews} or one of its elements is null
   */
  public int[] selectIndices(List<Review> reviews) {
    Objects.requireNonNull(reviews, "reviews");
    int n = reviews.size();
    List<Integer> order = new ArrayList<>(n);
    boolean allTimed = true;
    for (int i = 0; i < n; i++) {
      Review review = Objects.requireNonNull(reviews.get(i), "reviews[" + i + "]");
      allTimed &= review.timestamp().isPresent();
      order.add(i);
    }
    if (allTimed) {
      // Stable sort: equal timestamps keep list order, so the later one counts as newer.
      order.sort(Comparator.comparing(i -> reviews.get(i).timestamp().orElseThrow()));
    }
    int from = Math.max(0, n - size);
    return order.subList(from, n).stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Returns the reviews that count, oldest first.
   *
   * @param reviews the reviews, in the order given by the caller
   * @return at most {@link #size()} reviews, oldest first; an unmodifiable list
   * @throws NullPointerException if {@code reviews} or one of its elements is null
   */
  public List<Review> select(List<Review> reviews) {
    int[] indices = selectIndices(reviews);
    List<Review> selected = new ArrayList<>(indices.length);
    for (int index : indices) {
      selected.add(reviews.get(index));
    }
    return List.copyOf(selected);
  }
}
