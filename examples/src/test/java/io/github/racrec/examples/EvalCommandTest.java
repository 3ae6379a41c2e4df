package io.github.racrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** racrec eval on review files writes the console table, report.md, results.json and charts. */
class EvalCommandTest {
  @TempDir Path dir;

  @Test
  void eval_onFiles_writesReportJsonAndCharts() throws Exception {
    DemoData demo =
        DemoGenerator.generate(DemoConfig.defaults().scaled(60, 20, 25), dir.resolve("data"));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int exit =
        new CommandLine(new EvalCommand(out, out))
            .execute(
                "--source", demo.movieReviewFile().toString(),
                "--target", demo.musicReviewFile().toString(),
                "--target-meta", demo.musicMetaFile().toString(),
                "--protocols", "A,B,original",
                "--betas", "0.2,0.5",
                "--seeds", "1",
                "--bootstrap", "50",
                "--models", "global-mean,popularity,content,emcdr",
                "--work-dir", dir.resolve("work").toString());
    assertEquals(0, exit);
    String console = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(console.contains("| popularity |"), console);
    assertTrue(console.matches("(?s).*Titles: [1-9][0-9]* of [0-9]+ target items.*"), console);
    Path report = dir.resolve("work/eval");
    assertTrue(Files.readString(report.resolve("report.md")).contains("### Protocol B (ranking)"));
    JsonNode results = new ObjectMapper().readTree(report.resolve("results.json").toFile());
    assertEquals(4, results.get("results").size(), "A at two betas, B, original");
    assertTrue(Files.isRegularFile(report.resolve("protocol-A-rmse.png")));
    assertTrue(Files.isRegularFile(report.resolve("protocol-B-hr-10-sampled.png")));
    assertTrue(Files.isRegularFile(report.resolve("protocol-original-auc.png")));
  }
}
