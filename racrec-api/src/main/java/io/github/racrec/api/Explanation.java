package io.github.racrec.api;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an item was recommended: one term per counted review plus a term that does not depend on the
 * user.
 *
 * <p>For models whose user side is linear up to the mean of the review vectors, the terms are
 * exact: {@code score == itemTerm + sum(contributions)} up to rounding. Reviews that did not count
 * (outside the {@link ReviewWindow}) have no entry.
 *
 * <p>Thread-safety: immutable.
 *
 * @param contributions one entry per counted review, in the order the reviews were given
 * @param itemTerm the part of the score that is the same for every user (e.g. an item bias)
 */
public record Explanation(List<ReviewContribution> contributions, double itemTerm) {

  /**
   * Copies the contributions into an unmodifiable list.
   *
   * @param contributions one entry per counted review, in the order the reviews were given
   * @param itemTerm the part of the score that is the same for every user (e.g. an item bias)
   * @throws NullPointerException if {@code contributions} or one of its elements is null
   */
  public Explanation {
    contributions = List.copyOf(Objects.requireNonNull(contributions, "contributions"));
  }

  /**
   * Returns the review that pushed the item up the most, if any review pushed it up at all.
   *
   * @return the largest positive contribution, or empty if none is positive
   */
  public Optional<ReviewContribution> strongest() {
    return contributions.stream()
        .filter(c -> c.contribution() > 0)
        .max(Comparator.comparingDouble(ReviewContribution::contribution));
  }
}
