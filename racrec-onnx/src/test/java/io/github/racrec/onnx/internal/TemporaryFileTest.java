package io.github.racrec.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.onnx.catalog.CatalogFile;
import io.github.racrec.onnx.catalog.CatalogWriter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files left by interrupted writes are removed; files in use never are. */
class TemporaryFileTest {
  @TempDir Path dir;

  @Test
  void theNextWriteRemovesAbandonedFilesOfItsTargetOnly() throws Exception {
    Path target = dir.resolve("music.rcat");
    Path abandoned = leftOver("music.rcat.1234.tmp");
    Path abandonedSide = leftOver("music.rcat.5678.f32.tmp");
    Path otherTarget = leftOver("movies.rcat.1234.tmp");
    Path notTemporary = leftOver("music.rcat.notes");
    Path notOurs = leftOver("music.rcat.backup.tmp"); // not a name this library makes

    writeCatalog(target);

    assertFalse(Files.exists(abandoned));
    assertFalse(Files.exists(abandonedSide));
    assertTrue(Files.exists(otherTarget), "another target's file is not ours to remove");
    assertTrue(Files.exists(notTemporary));
    assertTrue(Files.exists(notOurs));
    try (CatalogFile catalog = CatalogFile.open(target)) {
      assertEquals(2, catalog.size());
    }
  }

  @Test
  void aTargetNamedThroughALinkOrDotsIsRecognised() throws Exception {
    Path real = Files.createDirectory(dir.resolve("catalogs"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    try (CatalogWriter first = CatalogWriter.create(link.resolve("./music.rcat"), 2, "model")) {
      first.add("a", "A", new float[] {1f, 0f});
      try (var files = Files.list(real)) {
        for (Path file : files.toList()) {
          Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        }
      }
      // Another writer names the same file another way: the first writer's file must stay.
      assertEquals(0, TemporaryFile.removeAbandoned(real.resolve("music.rcat")));
      first.commit();
    }
    try (CatalogFile catalog = CatalogFile.open(real.resolve("music.rcat"))) {
      assertEquals(1, catalog.size());
    }
  }

  @Test
  void aFileJustWrittenIsKept() throws Exception {
    Path fresh = Files.writeString(dir.resolve("music.rcat.99.tmp"), "being created");
    assertEquals(0, TemporaryFile.removeAbandoned(dir.resolve("music.rcat")));
    assertTrue(Files.exists(fresh));
  }

  @Test
  void aFileLockedByALiveProcessIsKeptUntilThatProcessDies() throws Exception {
    Path inUse = leftOver("music.rcat.42.tmp");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolderChild.class.getName(),
                inUse.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", out.readLine());
      assertEquals(0, TemporaryFile.removeAbandoned(dir.resolve("music.rcat")));
      assertTrue(Files.exists(inUse), "a live writer's file stays");
    } finally {
      child.destroyForcibly(); // SIGKILL: the operating system drops its lock
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(1, TemporaryFile.removeAbandoned(dir.resolve("music.rcat")));
    assertFalse(Files.exists(inUse));
  }

  @Test
  void twoWritersInOneJvmLeaveEachOthersFilesAlone() throws Exception {
    Path target = dir.resolve("music.rcat");
    try (CatalogWriter first = CatalogWriter.create(target, 2, "model")) {
      first.add("a", "A", new float[] {1f, 0f});
      // Make the first writer's file look old: only its lock and this JVM's record protect it.
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        }
      }
      writeCatalog(target);
      first.commit();
    }
    try (CatalogFile catalog = CatalogFile.open(target)) {
      assertEquals(1, catalog.size(), "the first writer committed last");
    }
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "only the catalog remains");
    }
  }

  private Path leftOver(String name) throws Exception {
    Path file = Files.writeString(dir.resolve(name), "left by a killed writer");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    return file;
  }

  private static void writeCatalog(Path target) {
    try (CatalogWriter writer = CatalogWriter.create(target, 2, "model")) {
      writer.add("a", "A", new float[] {1f, 0f});
      writer.add("b", "B", new float[] {0f, 1f});
      writer.commit();
    }
  }
}
