package io.github.racrec.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Recommender} must have. A backend's test class extends this, opens its
 * recommender over a catalog of at least 12 items, and gives a user's reviews.
 */
public abstract class RecommenderContract {

  /** Opens a recommender; each test closes the one it gets. */
  protected abstract Recommender openRecommender();

  /** A user's source-domain reviews the recommender can handle. */
  protected abstract List<Review> sampleReviews();

  protected Recommender recommender;

  @BeforeEach
  void openIt() {
    recommender = openRecommender();
  }

  @AfterEach
  void closeIt() {
    recommender.close();
  }

  @Test
  void recommend_sampleUser_returnsKDistinctItemsBestFirst() {
    List<Recommendation> top = recommender.recommend(sampleReviews(), 10);
    assertEquals(10, top.size());
    assertEquals(10, top.stream().map(Recommendation::itemId).distinct().count());
    for (int i = 1; i < top.size(); i++) {
      assertTrue(top.get(i - 1).score() >= top.get(i).score(), "ranked best first");
    }
    for (Recommendation r : top) {
      assertFalse(r.modelFingerprint().isEmpty());
      assertFalse(r.catalogFingerprint().isEmpty());
      r.predictedRating().ifPresent(rating -> assertTrue(Double.isFinite(rating)));
    }
  }

  @Test
  void recommend_excludedItems_neverReturned() {
    List<Recommendation> first = recommender.recommend(sampleReviews(), 5);
    Set<String> excluded = new HashSet<>();
    first.forEach(r -> excluded.add(r.itemId()));
    List<Recommendation> next = recommender.recommend(sampleReviews(), 5, excluded);
    assertEquals(5, next.size());
    next.forEach(r -> assertFalse(excluded.contains(r.itemId()), r.itemId()));
  }

  @Test
  void recommend_sameUserTwice_sameResult() {
    assertEquals(
        recommender.recommend(sampleReviews(), 10), recommender.recommend(sampleReviews(), 10));
  }

  @Test
  void recommend_kBelowOne_throwsInvalidArgument() {
    for (int k : new int[] {0, -1}) {
      RacrecException e =
          assertThrows(RacrecException.class, () -> recommender.recommend(sampleReviews(), k));
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
  }

  @Test
  void recommend_noReviews_throwsInvalidArgument() {
    RacrecException e =
        assertThrows(RacrecException.class, () -> recommender.recommend(List.of(), 10));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }

  @Test
  void recommend_blankReview_throwsInvalidInput() {
    List<Review> reviews = new java.util.ArrayList<>(sampleReviews());
    reviews.add(Review.of("   "));
    RacrecException e =
        assertThrows(RacrecException.class, () -> recommender.recommend(reviews, 10));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
  }

  @Test
  void recommend_nulls_throwNullPointer() {
    assertThrows(NullPointerException.class, () -> recommender.recommend(null, 10));
    assertThrows(
        NullPointerException.class,
        () -> recommender.recommend(Arrays.asList(Review.of("good"), null), 10));
  }

  @Test
  void close_twice_isHarmlessAndRecommendingAfterwardsThrows() {
    recommender.close();
    recommender.close();
    assertThrows(IllegalStateException.class, () -> recommender.recommend(sampleReviews(), 3));
  }
}
