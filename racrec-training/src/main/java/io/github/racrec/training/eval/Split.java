package io.github.racrec.training.eval;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DomainReviews;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Which overlapping users are cold-start test users, which are validation users, and (implicitly)
 * which are training users. Test and validation users' target-domain reviews are hidden from
 * everything a model sees; test users' are the ground truth, validation users' serve model
 * selection.
 *
 * <p>A split is made of user ids, so the same split can be applied to another copy of the data (the
 * leakage test applies it to files from which the hidden reviews were deleted).
 *
 * <p>Thread-safety: immutable.
 *
 * @param testUsers the cold-start users, in draw order
 * @param validationUsers the model-selection users, in draw order
 * @param seed the seed the split was drawn with
 * @param testFraction the share of eligible users made test users
 */
public record Split(
    List<String> testUsers, List<String> validationUsers, long seed, double testFraction) {

  /**
   * Copies the lists.
   *
   * @throws NullPointerException if a list is null
   */
  public Split {
    testUsers = List.copyOf(testUsers);
    validationUsers = List.copyOf(validationUsers);
  }

  /**
   * Draws a split: of the overlapping users with at least one source review with text, sorted by id
   * and shuffled with the seed, the first {@code testFraction} become test users, and {@code
   * validationFraction} of the rest validation users.
   *
   * @param data the dataset
   * @param testFraction share of eligible users to test on, in (0, 1)
   * @param validationFraction share of the remaining users to validate on, in [0, 1)
   * @param seed the seed
   * @return the split
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if a fraction is out of range
   *     or fewer than 3 users are eligible
   */
  public static Split draw(
      CrossDomainDataset data, double testFraction, double validationFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)
        || !(validationFraction >= 0 && validationFraction < 1)) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          "test fraction must be in (0, 1) and validation fraction in [0, 1), got "
              + testFraction
              + " and "
              + validationFraction);
    }
    List<String> eligible = eligible(data);
    if (eligible.size() < 3) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          "only " + eligible.size() + " overlapping users have source text: too few to split");
    }
    Collections.sort(eligible);
    Collections.shuffle(eligible, new Random(seed));
    int test = Math.max(1, (int) Math.round(eligible.size() * testFraction));
    int validation = (int) Math.round((eligible.size() - test) * validationFraction);
    return new Split(
        eligible.subList(0, test), eligible.subList(test, test + validation), seed, testFraction);
  }

  /**
   * Draws a split for a model that will be served rather than evaluated: no test users, and {@code
   * validationFraction} of the eligible users (sorted by id, shuffled with the seed) held out for
   * early stopping and the item-term weights.
   *
   * @param data the dataset
   * @param validationFraction share of eligible users to validate on, in (0, 1)
   * @param seed the seed
   * @return the split, with an empty test list
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if the fraction is out of range
   *     or it leaves no validation or no training user
   */
  public static Split forServing(CrossDomainDataset data, double validationFraction, long seed) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          "validation fraction must be in (0, 1), got " + validationFraction);
    }
    List<String> eligible = eligible(data);
    Collections.sort(eligible);
    Collections.shuffle(eligible, new Random(seed));
    int validation = (int) Math.round(eligible.size() * validationFraction);
    if (validation < 1 || validation >= eligible.size()) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          eligible.size()
              + " overlapping users have source text: too few to hold out "
              + validationFraction
              + " of them for validation and train on the rest");
    }
    return new Split(List.of(), eligible.subList(0, validation), seed, 0);
  }

  /**
   * Splits the eligible users into disjoint test folds: every user is a test user in exactly one
   * split, which suits small data sets (each user counts once in the pooled metrics). In each
   * split, {@code validationFraction} of the other users validate.
   *
   * @param data the dataset
   * @param folds the number of folds, at least 2
   * @param validationFraction share of the non-test users to validate on, in [0, 1)
   * @param seed the seed of the shuffle
   * @return one split per fold
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if fewer users than folds
   */
  public static List<Split> folds(
      CrossDomainDataset data, int folds, double validationFraction, long seed) {
    List<String> eligible = eligible(data);
    if (folds < 2 || eligible.size() < folds) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          "cannot make " + folds + " folds of " + eligible.size() + " eligible users");
    }
    Collections.sort(eligible);
    Collections.shuffle(eligible, new Random(seed));
    List<Split> splits = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      int from = f * eligible.size() / folds;
      int to = (f + 1) * eligible.size() / folds;
      List<String> test = eligible.subList(from, to);
      List<String> rest = new ArrayList<>(eligible.subList(0, from));
      rest.addAll(eligible.subList(to, eligible.size()));
      int validation = (int) Math.round(rest.size() * validationFraction);
      splits.add(new Split(test, rest.subList(0, validation), seed, 1.0 / folds));
    }
    return splits;
  }

  private static List<String> eligible(CrossDomainDataset data) {
    List<String> eligible = new ArrayList<>();
    DomainReviews source = data.source();
    for (int user : data.overlapUsers()) {
      for (int r : source.reviewsOfUser(user)) {
        if (source.hasText(r)) {
          eligible.add(data.users().id(user));
          break;
        }
      }
    }
    return eligible;
  }

  /**
   * Returns the users whose target reviews are hidden: test and validation users.
   *
   * @return their ids
   */
  public Set<String> hiddenUsers() {
    List<String> hidden = new ArrayList<>(testUsers);
    hidden.addAll(validationUsers);
    return Set.copyOf(hidden);
  }
}
