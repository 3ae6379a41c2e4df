package io.github.racrec.training.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The reviews of one domain, stored in columns: per review a user index (into the dataset's user
 * dictionary), an item index (into the domain's item dictionary), a rating, a time and a text. Each
 * (user, item) pair occurs at most once.
 *
 * <p>Thread-safety: immutable; the per-user and per-item indexes are built once, on first use,
 * safely under concurrent access.
 */
public final class DomainReviews {
  private final int size;
  private final int[] users;
  private final int[] items;
  private final float[] ratings;
  private final long[] times;
  private final long[] textHandles;
  private final int[] textLengths;
  private final TextStore texts;
  private final int userCount;
  private final int itemCount;
  private volatile Grouping byUser;
  private volatile Grouping byItem;

  private DomainReviews(
      int size,
      int[] users,
      int[] items,
      float[] ratings,
      long[] times,
      long[] textHandles,
      int[] textLengths,
      TextStore texts,
      int userCount,
      int itemCount) {
    this.size = size;
    this.users = users;
    this.items = items;
    this.ratings = ratings;
    this.times = times;
    this.textHandles = textHandles;
    this.textLengths = textLengths;
    this.texts = texts;
    this.userCount = userCount;
    this.itemCount = itemCount;
  }

  /**
   * Returns the number of reviews.
   *
   * @return the count
   */
  public int size() {
    return size;
  }

  /**
   * Returns the user of a review.
   *
   * @param review the review's index
   * @return the user's index in the dataset's user dictionary
   */
  public int user(int review) {
    return users[review];
  }

  /**
   * Returns the item of a review.
   *
   * @param review the review's index
   * @return the item's index in this domain's item dictionary
   */
  public int item(int review) {
    return items[review];
  }

  /**
   * Returns the rating of a review.
   *
   * @param review the review's index
   * @return the stars, 1 to 5
   */
  public float rating(int review) {
    return ratings[review];
  }

  /**
   * Returns the time of a review.
   *
   * @param review the review's index
   * @return milliseconds since the epoch
   */
  public long timestampMillis(int review) {
    return times[review];
  }

  /**
   * Returns the text of a review.
   *
   * @param review the review's index
   * @return the text, possibly empty
   */
  public String text(int review) {
    return texts.get(textHandles[review], textLengths[review]);
  }

  /**
   * Returns whether a review has text.
   *
   * @param review the review's index
   * @return {@code true} if its text is not empty (texts are stored trimmed)
   */
  public boolean hasText(int review) {
    return textLengths[review] > 0;
  }

  /**
   * Returns a review as a record with string ids.
   *
   * @param review the review's index
   * @param users the dataset's user dictionary
   * @param itemIds this domain's item dictionary
   * @return the record
   */
  public ReviewRecord record(int review, IdDictionary users, IdDictionary itemIds) {
    return new ReviewRecord(
        users.id(this.users[review]),
        itemIds.id(items[review]),
        ratings[review],
        text(review),
        times[review]);
  }

  /**
   * Returns a user's reviews, oldest first (equal times in input order).
   *
   * @param user the user's index
   * @return review indexes; empty if the user has none here (or the index is -1: unknown)
   */
  public int[] reviewsOfUser(int user) {
    Grouping grouping = byUser;
    if (grouping == null) {
      synchronized (this) {
        if (byUser == null) {
          byUser = new Grouping(users, userCount);
        }
        grouping = byUser;
      }
    }
    return user >= 0 && user < userCount ? grouping.members(user) : new int[0];
  }

  /**
   * Returns an item's reviews, oldest first.
   *
   * @param item the item's index
   * @return review indexes; empty if the item has none
   */
  public int[] reviewsOfItem(int item) {
    Grouping grouping = byItem;
    if (grouping == null) {
      synchronized (this) {
        if (byItem == null) {
          byItem = new Grouping(items, itemCount);
        }
        grouping = byItem;
      }
    }
    return item >= 0 && item < itemCount ? grouping.members(item) : new int[0];
  }

  /**
   * Returns how many reviews each star rating has.
   *
   * @return counts for 1, 2, 3, 4 and 5 stars (ratings rounded to whole stars)
   */
  public long[] ratingHistogram() {
    long[] histogram = new long[5];
    for (int r = 0; r < size; r++) {
      histogram[Math.max(1, Math.min(5, Math.round(ratings[r]))) - 1]++;
    }
    return histogram;
  }

  /**
   * Returns how many distinct users and items occur in the reviews.
   *
   * @return {users, items}
   */
  public int[] distinctUsersAndItems() {
    return new int[] {
      (int) Arrays.stream(users, 0, size).distinct().count(),
      (int) Arrays.stream(items, 0, size).distinct().count()
    };
  }

  long textHandle(int review) {
    return textHandles[review];
  }

  int textLength(int review) {
    return textLengths[review];
  }

  TextStore textStore() {
    return texts;
  }

  int userCount() {
    return userCount;
  }

  int itemCount() {
    return itemCount;
  }

  /** Members of each group (user or item), ordered by time then index, as compressed rows. */
  private final class Grouping {
    private final int[] starts;
    private final int[] members;

    Grouping(int[] keys, int groups) {
      starts = new int[groups + 1];
      for (int r = 0; r < size; r++) {
        starts[keys[r] + 1]++;
      }
      for (int g = 0; g < groups; g++) {
        starts[g + 1] += starts[g];
      }
      Integer[] order = new Integer[size];
      for (int r = 0; r < size; r++) {
        order[r] = r;
      }
      Arrays.sort(
          order,
          (a, b) ->
              keys[a] != keys[b]
                  ? Integer.compare(keys[a], keys[b])
                  : times[a] != times[b]
                      ? Long.compare(times[a], times[b])
                      : Integer.compare(a, b));
      members = new int[size];
      for (int i = 0; i < size; i++) {
        members[i] = order[i];
      }
    }

    int[] members(int group) {
      return Arrays.copyOfRange(members, starts[group], starts[group + 1]);
    }
  }

  /**
   * Collects the reviews of a domain; a repeated (user, item) pair keeps the newest review (the
   * later one in the input when times are equal).
   *
   * <p>Thread-safety: not thread-safe.
   */
  static final class Builder {
    private final TextStore texts = new TextStore();
    private final Map<Long, Integer> indexByPair = new HashMap<>();
    private int size;
    private int[] users = new int[1024];
    private int[] items = new int[1024];
    private float[] ratings = new float[1024];
    private long[] times = new long[1024];
    private long[] handles = new long[1024];
    private int[] lengths = new int[1024];
    private long duplicates;

    /** Adds a review, or replaces the pair's earlier review if this one is not older. */
    void put(int user, int item, float rating, long time, String text) {
      long pair = ((long) user << 32) | (item & 0xffffffffL);
      Integer existing = indexByPair.get(pair);
      int at;
      if (existing != null) {
        duplicates++;
        if (time < times[existing]) {
          return;
        }
        at = existing;
      } else {
        grow();
        at = size++;
        indexByPair.put(pair, at);
      }
      byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      users[at] = user;
      items[at] = item;
      ratings[at] = rating;
      times[at] = time;
      handles[at] = texts.add(bytes, bytes.length);
      lengths[at] = bytes.length;
    }

    /** Adds a review read back from a cache: no duplicate check. */
    void append(int user, int item, float rating, long time, byte[] text, int length) {
      grow();
      users[size] = user;
      items[size] = item;
      ratings[size] = rating;
      times[size] = time;
      handles[size] = texts.add(text, length);
      lengths[size] = length;
      size++;
    }

    long duplicates() {
      return duplicates;
    }

    /** Counts each user's reviews; users are indexes below {@code userCount}. */
    int[] countsByUser(int userCount) {
      int[] counts = new int[userCount];
      for (int r = 0; r < size; r++) {
        counts[users[r]]++;
      }
      return counts;
    }

    /** Keeps the reviews of the users {@code keepUser} accepts, in input order. */
    DomainReviews build(IntPredicate keepUser, int userCount, int itemCount) {
      int kept = 0;
      for (int r = 0; r < size; r++) {
        if (keepUser.test(users[r])) {
          users[kept] = users[r];
          items[kept] = items[r];
          ratings[kept] = ratings[r];
          times[kept] = times[r];
          handles[kept] = handles[r];
          lengths[kept] = lengths[r];
          kept++;
        }
      }
      return new DomainReviews(
          kept,
          Arrays.copyOf(users, kept),
          Arrays.copyOf(items, kept),
          Arrays.copyOf(ratings, kept),
          Arrays.copyOf(times, kept),
          Arrays.copyOf(handles, kept),
          Arrays.copyOf(lengths, kept),
          texts,
          userCount,
          itemCount);
    }

    private void grow() {
      if (size == users.length) {
        int capacity = users.length * 2;
        users = Arrays.copyOf(users, capacity);
        items = Arrays.copyOf(items, capacity);
        ratings = Arrays.copyOf(ratings, capacity);
        times = Arrays.copyOf(times, capacity);
        handles = Arrays.copyOf(handles, capacity);
        lengths = Arrays.copyOf(lengths, capacity);
      }
    }
  }
}
