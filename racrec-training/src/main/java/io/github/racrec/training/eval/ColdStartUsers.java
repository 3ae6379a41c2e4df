package io.github.racrec.training.eval;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Picks cold-start users: users with reviews in both domains whose target-domain reviews are to be
 * hidden. The pick is reproducible: ids are sorted, then shuffled with the seed.
 */
public final class ColdStartUsers {
  private ColdStartUsers() {}

  /**
   * Picks {@code count} users who appear in both collections.
   *
   * @param sourceUsers users with source-domain reviews
   * @param targetUsers users with target-domain reviews
   * @param count how many to pick, at most the size of the overlap
   * @param seed the seed of the shuffle
   * @return the picked users, in pick order
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if the overlap is smaller than
   *     {@code count} or {@code count} is negative
   */
  public static Set<String> pick(
      Collection<String> sourceUsers, Collection<String> targetUsers, int count, long seed) {
    Set<String> target = new HashSet<>(targetUsers);
    List<String> overlap = new ArrayList<>();
    for (String user : new HashSet<>(sourceUsers)) {
      if (target.contains(user)) {
        overlap.add(user);
      }
    }
    if (count < 0 || count > overlap.size()) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          "cannot pick " + count + " cold-start users from " + overlap.size() + " shared users");
    }
    Collections.sort(overlap);
    Collections.shuffle(overlap, new Random(seed));
    return Collections.unmodifiableSet(new LinkedHashSet<>(overlap.subList(0, count)));
  }
}
