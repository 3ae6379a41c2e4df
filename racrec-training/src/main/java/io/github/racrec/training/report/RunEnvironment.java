package io.github.racrec.training.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Describes where a result was obtained (JDK, OS, CPU, cores, git commit, time), so that every
 * published figure says what it was measured on.
 *
 * <p>Thread-safety: stateless.
 */
public final class RunEnvironment {
  private RunEnvironment() {}

  /**
   * Returns {@code "environment": {...}}, ready to embed in a JSON object.
   *
   * @return the JSON member
   */
  public static String describeAsJson() {
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

  /**
   * Returns the environment as an ordered map (for JSON writers).
   *
   * @return jdk, os, cpu, cores, commit, date
   */
  public static java.util.Map<String, Object> describe() {
    java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
    map.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    map.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    map.put("cpu", cpuModel());
    map.put("cores", Runtime.getRuntime().availableProcessors());
    map.put("commit", gitCommit());
    map.put("date", Instant.now().toString());
    return map;
  }

  /**
   * Returns the CPU model name, from {@code /proc/cpuinfo} where available.
   *
   * @return the model, or {@code "unknown"}
   */
  public static String cpuModel() {
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

  /**
   * Returns the git commit of the working directory, marked {@code +uncommitted} if tracked files
   * changed. Files under {@code benchmarks/results/} do not count: they are what runs write, not
   * what they run, so a series of runs (one writing its result before the next starts) stays
   * stamped with the commit it ran.
   *
   * @return the short commit, or {@code "unknown"} outside a git checkout
   */
  public static String gitCommit() {
    try {
      Process head = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").start();
      String commit =
          new String(head.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      Process status =
          new ProcessBuilder(
                  "git",
                  "status",
                  "--porcelain",
                  "--untracked-files=no",
                  "--",
                  ".",
                  ":(exclude)benchmarks/results")
              .start();
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
