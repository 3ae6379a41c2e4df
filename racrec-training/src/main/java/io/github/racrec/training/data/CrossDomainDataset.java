package io.github.racrec.training.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Reviews of two domains joined on user id: the source domain (e.g. movies) and the target domain
 * (e.g. music), with one user dictionary for both and an item dictionary per domain.
 *
 * <p>{@link #overlapUsers()} are the users who meet the {@link AssemblyConfig} thresholds in both
 * domains: the population to train and evaluate on. Source reviews are kept only for them; target
 * reviews are kept for everyone unless configured otherwise, since they make the item vectors.
 *
 * <p>Thread-safety: immutable.
 */
public final class CrossDomainDataset {
  private final IdDictionary users;
  private final IdDictionary sourceItems;
  private final IdDictionary targetItems;
  private final DomainReviews source;
  private final DomainReviews target;
  private final int[] overlapUsers;
  private final AssemblyConfig config;
  private final AssemblyReport report;

  CrossDomainDataset(
      IdDictionary users,
      IdDictionary sourceItems,
      IdDictionary targetItems,
      DomainReviews source,
      DomainReviews target,
      int[] overlapUsers,
      AssemblyConfig config,
      AssemblyReport report) {
    this.users = users;
    this.sourceItems = sourceItems;
    this.targetItems = targetItems;
    this.source = source;
    this.target = target;
    this.overlapUsers = overlapUsers;
    this.config = config;
    this.report = Objects.requireNonNull(report, "report");
  }

  /**
   * Returns the users of both domains.
   *
   * @return the user dictionary
   */
  public IdDictionary users() {
    return users;
  }

  /**
   * Returns the source domain's items.
   *
   * @return the item dictionary
   */
  public IdDictionary sourceItems() {
    return sourceItems;
  }

  /**
   * Returns the target domain's items.
   *
   * @return the item dictionary
   */
  public IdDictionary targetItems() {
    return targetItems;
  }

  /**
   * Returns the source domain's reviews (overlapping users only).
   *
   * @return the reviews
   */
  public DomainReviews source() {
    return source;
  }

  /**
   * Returns the target domain's reviews.
   *
   * @return the reviews
   */
  public DomainReviews target() {
    return target;
  }

  /**
   * Returns the users meeting both thresholds, in increasing index order.
   *
   * @return a copy of the user indexes
   */
  public int[] overlapUsers() {
    return overlapUsers.clone();
  }

  /**
   * Returns the thresholds this dataset was assembled with.
   *
   * @return the configuration
   */
  public AssemblyConfig config() {
    return config;
  }

  /**
   * Returns what the assembly read and dropped.
   *
   * @return the report
   */
  public AssemblyReport report() {
    return report;
  }

  /**
   * Returns a multi-line summary: users, items and reviews per domain, overlap, ratings.
   *
   * @return the summary
   */
  public String describe() {
    int[] sourceCounts = source.distinctUsersAndItems();
    int[] targetCounts = target.distinctUsersAndItems();
    return String.format(
        Locale.ROOT,
        "source: %,d reviews by %,d users on %,d items; ratings 1-5: %s%n"
            + "target: %,d reviews by %,d users on %,d items; ratings 1-5: %s%n"
            + "overlapping users (>= %d source and >= %d target reviews): %,d",
        source.size(),
        sourceCounts[0],
        sourceCounts[1],
        Arrays.toString(source.ratingHistogram()),
        target.size(),
        targetCounts[0],
        targetCounts[1],
        Arrays.toString(target.ratingHistogram()),
        config.minSourceReviews(),
        config.minTargetReviews(),
        overlapUsers.length);
  }
}
