package io.github.racrec.training.eval;

import io.github.racrec.api.ProgressListener;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DomainReviews;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
    Set<String> hidden = split.hiddenUsers();
    DomainReviews target = data.target();
    DomainReviews source = data.source();

    // Visible target reviews, grouped by item id (sorted), each item's reviews oldest first.
    Map<String, List<Integer>> visibleByItem = new TreeMap<>();
    for (int item = 0; item < data.targetItems().size(); item++) {
      List<Integer> visible = new ArrayList<>();
      for (int r : target.reviewsOfItem(item)) {
        if (!hidden.contains(data.users().id(target.user(r)))) {
          visible.add(r);
        }
      }
      if (!visible.isEmpty()) {
        visibleByItem.put(data.targetItems().id(item), visible);
      }
    }

    // Users: test, validation, training; each list sorted by id.
    List<String> testIds = sorted(split.testUsers());
    List<String> validationIds = sorted(split.validationUsers());
    List<String> trainIds = new ArrayList<>();
    for (int user : data.overlapUsers()) {
      String id = data.users().id(user);
      if (!hidden.contains(id)
          && !newestWithText(source, source.reviewsOfUser(user), window).isEmpty()) {
        trainIds.add(id);
      }
    }
    Collections.sort(trainIds);

    // Encode every text a model may see, and nothing else.
    Set<String> texts = new java.util.LinkedHashSet<>();
    for (List<Integer> reviews : visibleByItem.values()) {
      newestWithText(target, reviews, window).forEach(r -> texts.add(target.text(r)));
    }
    for (List<String> ids : List.of(trainIds, validationIds, testIds)) {
      for (String id : ids) {
        int user = data.users().indexOf(id);
        newestWithText(source, boxed(source.reviewsOfUser(user)), window)
            .forEach(r -> texts.add(source.text(r)));
      }
    }
    for (List<String> ids : List.of(trainIds, validationIds)) {
      for (String id : ids) {
        newestWithText(target, boxed(target.reviewsOfUser(data.users().indexOf(id))), window)
            .forEach(r -> texts.add(target.text(r)));
      }
    }
    vectors.encodeAll(texts, progress);

    // The catalog: items with at least one visible review with text.
    List<String> itemIds = new ArrayList<>();
    List<float[]> itemVectors = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    List<Double> ratingSums = new ArrayList<>();
    List<Integer> vectorCounts = new ArrayList<>();
    Set<Integer> inItemVectors = new HashSet<>();
    double ratingTotal = 0;
    long ratingCount = 0;
    for (Map.Entry<String, List<Integer>> entry : visibleByItem.entrySet()) {
      List<Integer> reviews = entry.getValue();
      double sum = 0;
      for (int r : reviews) {
        sum += target.rating(r);
      }
      ratingTotal += sum;
      ratingCount += reviews.size();
      List<Integer> withText = newestWithText(target, reviews, window);
      if (!withText.isEmpty()) {
        itemIds.add(entry.getKey());
        itemVectors.add(mean(withText, target, vectors, vectors.dimension()));
        counts.add(reviews.size());
        ratingSums.add(sum);
        vectorCounts.add(withText.size());
        inItemVectors.addAll(withText);
      }
    }
    double globalMean = ratingCount == 0 ? 3.0 : ratingTotal / ratingCount;
    TrainingData.Catalog catalog =
        new TrainingData.Catalog(
            List.copyOf(itemIds),
            itemVectors.toArray(new float[0][]),
            counts.stream().mapToInt(Integer::intValue).toArray(),
            ratingSums.stream().mapToDouble(Double::doubleValue).toArray(),
            ints(vectorCounts));

    List<TrainUser> trainUsers = new ArrayList<>();
    for (String id : trainIds) {
      trainUsers.add(trainUser(data, id, catalog, inItemVectors, vectors, window));
    }
    List<TrainUser> validationUsers = new ArrayList<>();
    for (String id : validationIds) {
      validationUsers.add(trainUser(data, id, catalog, inItemVectors, vectors, window));
    }
    List<TestUser> testUsers = new ArrayList<>();
    for (String id : testIds) {
      int user = data.users().indexOf(id);
      List<Integer> items = new ArrayList<>();
      List<Float> ratings = new ArrayList<>();
      int outside = 0;
      for (int r : target.reviewsOfUser(user)) {
        int index = catalog.indexOf(data.targetItems().id(target.item(r)));
        if (index < 0) {
          outside++;
        } else {
          items.add(index);
          ratings.add(target.rating(r));
        }
      }
      testUsers.add(
          new TestUser(profile(data, id, vectors, window), ints(items), floats(ratings), outside));
    }
    return new EvalData(
        new TrainingData(
            catalog, globalMean, List.copyOf(trainUsers), List.copyOf(validationUsers), window),
        List.copyOf(testUsers));
  }

  private static TrainUser trainUser(
      CrossDomainDataset data,
      String id,
      TrainingData.Catalog catalog,
      Set<Integer> inItemVectors,
      ReviewVectors vectors,
      int window) {
    int user = data.users().indexOf(id);
    DomainReviews target = data.target();
    List<Integer> reviews = boxed(target.reviewsOfUser(user));
    List<Integer> withText = newestWithText(target, reviews, window);
    Set<Integer> inTargetMean = new HashSet<>(withText);
    List<Integer> items = new ArrayList<>();
    List<Float> ratings = new ArrayList<>();
    List<float[]> ownVectors = new ArrayList<>();
    List<Boolean> ownInMean = new ArrayList<>();
    List<Boolean> ownInItem = new ArrayList<>();
    for (int r : reviews) {
      int index = catalog.indexOf(data.targetItems().id(target.item(r)));
      if (index >= 0) {
        items.add(index);
        ratings.add(target.rating(r));
        boolean inMean = inTargetMean.contains(r);
        boolean inItem = inItemVectors.contains(r);
        ownInMean.add(inMean);
        ownInItem.add(inItem);
        ownVectors.add(inMean || inItem ? vectors.vector(target.text(r)) : null);
      }
    }
    OwnReviews own =
        new OwnReviews(
            ownVectors.toArray(new float[0][]),
            booleans(ownInMean),
            booleans(ownInItem),
            withText.size());
    float[] targetMean =
        withText.isEmpty()
            ? new float[vectors.dimension()]
            : mean(withText, target, vectors, vectors.dimension());
    return new TrainUser(
        profile(data, id, vectors, window), targetMean, ints(items), floats(ratings), own);
  }

  private static UserProfile profile(
      CrossDomainDataset data, String id, ReviewVectors vectors, int window) {
    DomainReviews source = data.source();
    List<Integer> counted =
        newestWithText(source, boxed(source.reviewsOfUser(data.users().indexOf(id))), window);
    float[][] sourceVectors = new float[counted.size()][];
    float[] ratings = new float[counted.size()];
    for (int i = 0; i < counted.size(); i++) {
      sourceVectors[i] = vectors.vector(source.text(counted.get(i)));
      ratings[i] = source.rating(counted.get(i));
    }
    return new UserProfile(
        id, sourceVectors, ratings, mean(counted, source, vectors, vectors.dimension()));
  }

  /** The newest {@code window} reviews with text, oldest first (reviews come oldest first). */
  static List<Integer> newestWithText(DomainReviews reviews, List<Integer> ordered, int window) {
    List<Integer> withText = new ArrayList<>();
    for (int r : ordered) {
      if (reviews.hasText(r)) {
        withText.add(r);
      }
    }
    return withText.subList(Math.max(0, withText.size() - window), withText.size());
  }

  private static List<Integer> newestWithText(DomainReviews reviews, int[] ordered, int window) {
    return newestWithText(reviews, boxed(ordered), window);
  }

  private static float[] mean(
      List<Integer> reviews, DomainReviews domain, ReviewVectors vectors, int dim) {
    float[] sum = new float[dim];
    if (reviews.isEmpty()) {
      return sum;
    }
    for (int r : reviews) {
      float[] vector = vectors.vector(domain.text(r));
      for (int j = 0; j < dim; j++) {
        sum[j] += vector[j];
      }
    }
    for (int j = 0; j < dim; j++) {
      sum[j] /= reviews.size();
    }
    return sum;
  }

  private static List<Integer> boxed(int[] values) {
    List<Integer> list = new ArrayList<>(values.length);
    for (int value : values) {
      list.add(value);
    }
    return list;
  }

  private static List<String> sorted(List<String> ids) {
    List<String> copy = new ArrayList<>(new HashSet<>(ids));
    Collections.sort(copy);
    return copy;
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean[] booleans(List<Boolean> values) {
    boolean[] array = new boolean[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  private static float[] floats(List<Float> values) {
    float[] array = new float[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }
}
