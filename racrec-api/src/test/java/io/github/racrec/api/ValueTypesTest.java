package io.github.racrec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void racrecException_message_startsWithCodeAndKeepsCause() {
    Exception cause = new IllegalStateException("root");
    RacrecException e = new RacrecException(ErrorCode.CATALOG_CORRUPT, "bad magic", cause);
    assertEquals("CATALOG_CORRUPT: bad magic", e.getMessage());
    assertEquals(ErrorCode.CATALOG_CORRUPT, e.code());
    assertSame(cause, e.getCause());
  }

  @Test
  void review_nonFiniteRating_throwsInvalidArgument() {
    RacrecException e =
        assertThrows(RacrecException.class, () -> Review.of("text", Double.NaN, Instant.EPOCH));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }

  @Test
  void review_factories_fillOptionalParts() {
    Review plain = Review.of("text");
    assertTrue(plain.rating().isEmpty() && plain.timestamp().isEmpty());
    Review full = Review.of("text", 4.0, Instant.EPOCH);
    assertEquals(4.0, full.rating().getAsDouble());
    assertEquals(Instant.EPOCH, full.timestamp().orElseThrow());
  }

  @Test
  void explanation_copiesListAndFindsStrongestPositive() {
    List<ReviewContribution> terms = new ArrayList<>();
    terms.add(new ReviewContribution(0, -0.5));
    terms.add(new ReviewContribution(1, 0.25));
    terms.add(new ReviewContribution(2, 0.75));
    Explanation explanation = new Explanation(terms, 0.1);
    terms.clear();
    assertEquals(3, explanation.contributions().size());
    assertEquals(2, explanation.strongest().orElseThrow().reviewIndex());
  }

  @Test
  void explanation_noPositiveTerm_hasNoStrongest() {
    Explanation explanation = new Explanation(List.of(new ReviewContribution(0, -1.0)), 0.0);
    assertTrue(explanation.strongest().isEmpty());
  }

  @Test
  void progress_negativeDone_throws() {
    assertThrows(IllegalArgumentException.class, () -> new Progress("t", -1, 10, "items"));
    assertTrue(new Progress("t", 0, 10, "items").totalKnown());
  }
}
