package io.github.racrec.training.data;

import java.util.List;
import java.util.Locale;

/**
 * What assembling a cross-domain dataset read and kept.
 *
 * <p>Thread-safety: immutable.
 *
 * @param sourceReads one report per source file
 * @param targetReads one report per target file
 * @param sourceDuplicates source reviews replaced by a newer review of the same (user, item)
 * @param targetDuplicates target reviews replaced likewise
 * @param sourceReviewsOfOtherUsers source reviews skipped because their user has too few target
 *     reviews (or none)
 * @param fromCache whether the dataset came from the binary cache instead of the files
 */
public record AssemblyReport(
    List<ReadReport> sourceReads,
    List<ReadReport> targetReads,
    long sourceDuplicates,
    long targetDuplicates,
    long sourceReviewsOfOtherUsers,
    boolean fromCache) {

  /**
   * Copies the lists.
   *
   * @throws NullPointerException if a list is null
   */
  public AssemblyReport {
    sourceReads = List.copyOf(sourceReads);
    targetReads = List.copyOf(targetReads);
  }

  /**
   * Returns a short summary.
   *
   * @return the summary
   */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s; duplicates replaced: %,d source, %,d target; source reviews of non-overlapping users"
            + " skipped: %,d",
        fromCache ? "loaded from cache" : "assembled from files",
        sourceDuplicates,
        targetDuplicates,
        sourceReviewsOfOtherUsers);
  }
}
