package io.github.racrec.training.eval;

import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DomainReviews;
import io.github.racrec.training.eval.EvalData.OwnReviews;
import io.github.racrec.training.eval.EvalData.TestUser;
import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.EvalData.UserProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Assembles the users of one split against its visible catalog: the source profile every model
 * gets, the target history of training and validation users, and the hidden ratings of test users.
 *
 * <p>Thread-safety: immutable; the review vectors it reads must have been encoded before.
 */
final class SplitUserAssembler {
  private final CrossDomainDataset data;
  private final VisibleCatalog visible;
  private final ReviewWindow window;

  /**
   * Creates an assembler.
   *
   * @param data the dataset
   * @param visible the split's catalog
   * @param window which reviews make a user vector
   */
  SplitUserAssembler(CrossDomainDataset data, VisibleCatalog visible, ReviewWindow window) {
    this.data = data;
    this.visible = visible;
    this.window = window;
  }

  /**
   * Returns a user as a model sees them: the newest source reviews with text.
   *
   * @param id the user's id
   * @return the profile
   */
  UserProfile profile(String id) {
    DomainReviews source = data.source();
    List<Integer> counted =
        window.newestWithText(source, source.reviewsOfUser(data.users().indexOf(id)));
    float[][] sourceVectors = new float[counted.size()][];
    float[] ratings = new float[counted.size()];
    for (int i = 0; i < counted.size(); i++) {
      sourceVectors[i] = window.vector(source, counted.get(i));
      ratings[i] = source.rating(counted.get(i));
    }
    return new UserProfile(id, sourceVectors, ratings, window.mean(source, counted));
  }

  /**
   * Returns a training or validation user: profile, target mean and the ratings of catalog items.
   *
   * @param id the user's id
   * @return the user
   */
  TrainUser trainUser(String id) {
    DomainReviews target = data.target();
    TrainingData.Catalog catalog = visible.catalog();
    List<Integer> reviews = ReviewWindow.boxed(target.reviewsOfUser(data.users().indexOf(id)));
    List<Integer> withText = window.newestWithText(target, reviews);
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
        boolean inItem = visible.reviewsInItemVectors().contains(r);
        ownInMean.add(inMean);
        ownInItem.add(inItem);
        ownVectors.add(inMean || inItem ? window.vector(target, r) : null);
      }
    }
    OwnReviews own =
        new OwnReviews(
            ownVectors.toArray(new float[0][]),
            booleans(ownInMean),
            booleans(ownInItem),
            withText.size());
    return new TrainUser(
        profile(id), window.mean(target, withText), ints(items), floats(ratings), own);
  }

  /**
   * Returns a test user: profile plus the hidden ratings of catalog items, counting the others.
   *
   * @param id the user's id
   * @return the user
   */
  TestUser testUser(String id) {
    DomainReviews target = data.target();
    List<Integer> items = new ArrayList<>();
    List<Float> ratings = new ArrayList<>();
    int outside = 0;
    for (int r : target.reviewsOfUser(data.users().indexOf(id))) {
      int index = visible.catalog().indexOf(data.targetItems().id(target.item(r)));
      if (index < 0) {
        outside++;
      } else {
        items.add(index);
        ratings.add(target.rating(r));
      }
    }
    return new TestUser(profile(id), ints(items), floats(ratings), outside);
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
