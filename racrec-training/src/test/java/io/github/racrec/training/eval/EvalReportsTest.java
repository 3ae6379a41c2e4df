package io.github.racrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.racrec.training.eval.EvalResult.ModelResult;
import io.github.racrec.training.eval.EvalResult.SplitSummary;
import io.github.racrec.training.racrec.Correction;
import io.github.racrec.training.racrec.RacRecConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What results.json records about each model. */
class EvalReportsTest {
  @TempDir Path dir;

  @Test
  void writeJson_modelWithSettings_recordsItsWholeConfiguration() throws IOException {
    RacRecConfig config = RacRecConfig.corrected().withSeed(9);
    Estimate rmse = new Estimate(0.8, 0.7, 0.9, 10);
    EvalResult result =
        new EvalResult(
            Protocol.a(0.2),
            10,
            List.of(1L),
            100,
            List.of(
                new ModelResult("RACRec", true, config.toMap(), Map.of(Metric.RMSE, rmse)),
                new ModelResult("item mean", true, Map.of(), Map.of(Metric.RMSE, rmse))),
            Map.of(),
            new SplitSummary(10, 0, 30, 0, 200, 40, 5));
    Path file = dir.resolve("results.json");
    EvalReports.writeJson(List.of(result), Map.of("command", "test"), file);
    JsonNode models =
        new ObjectMapper().readTree(file.toFile()).get("results").get(0).get("models");
    JsonNode settings = models.get(0).get("settings");
    assertEquals(9, settings.get("seed").asLong());
    assertEquals(config.learningRate(), settings.get("learningRate").floatValue());
    assertEquals(config.sharedSize(), settings.get("sharedSize").asInt());
    assertEquals(Correction.values().length, settings.get("corrections").get("switches").size());
    assertFalse(models.get(1).has("settings"), "a model without settings records none");
  }
}
