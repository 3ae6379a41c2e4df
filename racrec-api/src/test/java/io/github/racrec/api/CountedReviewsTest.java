package io.github.racrec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CountedReviewsTest {

  @Test
  void select_appliesTheWindow_keepsPositionsAndTextsOldestFirst() {
    List<Review> reviews =
        List.of(
            Review.of("c", Instant.ofEpochSecond(30)),
            Review.of("a", Instant.ofEpochSecond(10)),
            Review.of("d", Instant.ofEpochSecond(40)));
    CountedReviews counted = CountedReviews.select(new ReviewWindow(2), reviews, 5, Set.of());
    assertEquals(List.of(0, 2), counted.indices());
    assertEquals(List.of("c", "d"), counted.texts());
    assertEquals(List.of(reviews.get(0), reviews.get(2)), counted.reviews());
    assertEquals(2, counted.size());
  }

  @Test
  void select_kBelowOne_throwsInvalidArgument() {
    RacrecException e =
        assertThrows(
            RacrecException.class,
            () ->
                CountedReviews.select(
                    ReviewWindow.DEFAULT, List.of(Review.of("fine")), 0, Set.of()));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals("INVALID_ARGUMENT: k must be at least 1, got 0", e.getMessage());
  }

  @Test
  void select_noReviews_throwsInvalidArgument() {
    RacrecException e =
        assertThrows(
            RacrecException.class,
            () -> CountedReviews.select(ReviewWindow.DEFAULT, List.of(), 3, Set.of()));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals(
        "INVALID_ARGUMENT: a user needs at least one review to get recommendations",
        e.getMessage());
  }

  @Test
  void select_blankCountedReview_throwsInvalidInputNamingIt() {
    List<Review> reviews = List.of(Review.of("fine"), Review.of("  "));
    RacrecException e =
        assertThrows(
            RacrecException.class,
            () -> CountedReviews.select(ReviewWindow.DEFAULT, reviews, 3, Set.of()));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertEquals("INVALID_INPUT: review 1 is empty or blank: it cannot count", e.getMessage());
  }

  @Test
  void select_blankReviewOutsideTheWindow_doesNotCount() {
    List<Review> reviews = List.of(Review.of(" "), Review.of("fine"));
    CountedReviews counted = CountedReviews.select(new ReviewWindow(1), reviews, 3, Set.of());
    assertEquals(List.of(1), counted.indices());
  }

  @Test
  void select_nulls_throwNullPointer() {
    List<Review> one = List.of(Review.of("fine"));
    assertThrows(
        NullPointerException.class,
        () -> CountedReviews.select(ReviewWindow.DEFAULT, null, 3, Set.of()));
    assertThrows(
        NullPointerException.class,
        () -> CountedReviews.select(ReviewWindow.DEFAULT, one, 3, null));
    assertThrows(NullPointerException.class, () -> CountedReviews.select(null, one, 3, Set.of()));
    assertThrows(
        NullPointerException.class,
        () ->
            CountedReviews.select(
                ReviewWindow.DEFAULT, Arrays.asList(Review.of("a"), null), 3, Set.of()));
  }

  @Test
  void constructor_listsOfOtherLengths_throwIllegalArgument() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CountedReviews(List.of(0, 1), List.of(Review.of("a"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CountedReviews(List.of(-1), List.of(Review.of("a"))));
  }
}
