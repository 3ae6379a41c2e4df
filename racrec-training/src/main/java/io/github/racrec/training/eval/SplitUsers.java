package io.github.racrec.training.eval;

import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DomainReviews;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ids of a split's test, validation and training users, each list sorted by id.
 *
 * <p>Training users are the overlapping users the split does not hide who have at least one source
 * review with text.
 *
 * <p>Thread-safety: immutable.
 *
 * @param test the test users
 * @param validation the validation users
 * @param training the training users
 */
record SplitUsers(List<String> test, List<String> validation, List<String> training) {

  /**
   * Sorts a split's users into the three groups.
   *
   * @param data the dataset
   * @param split the split
   * @param window which reviews count (a training user needs at least one source review in it)
   * @return the users
   */
  static SplitUsers of(CrossDomainDataset data, Split split, ReviewWindow window) {
    Set<String> hidden = split.hiddenUsers();
    DomainReviews source = data.source();
    List<String> training = new ArrayList<>();
    for (int user : data.overlapUsers()) {
      String id = data.users().id(user);
      if (!hidden.contains(id)
          && !window.newestWithText(source, source.reviewsOfUser(user)).isEmpty()) {
        training.add(id);
      }
    }
    Collections.sort(training);
    return new SplitUsers(
        sortedDistinct(split.testUsers()),
        sortedDistinct(split.validationUsers()),
        List.copyOf(training));
  }

  private static List<String> sortedDistinct(List<String> ids) {
    List<String> copy = new ArrayList<>(new HashSet<>(ids));
    Collections.sort(copy);
    return List.copyOf(copy);
  }
}
