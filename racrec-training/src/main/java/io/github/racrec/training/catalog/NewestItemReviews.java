package io.github.racrec.training.catalog;

import io.github.racrec.api.ReviewWindow;
import io.github.racrec.training.data.ReviewRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Collects, from a stream of reviews, each item's newest {@code K} reviews that have text: the
 * reviews an item vector is made of, and each item's review count and rating sum. Only those texts
 * are kept, so memory is bounded by items times {@code K}, not by the stream.
 *
 * <p>"Newest" follows {@link ReviewWindow}: by timestamp, and among equal timestamps the review
 * that came later in the stream.
 *
 * <p>Thread-safety: not thread-safe; feed it from one thread.
 */
public final class NewestItemReviews implements Consumer<ReviewRecord> {
  private final int perItem;
  private final Map<String, PriorityQueue<Entry>> byItem = new HashMap<>();
  private final Set<String> itemsWithoutText = new HashSet<>();
  private final Map<String, Integer> reviewCounts = new HashMap<>();
  private final Map<String, Double> ratingSums = new HashMap<>();
  private long accepted;
  private long withoutText;
  private long sequence;

  /**
   * Creates an empty collector.
   *
   * @param window how many reviews per item count
   */
  public NewestItemReviews(ReviewWindow window) {
    this.perItem = Objects.requireNonNull(window, "window").size();
  }

  private record Entry(long timestamp, long sequence, String text) {}

  private static final Comparator<Entry> OLDEST_FIRST =
      Comparator.comparingLong(Entry::timestamp).thenComparingLong(Entry::sequence);

  @Override
  public void accept(ReviewRecord review) {
    accepted++;
    reviewCounts.merge(review.itemId(), 1, Integer::sum);
    ratingSums.merge(review.itemId(), (double) review.rating(), Double::sum);
    if (!review.hasText()) {
      withoutText++;
      if (!byItem.containsKey(review.itemId())) {
        itemsWithoutText.add(review.itemId());
      }
      return;
    }
    itemsWithoutText.remove(review.itemId());
    PriorityQueue<Entry> newest =
        byItem.computeIfAbsent(review.itemId(), id -> new PriorityQueue<>(OLDEST_FIRST));
    newest.add(new Entry(review.timestampMillis(), sequence++, review.text()));
    if (newest.size() > perItem) {
      newest.poll();
    }
  }

  /**
   * Returns each item's kept texts, oldest first, items sorted by id.
   *
   * @return an ordered map from item id to texts
   */
  public Map<String, List<String>> textsByItem() {
    Map<String, List<String>> result = new TreeMap<>();
    byItem.forEach(
        (item, queue) -> {
          List<Entry> entries = new ArrayList<>(queue);
          entries.sort(OLDEST_FIRST);
          result.put(item, entries.stream().map(Entry::text).toList());
        });
    return result;
  }

  /**
   * Returns how many reviews of an item were fed in, with text or without: its popularity, as
   * models that blend in item terms count it.
   *
   * @param itemId the item
   * @return the count, 0 for an unseen item
   */
  public int reviewCount(String itemId) {
    return reviewCounts.getOrDefault(itemId, 0);
  }

  /**
   * Returns the sum of the ratings of an item's reviews, with text or without.
   *
   * @param itemId the item
   * @return the sum, 0 for an unseen item
   */
  public double ratingSum(String itemId) {
    return ratingSums.getOrDefault(itemId, 0.0);
  }

  /**
   * Returns the number of reviews fed in.
   *
   * @return the count
   */
  public long reviewsSeen() {
    return accepted;
  }

  /**
   * Returns the number of reviews without text, which no item vector can use.
   *
   * @return the count
   */
  public long reviewsWithoutText() {
    return withoutText;
  }

  /**
   * Returns the number of items that have reviews, but none with text: they get no vector.
   *
   * @return the count
   */
  public int itemsWithoutUsableReview() {
    return itemsWithoutText.size();
  }
}
