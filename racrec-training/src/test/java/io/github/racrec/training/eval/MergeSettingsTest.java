package io.github.racrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings that each split's fit chose on its own are reported per split, not as the last one. */
class MergeSettingsTest {
  @Test
  void mergeSettings_sameValuesStayOne_differentOnesBecomeTheListBySplit() {
    Map<String, Object> merged =
        Evaluator.mergeSettings(
            List.of(
                Map.of("seed", 7, "selectionWeight", 0.8),
                Map.of("seed", 7, "selectionWeight", 0.3),
                Map.of("seed", 7, "selectionWeight", 0.0)));
    assertEquals(7, merged.get("seed"));
    assertEquals(List.of(0.8, 0.3, 0.0), merged.get("selectionWeight"));
  }

  @Test
  void mergeSettings_keyMissingOnOneSplit_isListedWithANull() {
    Map<String, Object> merged =
        Evaluator.mergeSettings(
            List.of(Map.of("seed", 7), Map.of("seed", 7, "selectionWeight", 1.0)));
    assertEquals(java.util.Arrays.asList(null, 1.0), merged.get("selectionWeight"));
  }
}
