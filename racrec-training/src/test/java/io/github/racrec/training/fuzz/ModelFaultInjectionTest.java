package io.github.racrec.training.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecManifest;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.TinyBertModel;
import io.github.racrec.onnx.TransformerModel;
import io.github.racrec.onnx.catalog.CatalogWriter;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.onnx.internal.Json;
import io.github.racrec.training.SmallDemo;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.racrec.RacRecConfig;
import io.github.racrec.training.racrec.RacRecExporter;
import io.github.racrec.training.racrec.RacRecTrainer;
import io.github.racrec.training.racrec.TrainedRacRec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection on RACRec model folders: every kind of damage to the manifest and the towers, and
 * parts whose dimensions or fingerprints do not fit each other, raise {@link RacrecException} with
 * the code that names the problem and a message, never another exception.
 */
class ModelFaultInjectionTest {
  @TempDir static Path dir;
  static OnnxTextEncoder encoder;
  static Path template;
  static Path otherModel;

  @BeforeAll
  static void exportTwoModels() throws IOException {
    encoder = SmallDemo.tinyEncoder(dir.resolve("encoder"));
    TrainingData training = SmallDemo.training(encoder, dir.resolve("demo"));
    template = dir.resolve("template");
    otherModel = dir.resolve("other");
    for (long seed : new long[] {1, 2}) {
      TrainedRacRec trained =
          RacRecTrainer.train(
              training,
              RacRecConfig.corrected().withEpochs(1).withSeed(seed),
              ProgressListener.none(),
              Optional.empty());
      RacRecExporter.export(trained, encoder.fingerprint(), seed == 1 ? template : otherModel);
    }
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  private static int faults;

  private static Path damaged(String name, Consumer<Path> damage) throws IOException {
    Path folder = dir.resolve("fault-" + name);
    Files.createDirectories(folder);
    try (var files = Files.list(template)) {
      for (Path file : files.toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
    damage.accept(folder);
    faults++;
    return folder;
  }

  private static void assertOpenFails(String name, ErrorCode code, Consumer<Path> damage)
      throws IOException {
    Path folder = damaged(name, damage);
    RacrecException e =
        assertThrows(RacrecException.class, () -> RacRecTowers.open(folder).close());
    assertEquals(code, e.code(), name + ": " + e.getMessage());
    assertFalse(e.getMessage().isBlank());
    System.out.printf("model fault %-32s -> %s: %s%n", name, e.code(), e.getMessage());
  }

  private static Consumer<Path> editManifest(Consumer<ObjectNode> edit) {
    return folder -> {
      Path file = folder.resolve(RacRecManifest.FILE_NAME);
      try {
        ObjectNode json = (ObjectNode) Json.reader().readTree(Files.readString(file));
        edit.accept(json);
        Files.writeString(file, json.toString());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static Consumer<Path> write(String file, byte[] bytes) {
    return folder -> {
      try {
        Files.write(folder.resolve(file), bytes);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static Consumer<Path> truncate(String file) {
    return folder -> {
      try {
        byte[] bytes = Files.readAllBytes(folder.resolve(file));
        Files.write(folder.resolve(file), Arrays.copyOf(bytes, bytes.length / 2));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static Consumer<Path> delete(String file) {
    return folder -> {
      try {
        Files.delete(folder.resolve(file));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  @Test
  void everyDamage_hasItsOwnCodeAndMessage() throws IOException {
    String manifest = RacRecManifest.FILE_NAME;
    String user = RacRecExporter.USER_TOWER;
    String item = RacRecExporter.ITEM_TOWER;
    assertOpenFails("manifest missing", ErrorCode.MODEL_NOT_FOUND, delete(manifest));
    assertOpenFails("manifest empty", ErrorCode.MODEL_INVALID, write(manifest, new byte[0]));
    assertOpenFails(
        "manifest not JSON",
        ErrorCode.MODEL_INVALID,
        write(manifest, "{\"format\": ".getBytes(StandardCharsets.UTF_8)));
    assertOpenFails(
        "manifest a JSON list",
        ErrorCode.MODEL_INVALID,
        write(manifest, "[1, 2, 3]".getBytes(StandardCharsets.UTF_8)));
    assertOpenFails(
        "manifest wrong format",
        ErrorCode.MODEL_INVALID,
        editManifest(json -> json.put("format", "something-else")));
    assertOpenFails(
        "manifest newer version",
        ErrorCode.MODEL_INVALID,
        editManifest(json -> json.put("formatVersion", 99)));
    for (String field :
        List.of("modelFingerprint", "encoderFingerprint", "tasteDimension", "userTower")) {
      assertOpenFails(
          "manifest without " + field,
          ErrorCode.MODEL_INVALID,
          editManifest(json -> json.remove(field)));
    }
    assertOpenFails(
        "manifest dimension a string",
        ErrorCode.MODEL_INVALID,
        editManifest(json -> json.put("tasteDimension", "wide")));
    assertOpenFails(
        "manifest negative dimension",
        ErrorCode.MODEL_INVALID,
        editManifest(json -> json.put("inputDimension", -3)));
    assertOpenFails(
        "manifest fingerprint edited",
        ErrorCode.MODEL_INVALID,
        editManifest(json -> json.put("modelFingerprint", "sha256:00")));
    assertOpenFails(
        "manifest blend weight outside [0, 1]",
        ErrorCode.MODEL_INVALID,
        editManifest(json -> ((ObjectNode) json.get("itemTerms")).put("selectionWeight", 1.5)));
    assertOpenFails(
        "manifest blend edited (the fingerprint covers it)",
        ErrorCode.MODEL_INVALID,
        editManifest(
            json -> {
              ObjectNode terms = (ObjectNode) json.get("itemTerms");
              double weight = terms.get("selectionWeight").asDouble();
              terms.put("selectionWeight", weight == 0.25 ? 0.75 : 0.25);
            }));
    assertOpenFails("user tower missing", ErrorCode.MODEL_NOT_FOUND, delete(user));
    assertOpenFails("user tower truncated", ErrorCode.MODEL_INVALID, truncate(user));
    assertOpenFails(
        "item tower not ONNX",
        ErrorCode.MODEL_INVALID,
        write(item, "not an onnx graph".getBytes(StandardCharsets.UTF_8)));
    assertOpenFails(
        "towers of another model",
        ErrorCode.MODEL_INVALID,
        folder -> {
          try {
            Files.copy(
                otherModel.resolve(user),
                folder.resolve(user),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    System.out.printf("model fault injection: %d faults, each its own RacrecException%n", faults);
  }

  @Test
  void partsThatDoNotFit_areRefusedWithMismatchCodes() throws IOException {
    Path other = new TinyBertModel(32, 512, false, 9).writeFolder(dir.resolve("other-encoder"));
    try (RacRecTowers towers = RacRecTowers.open(template);
        OnnxTextEncoder wrongEncoder =
            OnnxTextEncoder.builder().model(TransformerModel.fromFolder(other)).build()) {
      int taste = towers.manifest().catalogDimension();
      Path wrongDims = dir.resolve("wrong-dims.rcat");
      Path wrongModel = dir.resolve("wrong-model.rcat");
      writeCatalog(wrongDims, taste + 1, towers.modelFingerprint());
      writeCatalog(wrongModel, taste, "sha256:another-model");
      try (ExactCatalogIndex dims = ExactCatalogIndex.open(wrongDims);
          ExactCatalogIndex model = ExactCatalogIndex.open(wrongModel)) {
        RacrecException encoderMismatch =
            assertThrows(
                RacrecException.class, () -> RacRecRecommender.create(wrongEncoder, towers, dims));
        assertEquals(ErrorCode.MODEL_INCOMPATIBLE, encoderMismatch.code());
        RacrecException dimsMismatch =
            assertThrows(
                RacrecException.class, () -> RacRecRecommender.create(encoder, towers, dims));
        assertEquals(ErrorCode.CATALOG_MISMATCH, dimsMismatch.code());
        RacrecException modelMismatch =
            assertThrows(
                RacrecException.class, () -> RacRecRecommender.create(encoder, towers, model));
        assertEquals(ErrorCode.CATALOG_MISMATCH, modelMismatch.code());
        System.out.printf(
            "model fault %-32s -> %s%nmodel fault %-32s -> %s%nmodel fault %-32s -> %s%n",
            "encoder of another model",
            encoderMismatch.code(),
            "catalog of other dimension",
            dimsMismatch.code(),
            "catalog of another model",
            modelMismatch.code());
      }
    }
  }

  private static void writeCatalog(Path file, int dim, String fingerprint) {
    try (CatalogWriter writer = CatalogWriter.create(file, dim, fingerprint)) {
      for (int i = 0; i < 5; i++) {
        float[] v = new float[dim];
        v[i % dim] = 1;
        writer.add("i" + i, "", v);
      }
      writer.commit();
    }
  }
}
