package io.github.racrec.onnx.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: a child JVM writing catalog versions in a loop is killed with SIGKILL at random
 * points, 50 times; after each kill the file must open and be one complete version: the last one
 * finished, or the one being written if its rename had already happened. The next write removes the
 * temporary files the killed writers left.
 */
class CatalogKillTest {
  private static final int KILLS = 50;

  @TempDir Path dir;

  @Test
  void killedWhileWriting_theFileIsAlwaysOneWholeVersion() throws Exception {
    Path target = dir.resolve("catalog.rcat");
    CatalogWriterChild.write(target, 0);
    Random random = new Random(2026);
    int nextVersion = 1;
    int killedMidWrite = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      // Output to a file, not a pipe: what the child wrote before the kill is all there.
      Path log = dir.resolve("child-" + kill + ".log");
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  CatalogWriterChild.class.getName(),
                  target.toString(),
                  Integer.toString(nextVersion))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (Files.size(log) == 0 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(random.nextInt(400));
      child.destroyForcibly(); // SIGKILL on Linux and macOS
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      assertTrue(!lines.isEmpty() && lines.get(0).startsWith("begin"), "child started: " + lines);
      String last = lines.get(lines.size() - 1);
      int lastDone = nextVersion - 1;
      for (String line : lines) {
        if (line.startsWith("done ")) {
          lastDone = Integer.parseInt(line.substring(5));
        }
      }
      if (last.startsWith("begin")) {
        killedMidWrite++;
      }
      int version = versionOf(target);
      // The rename may land after "done" was last printed: then the file is one version newer.
      assertTrue(
          version == lastDone || version == lastDone + 1,
          "kill " + kill + ": file holds version " + version + ", last finished " + lastDone);
      nextVersion = Math.max(version, lastDone) + 1;
    }
    System.out.printf(
        "catalog kill test: %d kills, %d during a write, every file one whole version%n",
        KILLS, killedMidWrite);
    assertTrue(killedMidWrite > KILLS / 4, "most kills should land inside a write");
    // And a write after all that works, and removes what the killed writers left behind (once it
    // is old enough to be told from a file being created).
    Thread.sleep(io.github.racrec.onnx.internal.TemporaryFile.MINIMUM_AGE_MILLIS + 100);
    long leftBehind = temporaryFiles();
    CatalogWriterChild.write(target, 10_000);
    assertEquals(10_000, versionOf(target));
    System.out.printf(
        "temporary files: %d left by the kills, %d after the next write%n",
        leftBehind, temporaryFiles());
    assertEquals(0, temporaryFiles(), "the next write removes them");
  }

  private long temporaryFiles() throws java.io.IOException {
    try (var files = Files.list(dir)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).count();
    }
  }

  /** Opens the file (checksums verified) and checks every row belongs to one version. */
  private static int versionOf(Path target) {
    try (CatalogFile catalog = CatalogFile.open(target)) {
      assertEquals(CatalogWriterChild.ITEMS, catalog.size());
      String firstId = catalog.id(0);
      int version = Integer.parseInt(firstId.substring(1, firstId.indexOf('-')));
      for (int i = 0; i < catalog.size(); i++) {
        assertEquals("v" + version + "-" + i, catalog.id(i));
      }
      float[] vector = new float[CatalogWriterChild.DIM];
      catalog.copyVector(catalog.size() - 1, vector, 0);
      assertEquals(
          version + (catalog.size() - 1) / (float) CatalogWriterChild.ITEMS, vector[0], 1e-3);
      return version;
    }
  }
}
