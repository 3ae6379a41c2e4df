package io.github.racrec.onnx.catalog;

import java.nio.file.Path;

/**
 * The child process of {@link CatalogKillTest}: writes catalog versions 1, 2, 3, ... to one file
 * without end, printing {@code begin N} and {@code done N} around each, until it is killed.
 */
public final class CatalogWriterChild {
  static final int ITEMS = 3000;
  static final int DIM = 64;

  private CatalogWriterChild() {}

  /**
   * Writes versions until killed.
   *
   * @param args the target file and the first version number
   */
  public static void main(String[] args) {
    Path target = Path.of(args[0]);
    for (int version = Integer.parseInt(args[1]); ; version++) {
      System.out.println("begin " + version);
      System.out.flush();
      write(target, version);
      System.out.println("done " + version);
      System.out.flush();
    }
  }

  /** Writes one whole version: every id and vector says which version it belongs to. */
  static void write(Path target, int version) {
    try (CatalogWriter writer = CatalogWriter.create(target, DIM, "kill-test-model")) {
      float[] vector = new float[DIM];
      for (int i = 0; i < ITEMS; i++) {
        java.util.Arrays.fill(vector, version + i / (float) ITEMS);
        writer.add("v" + version + "-" + i, "version " + version, vector);
      }
      writer.commit();
    }
  }
}
