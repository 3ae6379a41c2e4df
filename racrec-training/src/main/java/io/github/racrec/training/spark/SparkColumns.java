package io.github.racrec.training.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The column names and schemas of the tables the Spark jobs read and write.
 *
 * <p>A review's place in its input ({@code file_index}, the position of its file in the list read,
 * and {@code offset}, where its line starts) breaks ties between reviews with the same timestamp,
 * the way the one-machine readers use stream order.
 *
 * <p>Thread-safety: constants only.
 */
public final class SparkColumns {
  /** A stable id of the review: a hash of its user, item, time and text. */
  public static final String REVIEW_KEY = "review_key";

  /** The reviewer. */
  public static final String USER = "user";

  /** The reviewed item. */
  public static final String ITEM = "item";

  /** Stars, 1 to 5. */
  public static final String RATING = "rating";

  /** When the review was written, milliseconds since the epoch. */
  public static final String TIMESTAMP = "timestamp";

  /** The position of the review's file in the list of files read. */
  public static final String FILE_INDEX = "file_index";

  /** Where the review's line starts in its file (for gzip files, a position in the stream). */
  public static final String OFFSET = "offset";

  /** Title and body of the review; may be empty. */
  public static final String TEXT = "text";

  /** The review's vector, null for a review without text. */
  public static final String VECTOR = "vector";

  /** The metadata key, on the vector column, of the encoder's fingerprint. */
  public static final String ENCODER_FINGERPRINT = "racrec.encoder.fingerprint";

  /** The metadata key, on the vector column, of the vector length. */
  public static final String DIMENSION = "racrec.encoder.dimension";

  /** Reviews as read: {@link SparkReviewFiles#read}. */
  public static final StructType REVIEWS =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(REVIEW_KEY, DataTypes.StringType, false),
            DataTypes.createStructField(USER, DataTypes.StringType, false),
            DataTypes.createStructField(ITEM, DataTypes.StringType, false),
            DataTypes.createStructField(RATING, DataTypes.FloatType, false),
            DataTypes.createStructField(TIMESTAMP, DataTypes.LongType, false),
            DataTypes.createStructField(FILE_INDEX, DataTypes.IntegerType, false),
            DataTypes.createStructField(OFFSET, DataTypes.LongType, false),
            DataTypes.createStructField(TEXT, DataTypes.StringType, false)
          });

  /**
   * Review vectors: {@link SparkEncoding#encode}. The columns of {@link #REVIEWS} with the text
   * replaced, in place, by its vector (null for a review without text).
   */
  public static final StructType REVIEW_VECTORS =
      new StructType(
          java.util.Arrays.stream(REVIEWS.fields())
              .map(
                  field ->
                      field.name().equals(TEXT)
                          ? DataTypes.createStructField(
                              VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), true)
                          : field)
              .toArray(StructField[]::new));

  /** One user's source reviews, the input of {@link SparkBatchRecommender}. */
  public static final StructType USER_REVIEW =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(TEXT, DataTypes.StringType, false),
            DataTypes.createStructField(RATING, DataTypes.DoubleType, true),
            DataTypes.createStructField(TIMESTAMP, DataTypes.LongType, true)
          });

  /** The reviews column of the users table: an array of {@link #USER_REVIEW}. */
  public static final String REVIEWS_COLUMN = "reviews";

  /** Optional column of the users table: item ids not to recommend. */
  public static final String EXCLUDE = "exclude";

  /** Rank of a recommendation, 1 for the best. */
  public static final String RANK = "rank";

  /** The item's title from the catalog. */
  public static final String TITLE = "title";

  /** The ranking score. */
  public static final String SCORE = "score";

  /** The predicted stars. */
  public static final String STARS = "stars";

  /** The index, in the user's reviews array, of the review that moved the item most; -1: none. */
  public static final String STRONGEST_REVIEW = "strongest_review";

  /** Recommendations: {@link SparkBatchRecommender#recommend}. */
  public static final StructType RECOMMENDATIONS =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(USER, DataTypes.StringType, false),
            DataTypes.createStructField(RANK, DataTypes.IntegerType, false),
            DataTypes.createStructField(ITEM, DataTypes.StringType, false),
            DataTypes.createStructField(TITLE, DataTypes.StringType, false),
            DataTypes.createStructField(SCORE, DataTypes.DoubleType, false),
            DataTypes.createStructField(STARS, DataTypes.DoubleType, true),
            DataTypes.createStructField(STRONGEST_REVIEW, DataTypes.IntegerType, false)
          });

  private SparkColumns() {}
}
