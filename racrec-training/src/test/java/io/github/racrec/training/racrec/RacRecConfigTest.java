package io.github.racrec.training.racrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The builder rejects each impossible value at its setter, naming it; presets stay as tuned. */
class RacRecConfigTest {

  @Test
  void toBuilder_changedEpochsAndSeed_keepsEverythingElse() {
    // The README's example.
    RacRecConfig config = RacRecConfig.corrected().toBuilder().epochs(40).seed(7).build();
    assertEquals(40, config.epochs());
    assertEquals(7, config.seed());
    RacRecConfig back = config.toBuilder().epochs(200).seed(42).build();
    assertEquals(RacRecConfig.corrected(), back);
    assertEquals(RacRecConfig.corrected().hashCode(), back.hashCode());
    assertNotEquals(RacRecConfig.corrected(), config);
  }

  @Test
  void builder_negativeLearningRate_namesTheSetting() {
    RacrecException e =
        assertThrows(RacrecException.class, () -> RacRecConfig.builder().learningRate(-1f));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals(
        "INVALID_ARGUMENT: learningRate must be above 0 and finite, not -1.0", e.getMessage());
  }

  static Stream<Arguments> impossibleValues() {
    return Stream.of(
        bad("vectorSize", b -> b.vectorSize(0)),
        bad("inputDropout", b -> b.inputDropout(1f)),
        bad("inputDropout", b -> b.inputDropout(Float.NaN)),
        bad("predictionWeight", b -> b.predictionWeight(0f)),
        bad("auxiliaryWeight", b -> b.auxiliaryWeight(-0.1f)),
        bad("rankingWeight", b -> b.rankingWeight(Float.NaN)),
        bad("learningRate", b -> b.learningRate(Float.POSITIVE_INFINITY)),
        bad("weightDecay", b -> b.weightDecay(-1e-6f)),
        bad("batchSize", b -> b.batchSize(0)),
        bad("epochs", b -> b.epochs(0)),
        bad("patience", b -> b.patience(0)));
  }

  private static Arguments bad(String name, Consumer<RacRecConfigBuilder> setter) {
    return Arguments.of(name, setter);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("impossibleValues")
  void builder_impossibleValue_rejectedAtItsSetterByName(
      String name, Consumer<RacRecConfigBuilder> setter) {
    RacRecConfigBuilder builder = RacRecConfig.builder();
    RacrecException e = assertThrows(RacrecException.class, () -> setter.accept(builder));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(
        e.getMessage().startsWith("INVALID_ARGUMENT: " + name + " must be "), e.getMessage());
  }

  @Test
  void presets_matchTheOriginalAndTheTunedTrial() {
    RacRecConfig original = RacRecConfig.original();
    assertEquals(32, original.sharedSize());
    assertEquals(1000f, original.predictionWeight());
    assertEquals(5e-5f, original.learningRate());
    assertEquals(Corrections.none(), original.corrections());
    RacRecConfig corrected = RacRecConfig.corrected();
    assertEquals(32, corrected.sharedSize());
    assertEquals(0.0039797416f, corrected.learningRate());
    assertEquals(0.30625284f, corrected.rankingWeight());
    assertEquals(Corrections.all(), corrected.corrections());
    assertEquals(66, corrected.servedSize());
  }

  @Test
  void json_writtenAndReadBack_equalConfiguration() throws Exception {
    ObjectMapper json = new ObjectMapper();
    RacRecConfig config =
        RacRecConfig.corrected().withCorrections(Corrections.all().withHiddenSize(64)).withSeed(3);
    String text = json.writeValueAsString(config);
    assertEquals(config, json.readValue(text, RacRecConfig.class));
    assertEquals(config.toMap().keySet(), json.readValue(text, Map.class).keySet());
  }

  @Test
  void fromMap_committedTuningResults_bestIsTheCorrectedPreset() throws Exception {
    // What `racrec tune --reselect` reads back.
    Path file = Path.of("..", "benchmarks", "results", "tuning", "results.json");
    JsonNode best = new ObjectMapper().readTree(file.toFile()).get("best");
    RacRecConfig read = new ObjectMapper().treeToValue(best.get("config"), RacRecConfig.class);
    assertEquals(RacRecConfig.corrected().withSeed(best.get("config").get("seed").asLong()), read);
  }

  @Test
  void fromMap_unequalSizesOrUnknownCorrection_rejected() {
    Map<String, Object> map = new LinkedHashMap<>(RacRecConfig.corrected().toMap());
    map.put("specificSize", 8);
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(RacrecException.class, () -> RacRecConfig.fromMap(map)).code());
    Map<String, Object> unknown = new LinkedHashMap<>(RacRecConfig.corrected().toMap());
    unknown.put("corrections", Map.of("switches", List.of("TELEPATHY"), "hiddenSize", 0));
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(RacrecException.class, () -> RacRecConfig.fromMap(unknown)).code());
  }
}
