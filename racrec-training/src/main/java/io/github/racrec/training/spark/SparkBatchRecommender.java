package io.github.racrec.training.spark;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.struct;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Review;
import io.github.racrec.api.ReviewContribution;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Recommends for a table of users on Spark: each user's top {@code k} items with score, predicted
 * stars and the index of the review that moved the item most ({@link
 * SparkColumns#RECOMMENDATIONS}), computed by {@link RacRecRecommender#recommend}, the one-machine
 * recommender, on each executor. The model and the catalog are shipped once per executor ({@link
 * ShippedFile}) and opened once per executor JVM, not once per task.
 *
 * <p>The users table has a {@link SparkColumns#USER} column, a {@link SparkColumns#REVIEWS_COLUMN}
 * column (an array of structs with the fields {@code text}, {@code rating} (stars, or null) and
 * {@code timestamp} (milliseconds since the epoch, or null), read by name and cast to string,
 * double and long) and optionally an {@link SparkColumns#EXCLUDE} column (an array of item ids).
 * {@link #usersFromReviews} makes one from a table of reviews.
 *
 * <p>Thread-safety: call from the driver.
 */
public final class SparkBatchRecommender {
  private SparkBatchRecommender() {}

  /**
   * Returns the recommendations, computed lazily when an action (a write) runs. The model folder
   * and the catalog are shipped to the executors as broadcasts ({@link ShippedFile}).
   *
   * @param spark the session
   * @param users the users table
   * @param encoder the encoder the model was trained with
   * @param modelFolder the exported model, on the driver
   * @param catalog the model's catalog file, on the driver
   * @param k recommendations per user, at least 1
   * @return one row per recommendation; a user with no review text gets none
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if {@code k} is below 1 or the
   *     users table lacks a column, {@link ErrorCode#MODEL_INCOMPATIBLE} or {@link
   *     ErrorCode#CATALOG_MISMATCH} if encoder, model and catalog do not belong together (checked
   *     on the driver), or {@link ErrorCode#IO_ERROR} if a file cannot be shipped
   */
  public static Dataset<Row> recommend(
      SparkSession spark,
      Dataset<Row> users,
      EncoderSpec encoder,
      Path modelFolder,
      Path catalog,
      int k) {
    Objects.requireNonNull(spark, "spark");
    checkTogether(encoder, modelFolder, catalog);
    return recommend(
        spark,
        users,
        encoder,
        ShippedFile.folder(spark, modelFolder),
        ShippedFile.file(spark, catalog),
        k);
  }

  /**
   * Returns the recommendations, with model and catalog already shipped (or, with {@link
   * ShippedFile#onEveryNode}, already on every node: the way for catalogs of several GB).
   *
   * @param spark the session
   * @param users the users table
   * @param encoder the encoder the model was trained with
   * @param model the model folder
   * @param catalog the catalog file
   * @param k recommendations per user, at least 1
   * @return one row per recommendation; a user with no review text gets none
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if {@code k} is below 1 or the
   *     users table lacks a column; a mismatch of encoder, model and catalog fails the tasks
   */
  public static Dataset<Row> recommend(
      SparkSession spark,
      Dataset<Row> users,
      EncoderSpec encoder,
      ShippedFile model,
      ShippedFile catalog,
      int k) {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(catalog, "catalog");
    if (k < 1) {
      throw new RacrecException(ErrorCode.INVALID_ARGUMENT, "k must be at least 1, got " + k);
    }
    List<String> columns = Arrays.asList(users.columns());
    for (String needed : List.of(SparkColumns.USER, SparkColumns.REVIEWS_COLUMN)) {
      if (!columns.contains(needed)) {
        throw new RacrecException(
            ErrorCode.INVALID_ARGUMENT,
            "the users table has no '" + needed + "' column (it has " + columns + ")");
      }
    }
    boolean hasExclude = columns.contains(SparkColumns.EXCLUDE);
    // Reviews by field name, in the types the executors read; null entries and texts dropped.
    Dataset<Row> input =
        users.select(
            col(SparkColumns.USER).cast("string"),
            expr(
                "transform(filter(coalesce("
                    + SparkColumns.REVIEWS_COLUMN
                    + ", array()), r -> r is not null and r.text is not null), r -> named_struct("
                    + "'text', cast(r.text as string), 'rating', cast(r.rating as double),"
                    + " 'timestamp', cast(r.timestamp as long)))"),
            hasExclude
                ? expr("filter(coalesce("
                        + SparkColumns.EXCLUDE
                        + ", array()), x -> x is not null)")
                    .cast("array<string>")
                : expr("array()").cast("array<string>"));
    return input.flatMap(
        (FlatMapFunction<Row, Row>)
            user ->
                recommendOne(ExecutorResources.recommender(encoder, model, catalog), user, k)
                    .iterator(),
        Encoders.row(SparkColumns.RECOMMENDATIONS));
  }

  /** The checks of {@link RacRecRecommender#create}, on the driver, before any task runs. */
  private static void checkTogether(EncoderSpec encoder, Path modelFolder, Path catalog) {
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(modelFolder, "modelFolder");
    Objects.requireNonNull(catalog, "catalog");
    try (RacRecTowers towers = RacRecTowers.open(modelFolder);
        ExactCatalogIndex index = ExactCatalogIndex.open(catalog)) {
      RacRecRecommender.create(ExecutorResources.encoder(encoder), towers, index).close();
    }
  }

  /**
   * Gathers a table of reviews ({@link SparkColumns#REVIEWS}) into a users table: each user's
   * reviews with text, ordered by time and then by place in the input (the order the one-machine
   * code reads them in), so that a review's index in the array is stable.
   *
   * @param reviews the reviews
   * @return one row per user with text reviews
   */
  public static Dataset<Row> usersFromReviews(Dataset<Row> reviews) {
    return reviews
        .filter(expr("trim(" + SparkColumns.TEXT + ") != ''"))
        .groupBy(SparkColumns.USER)
        .agg(
            array_sort(
                    collect_list(
                        struct(
                            col(SparkColumns.TIMESTAMP),
                            col(SparkColumns.FILE_INDEX),
                            col(SparkColumns.OFFSET),
                            col(SparkColumns.TEXT),
                            col(SparkColumns.RATING))))
                .as("sorted"))
        .select(
            col(SparkColumns.USER),
            expr("transform(sorted, r -> named_struct('text', r.text, 'rating',"
                    + " cast(r.rating as double), 'timestamp', r.timestamp))")
                .as(SparkColumns.REVIEWS_COLUMN));
  }

  static List<Row> recommendOne(RacRecRecommender recommender, Row user, int k) {
    String userId = user.getString(0);
    List<Row> reviewRows = user.getList(1);
    List<Review> reviews = new ArrayList<>(reviewRows.size());
    for (Row review : reviewRows) {
      reviews.add(
          new Review(
              review.getString(0),
              review.isNullAt(1) ? OptionalDouble.empty() : OptionalDouble.of(review.getDouble(1)),
              review.isNullAt(2)
                  ? Optional.empty()
                  : Optional.of(Instant.ofEpochMilli(review.getLong(2)))));
    }
    Set<String> excluded = user.isNullAt(2) ? Set.of() : new HashSet<>(user.<String>getList(2));
    if (reviews.stream().allMatch(r -> r.text().isBlank())) {
      return List.of();
    }
    List<Recommendation> recommendations = recommender.recommend(reviews, k, excluded);
    List<Row> rows = new ArrayList<>(recommendations.size());
    int rank = 1;
    for (Recommendation recommendation : recommendations) {
      rows.add(
          RowFactory.create(
              userId,
              rank++,
              recommendation.itemId(),
              recommendation.title(),
              recommendation.score(),
              recommendation.predictedRating().isPresent()
                  ? recommendation.predictedRating().getAsDouble()
                  : null,
              strongestReview(recommendation)));
    }
    return rows;
  }

  /** The index of the review that moved the item most, -1 if there is no explanation. */
  static int strongestReview(Recommendation recommendation) {
    return recommendation
        .explanation()
        .flatMap(explanation -> explanation.strongest())
        .map(ReviewContribution::reviewIndex)
        .orElse(-1);
  }
}
