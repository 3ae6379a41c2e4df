package io.github.racrec.training.spark;

import static org.apache.spark.sql.functions.col;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.OnnxTextEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/**
 * Encodes a table of reviews ({@link SparkColumns#REVIEWS}) into review vectors ({@link
 * SparkColumns#REVIEW_VECTORS}) on the executors: each executor JVM opens the encoder once and
 * every task sends it its partition's texts a call at a time. The vector column's metadata holds
 * the encoder's fingerprint and dimension, and Parquet keeps it in the file footer, so a catalog
 * build refuses vectors of another encoder.
 *
 * <pre>{@code
 * Dataset<Row> reviews = SparkReviewFiles.read(spark, List.of("Digital_Music.jsonl.gz")).reviews();
 * SparkEncoding.encode(reviews, EncoderSpec.embeddedMiniLm(), 256).write().parquet("vectors");
 * }</pre>
 *
 * <p>Thread-safety: call from the driver.
 */
public final class SparkEncoding {
  private SparkEncoding() {}

  /**
   * Returns the review vectors, computed lazily when an action (a write) runs.
   *
   * @param reviews reviews with the {@link SparkColumns#REVIEWS} columns
   * @param encoder the encoder the executors open
   * @param textsPerCall texts per encoder call, at least 1
   * @return every review with its vector (null for a review without text)
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if {@code textsPerCall} is
   *     below 1, or an error of opening the encoder on the driver
   */
  public static Dataset<Row> encode(Dataset<Row> reviews, EncoderSpec encoder, int textsPerCall) {
    Objects.requireNonNull(reviews, "reviews");
    Objects.requireNonNull(encoder, "encoder");
    if (textsPerCall < 1) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT, "textsPerCall must be at least 1, got " + textsPerCall);
    }
    // The driver opens the encoder too, for its fingerprint (and shares it in local mode).
    OnnxTextEncoder local = ExecutorResources.encoder(encoder);
    Metadata metadata =
        new MetadataBuilder()
            .putString(SparkColumns.ENCODER_FINGERPRINT, local.fingerprint())
            .putLong(SparkColumns.DIMENSION, local.dimension())
            .build();
    Dataset<Row> encoded =
        reviews
            .selectExpr(SparkColumns.REVIEWS.fieldNames())
            .mapPartitions(
                (MapPartitionsFunction<Row, Row>)
                    rows -> {
                      OnnxTextEncoder executorEncoder = ExecutorResources.encoder(encoder);
                      return new RowBatches(
                          rows, textsPerCall, batch -> encodeCall(executorEncoder, batch));
                    },
                Encoders.row(SparkColumns.REVIEW_VECTORS));
    return encoded.withColumn(
        SparkColumns.VECTOR, col(SparkColumns.VECTOR).as(SparkColumns.VECTOR, metadata));
  }

  /**
   * Returns the fingerprint of the encoder that made a table of review vectors.
   *
   * @param reviewVectors the table, as written by {@link #encode} or read back from Parquet
   * @return the fingerprint
   * @throws RacrecException with {@link ErrorCode#DATA_FORMAT} if the table has no vector column
   *     with an encoder fingerprint
   */
  public static String encoderFingerprint(Dataset<Row> reviewVectors) {
    return vectorMetadata(reviewVectors).getString(SparkColumns.ENCODER_FINGERPRINT);
  }

  /**
   * Returns the vector length of a table of review vectors.
   *
   * @param reviewVectors the table
   * @return the dimension
   * @throws RacrecException with {@link ErrorCode#DATA_FORMAT} as {@link #encoderFingerprint}
   */
  public static int dimension(Dataset<Row> reviewVectors) {
    return (int) vectorMetadata(reviewVectors).getLong(SparkColumns.DIMENSION);
  }

  private static Metadata vectorMetadata(Dataset<Row> reviewVectors) {
    for (StructField field : reviewVectors.schema().fields()) {
      if (field.name().equals(SparkColumns.VECTOR)
          && field.metadata().contains(SparkColumns.ENCODER_FINGERPRINT)
          && field.metadata().contains(SparkColumns.DIMENSION)) {
        return field.metadata();
      }
    }
    throw new RacrecException(
        ErrorCode.DATA_FORMAT,
        "the table has no '"
            + SparkColumns.VECTOR
            + "' column with an encoder fingerprint: write review vectors with"
            + " SparkEncoding.encode");
  }

  /** One encoder call for a group of review rows: each row with its vector in its text's place. */
  private static List<Row> encodeCall(OnnxTextEncoder encoder, List<Row> batch) {
    int textColumn = SparkColumns.REVIEWS.fieldIndex(SparkColumns.TEXT);
    List<String> texts = new ArrayList<>(batch.size());
    for (Row row : batch) {
      if (!row.getString(textColumn).isBlank()) {
        texts.add(row.getString(textColumn));
      }
    }
    int dim = encoder.dimension();
    float[] vectors = new float[texts.size() * dim];
    if (!texts.isEmpty()) {
      encoder.encodeInto(texts, vectors, 0);
    }
    List<Row> out = new ArrayList<>(batch.size());
    int t = 0;
    for (Row row : batch) {
      Object[] values = new Object[row.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = i == textColumn ? null : row.get(i);
      }
      if (!row.getString(textColumn).isBlank()) {
        values[textColumn] = RowBatches.boxed(Arrays.copyOfRange(vectors, t * dim, (t + 1) * dim));
        t++;
      }
      out.add(RowFactory.create(values));
    }
    return out;
  }
}
