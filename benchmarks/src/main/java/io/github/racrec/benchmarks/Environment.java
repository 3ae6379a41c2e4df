package io.github.racrec.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Stamps benchmark results with the JDK, the CPU and the git commit they were measured at. */
final class Environment {
  private Environment() {}

  /** Returns {@code "environment": {...}}, ready to embed in a JSON object. */
  static String describeAsJson() {
    return String.format(
        Locale.ROOT,
        "\"environment\": {\"jdk\": \"%s %s\", \"os\": \"%s %s\", \"cpu\": \"%s\","
            + " \"cores\": %d, \"commit\": \"%s\", \"date\": \"%s\"}",
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        gitCommit(),
        Instant.now());
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim().replace("\"", "'");
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: fall through.
    }
    return "unknown";
  }

  static String gitCommit() {
    try {
      Process head = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").start();
      String commit =
          new String(head.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      Process status =
          new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").start();
      boolean dirty = status.getInputStream().readAllBytes().length > 0;
      if (!head.waitFor(10, TimeUnit.SECONDS) || head.exitValue() != 0 || commit.isEmpty()) {
        return "unknown";
      }
      status.waitFor(10, TimeUnit.SECONDS);
      return commit + (dirty ? "+uncommitted" : "");
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }
}
