package io.github.racrec.training.eval;

import io.github.racrec.api.ProgressListener;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DomainReviews;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One split of a dataset turned into what models may see ({@link #training()}) and what only the
 * evaluator sees ({@link #testUsers()}: the hidden target ratings).
 *
 * <p>Leak-free by construction: the target reviews of test and validation users are left out of
 * every item vector, item statistic and training user; test users' target texts are never even
 * encoded. Everything is ordered by id, never by position in the input, so the same split of two
 * copies of the data, one with the hidden reviews deleted, gives bit-identical training data.
 *
 * <p>Thread-safety: immutable.
 */
public final class EvalData {
  private final TrainingData training;
  private final List<TestUser> testUsers;

  private EvalData(TrainingData training, List<TestUser> testUsers) {
    this.training = training;
    this.testUsers = testUsers;
  }

  /**
   * A user as a model sees them: the newest source reviews and their vectors.
   *
   * @param userId the user's id (only oracles may use it)
   * @param sourceVectors the vectors of the newest counted source reviews, oldest first
   * @param sourceRatings the ratings of those reviews
   * @param sourceMean the mean of {@code sourceVectors}
   */
  public record UserProfile(
      String userId, float[][] sourceVectors, float[] sourceRatings, float[] sourceMean) {}

  /**
   * A training or validation user: profile plus target-domain history.
   *
   * @param profile the source side
   * @param targetMean the mean vector of the newest counted target reviews
   * @param targetItems catalog indexes of the user's target items (in the catalog), oldest first
   * @param targetRatings their ratings
   * @param ownReviews the rated reviews' vectors and the aggregates they are in
   */
  public record TrainUser(
      UserProfile profile,
      float[] targetMean,
      int[] targetItems,
      float[] targetRatings,
      OwnReviews ownReviews) {}

  /**
   * The vectors of a training user's rated target reviews, aligned with {@link
   * TrainUser#targetItems()}, and whether each is part of the user's target mean and of the item's
   * vector. A model that predicts a rating from those aggregates can take the rated review out of
   * both first, so that it cannot read the answer from its inputs.
   *
   * @param vectors each rated review's vector, or null where it is in neither aggregate
   * @param inTargetMean whether the review is one of those averaged into the user's target mean
   * @param inItemVector whether the review is one of those averaged into the item's vector
   * @param targetMeanCount how many reviews the user's target mean averages
   */
  public record OwnReviews(
      float[][] vectors, boolean[] inTargetMean, boolean[] inItemVector, int targetMeanCount) {

    /**
     * Returns the record of a user whose reviews are in no aggregate (e.g. built by hand).
     *
     * @param ratings how many rated reviews the user has
     * @return vectors all null, flags all false
     */
    public static OwnReviews none(int ratings) {
      return new OwnReviews(new float[ratings][], new boolean[ratings], new boolean[ratings], 0);
    }
  }

  /**
   * A cold-start test user: profile plus the hidden target ratings the evaluator scores against.
   *
   * @param profile the source side, all a model gets
   * @param heldOutItems catalog indexes of the hidden target items that are in the catalog
   * @param heldOutRatings their ratings
   * @param heldOutOutsideCatalog hidden items no visible review describes, left out of metrics
   */
  public record TestUser(
      UserProfile profile, int[] heldOutItems, float[] heldOutRatings, int heldOutOutsideCatalog) {}

  /**
   * Pairs training data with test users, e.g. the training data of one copy of a dataset with the
   * test users (ground truth) of another, as the leakage test does.
   *
   * @param training what models may see
   * @param testUsers the users to score, with their hidden ratings
   * @return the evaluation data
   */
  public static EvalData of(TrainingData training, List<TestUser> testUsers) {
    return new EvalData(training, List.copyOf(testUsers));
  }

  /**
   * Returns what models may see.
   *
   * @return the training data
   */
  public TrainingData training() {
    return training;
  }

  /**
   * Returns the test users with their hidden ratings, sorted by id. For the evaluator only.
   *
   * @return the test users
   */
  public List<TestUser> testUsers() {
    return testUsers;
  }

  /**
   * Builds the evaluation data of one split.
   *
   * <p>The steps: hide the target reviews of the split's test and validation users; encode the
   * texts models may see; build the catalog from the visible reviews; assemble the training,
   * validation and test users against it.
   *
   * @param data the dataset
   * @param split the split
   * @param vectors where review vectors come from (texts are encoded here as needed)
   * @param window how many newest reviews make a user or item vector
   * @param progress receives encoding progress
   * @return the evaluation data
   */
  public static EvalData build(
      CrossDomainDataset data,
      Split split,
      ReviewVectors vectors,
      int window,
      ProgressListener progress) {
    Objects.requireNonNull(split, "split");
    ReviewWindow reviewWindow = new ReviewWindow(vectors, window);
    SortedMap<String, List<Integer>> visibleByItem =
        visibleTargetReviewsByItem(data, split.hiddenUsers());
    SplitUsers users = SplitUsers.of(data, split, reviewWindow);
    vectors.encodeAll(textsModelsMaySee(data, visibleByItem, users, reviewWindow), progress);
    VisibleCatalog catalog = VisibleCatalog.build(data.target(), visibleByItem, reviewWindow);
    SplitUserAssembler assembler = new SplitUserAssembler(data, catalog, reviewWindow);
    List<TrainUser> trainUsers = users.training().stream().map(assembler::trainUser).toList();
    List<TrainUser> validationUsers =
        users.validation().stream().map(assembler::trainUser).toList();
    List<TestUser> testUsers = users.test().stream().map(assembler::testUser).toList();
    TrainingData training =
        new TrainingData(
            catalog.catalog(), catalog.globalMean(), trainUsers, validationUsers, window);
    return new EvalData(training, testUsers);
  }

  /**
   * Returns the target reviews of every item but those of hidden users, by item id (sorted), each
   * item's reviews oldest first; items without a visible review are left out.
   */
  private static SortedMap<String, List<Integer>> visibleTargetReviewsByItem(
      CrossDomainDataset data, Set<String> hiddenUsers) {
    DomainReviews target = data.target();
    SortedMap<String, List<Integer>> visibleByItem = new TreeMap<>();
    for (int item = 0; item < data.targetItems().size(); item++) {
      List<Integer> visible = new ArrayList<>();
      for (int r : target.reviewsOfItem(item)) {
        if (!hiddenUsers.contains(data.users().id(target.user(r)))) {
          visible.add(r);
        }
      }
      if (!visible.isEmpty()) {
        visibleByItem.put(data.targetItems().id(item), visible);
      }
    }
    return visibleByItem;
  }

  /**
   * Returns every text a model may see, and nothing else, in a fixed order: the visible reviews in
   * item vectors; the source reviews of training, validation and test users; the target reviews of
   * training and validation users. Test users' target texts are never encoded.
   */
  private static Set<String> textsModelsMaySee(
      CrossDomainDataset data,
      SortedMap<String, List<Integer>> visibleByItem,
      SplitUsers users,
      ReviewWindow window) {
    DomainReviews target = data.target();
    DomainReviews source = data.source();
    Set<String> texts = new LinkedHashSet<>();
    for (List<Integer> reviews : visibleByItem.values()) {
      window.newestWithText(target, reviews).forEach(r -> texts.add(target.text(r)));
    }
    for (List<String> ids : List.of(users.training(), users.validation(), users.test())) {
      for (String id : ids) {
        window
            .newestWithText(source, source.reviewsOfUser(data.users().indexOf(id)))
            .forEach(r -> texts.add(source.text(r)));
      }
    }
    for (List<String> ids : List.of(users.training(), users.validation())) {
      for (String id : ids) {
        window
            .newestWithText(target, target.reviewsOfUser(data.users().indexOf(id)))
            .forEach(r -> texts.add(target.text(r)));
      }
    }
    return texts;
  }
}
