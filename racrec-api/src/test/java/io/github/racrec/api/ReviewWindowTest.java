package io.github.racrec.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewWindowTest {

  private static Review at(String text, long second) {
    return Review.of(text, Instant.ofEpochSecond(second));
  }

  @Test
  void selectIndices_allTimestamped_keepsNewestOldestFirst() {
    List<Review> reviews = List.of(at("c", 30), at("a", 10), at("d", 40), at("b", 20));
    assertArrayEquals(new int[] {0, 2}, new ReviewWindow(2).selectIndices(reviews));
    assertEquals(
        List.of("b", "c", "d"),
        new ReviewWindow(3).select(reviews).stream().map(Review::text).toList());
  }

  @Test
  void selectIndices_equalTimestamps_laterInListCountsAsNewer() {
    List<Review> reviews = List.of(at("first", 5), at("second", 5), at("third", 5));
    assertArrayEquals(new int[] {1, 2}, new ReviewWindow(2).selectIndices(reviews));
  }

  @Test
  void selectIndices_noTimestamps_takesLastInListOrder() {
    List<Review> reviews = List.of(Review.of("a"), Review.of("b"), Review.of("c"));
    assertArrayEquals(new int[] {1, 2}, new ReviewWindow(2).selectIndices(reviews));
  }

  @Test
  void selectIndices_someTimestampsMissing_fallsBackToListOrder() {
    List<Review> reviews = List.of(at("new", 99), Review.of("b"), at("old", 1));
    assertArrayEquals(new int[] {1, 2}, new ReviewWindow(2).selectIndices(reviews));
  }

  @Test
  void selectIndices_fewerThanSize_returnsAll() {
    List<Review> reviews = List.of(at("b", 2), at("a", 1));
    assertArrayEquals(new int[] {1, 0}, ReviewWindow.DEFAULT.selectIndices(reviews));
    assertArrayEquals(new int[0], ReviewWindow.DEFAULT.selectIndices(List.of()));
  }

  @Test
  void constructor_sizeBelowOne_throwsInvalidArgument() {
    RacrecException e = assertThrows(RacrecException.class, () -> new ReviewWindow(0));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }

  @Test
  void selectIndices_nullElement_throwsNullPointer() {
    List<Review> reviews = java.util.Arrays.asList(Review.of("a"), null);
    assertThrows(NullPointerException.class, () -> ReviewWindow.DEFAULT.selectIndices(reviews));
  }
}
