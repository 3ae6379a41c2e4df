package io.github.racrec.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON manifest that travels with an exported RACRec model: what the two ONNX towers expect and
 * give, which encoder's vectors they were trained on, and how training went. A catalog built for
 * one model cannot be used with another: both record the model fingerprint.
 *
 * <p>Thread-safety: immutable.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion the manifest format version, {@value #FORMAT_VERSION}
 * @param modelFingerprint SHA-256 of the towers and the fields that change their meaning
 * @param encoderFingerprint the fingerprint of the text encoder whose vectors the towers take
 * @param inputDimension the review vector dimension d
 * @param tasteDimension the length of taste and item vectors
 * @param reviewWindow how many of a user's newest reviews count (K)
 * @param pooling how review vectors become a user or item vector, for people to read
 * @param linearUserTower whether the user tower is linear up to the mean of the review vectors,
 *     which makes per-review explanations exact
 * @param globalBias a constant added to every predicted rating
 * @param ratingMin the lowest rating; predictions are clipped to it
 * @param ratingMax the highest rating
 * @param userTower the user tower's file name in the model folder
 * @param itemTower the item tower's file name
 * @param trainingDataFingerprint SHA-256 of the data the model was trained on
 * @param training settings and validation results, for people to read
 * @param itemTerms null to rank and rate by the rating head alone; otherwise how the head is
 *     blended with the item mean and popularity ({@link ItemTermBlend}), and the model's catalogs
 *     then carry those two terms after each item vector (see {@link #catalogDimension()})
 */
public record RacRecManifest(
    String format,
    int formatVersion,
    String modelFingerprint,
    String encoderFingerprint,
    int inputDimension,
    int tasteDimension,
    int reviewWindow,
    String pooling,
    boolean linearUserTower,
    double globalBias,
    double ratingMin,
    double ratingMax,
    String userTower,
    String itemTower,
    String trainingDataFingerprint,
    Map<String, Object> training,
    ItemTermBlend itemTerms) {

  /** The manifest's file name in a model folder. */
  public static final String FILE_NAME = "racrec-model.json";

  /** The value of {@link #format()}. */
  public static final String FORMAT = "racrec-model";

  /** The manifest format this version reads and writes. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectReader READER = Json.reader().forType(RacRecManifest.class);

  /**
   * Reads and checks a manifest.
   *
   * @param folder the model folder
   * @return the manifest
   * @throws RacrecException with {@link ErrorCode#MODEL_NOT_FOUND} if it is missing, or {@link
   *     ErrorCode#MODEL_INVALID} if a field is missing, of the wrong kind or out of range
   */
  public static RacRecManifest read(Path folder) {
    Path file = folder.resolve(FILE_NAME);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new RacrecException(
          ErrorCode.MODEL_NOT_FOUND, "no RACRec manifest " + FILE_NAME + " in " + folder, e);
    } catch (IOException e) {
      throw new RacrecException(ErrorCode.IO_ERROR, "cannot read " + file, e);
    }
    RacRecManifest manifest;
    try {
      manifest = text.isBlank() ? null : READER.readValue(text);
    } catch (JsonProcessingException e) {
      throw invalid(
          file, "is not valid JSON of a RACRec manifest (" + e.getOriginalMessage() + ")");
    }
    if (manifest == null) {
      throw invalid(file, "is empty");
    }
    manifest.check(file);
    return manifest;
  }

  /**
   * Returns this manifest as JSON, as it is stored in {@value #FILE_NAME}.
   *
   * @return the JSON text
   */
  public String toJson() {
    return Json.toPrettyJson(this) + "\n";
  }

  /**
   * Returns this manifest with the given model fingerprint.
   *
   * @param fingerprint the fingerprint
   * @return the changed manifest
   */
  public RacRecManifest withModelFingerprint(String fingerprint) {
    return new RacRecManifest(
        format,
        formatVersion,
        fingerprint,
        encoderFingerprint,
        inputDimension,
        tasteDimension,
        reviewWindow,
        pooling,
        linearUserTower,
        globalBias,
        ratingMin,
        ratingMax,
        userTower,
        itemTower,
        trainingDataFingerprint,
        training,
        itemTerms);
  }

  /**
   * Returns whether the model blends in item terms, which its catalogs then carry.
   *
   * @return {@code true} if {@link #itemTerms()} is set
   */
  public boolean blendsItemTerms() {
    return itemTerms != null;
  }

  /**
   * Returns the length of this model's catalog vectors: the taste dimension, plus the item mean and
   * popularity when the model blends them in.
   *
   * @return the catalog dimension
   */
  public int catalogDimension() {
    return tasteDimension + (blendsItemTerms() ? ItemTermBlend.CATALOG_TERMS : 0);
  }

  /**
   * Computes the model fingerprint: a SHA-256 over both towers' bytes and every manifest field that
   * changes what the towers' outputs mean.
   *
   * @param userTowerBytes the user tower file's bytes
   * @param itemTowerBytes the item tower file's bytes
   * @return {@code "sha256:"} and 64 hex digits
   */
  public String computeFingerprint(byte[] userTowerBytes, byte[] itemTowerBytes) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(userTowerBytes);
      sha.update(itemTowerBytes);
      sha.update(
          String.format(
                  Locale.ROOT,
                  "%s|%d|%d|%d|%b|%s|%s|%s",
                  encoderFingerprint,
                  inputDimension,
                  tasteDimension,
                  reviewWindow,
                  linearUserTower,
                  Double.toString(globalBias),
                  Double.toString(ratingMin),
                  Double.toString(ratingMax))
              .getBytes(StandardCharsets.UTF_8));
      if (blendsItemTerms()) {
        // Only when set, so that fingerprints of models without item terms stay as they were.
        sha.update(("|itemTerms=" + itemTerms).getBytes(StandardCharsets.UTF_8));
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private void check(Path file) {
    if (!FORMAT.equals(format)) {
      throw invalid(file, "is not a RACRec manifest (format " + format + ")");
    }
    if (formatVersion != FORMAT_VERSION) {
      throw invalid(
          file,
          "has format version "
              + formatVersion
              + ", which this racrec does not read (it reads "
              + FORMAT_VERSION
              + "): export the model again");
    }
    for (Map.Entry<String, Object> field :
        Map.<String, Object>of(
                "modelFingerprint", String.valueOf(modelFingerprint),
                "encoderFingerprint", String.valueOf(encoderFingerprint),
                "userTower", String.valueOf(userTower),
                "itemTower", String.valueOf(itemTower))
            .entrySet()) {
      if (field.getValue().equals("null") || field.getValue().toString().isBlank()) {
        throw invalid(file, "lacks the field " + field.getKey());
      }
    }
    if (inputDimension < 1 || tasteDimension < 1 || reviewWindow < 1) {
      throw invalid(file, "has impossible dimensions or window");
    }
    if (!(ratingMin < ratingMax) || !Double.isFinite(globalBias)) {
      throw invalid(file, "has an impossible rating range or bias");
    }
    if (training == null) {
      throw invalid(file, "lacks the field training");
    }
    if (itemTerms != null && itemTerms.problem() != null) {
      throw invalid(file, "has " + itemTerms.problem());
    }
  }

  private static RacrecException invalid(Path file, String problem) {
    return new RacrecException(ErrorCode.MODEL_INVALID, "RACRec manifest " + file + " " + problem);
  }
}
