package io.github.racrec.training.racrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.training.racrec.RacRecSearch.Trial;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The search's draws are seeded and its winner follows the documented rule. */
class RacRecSearchTest {

  @Test
  void winnerHasTheLowestRmseAmongTrialsThatRankWell() {
    List<Trial> trials =
        List.of(
            trial(0, 0.80, 0.10), // best RMSE, but ranks poorly
            trial(1, 0.84, 0.19), // within 10 % of the best HR, lowest RMSE there
            trial(2, 0.90, 0.20), // best HR
            trial(3, Double.NaN, 0.50)); // diverged: never a winner
    assertEquals(1, RacRecSearch.best(trials).orElseThrow().index());
  }

  @Test
  void noFiniteTrialMeansNoWinner() {
    assertTrue(RacRecSearch.best(List.of(trial(0, Double.NaN, 0.3))).isEmpty());
  }

  @Test
  void drawsAreSeededAndVary() {
    RacRecConfig a = RacRecSearch.draw(new Random(3), 1);
    RacRecConfig b = RacRecSearch.draw(new Random(3), 1);
    assertEquals(a, b);
    Random random = new Random(3);
    assertNotEquals(RacRecSearch.draw(random, 1), RacRecSearch.draw(random, 1));
    assertEquals(a.sharedSize(), a.specificSize());
    assertTrue(a.corrections().has(Correction.COLD_START_PATH));
  }

  private static Trial trial(int index, double rmse, double hr) {
    return new Trial(index, RacRecConfig.corrected(), rmse, hr, hr / 2, List.of(1), 1.0);
  }
}
