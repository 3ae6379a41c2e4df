package io.github.racrec.training.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything that decides the demo data: with the same configuration (and generator version), the
 * generator writes byte-identical files. The default is the versioned file {@code demo-v1.json}
 * shipped with racrec; the generator writes the configuration it used beside the data.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name a name for reports, e.g. {@code "demo-v1"}
 * @param generatorVersion the version of the generating code the configuration was made for; the
 *     generator refuses any other, so old results cannot silently change meaning
 * @param seed the random seed
 * @param movies movie items
 * @param musicItems music items
 * @param sharedUsers users with reviews in both domains
 * @param movieOnlyUsers users with movie reviews only
 * @param musicOnlyUsers users with music reviews only
 * @param minMovieReviews fewest movie reviews per user
 * @param maxMovieReviews most movie reviews per user
 * @param minMusicReviews fewest music reviews per user
 * @param maxMusicReviews most music reviews per user
 * @param linked whether one taste drives both domains (the planted link); {@code false} makes the
 *     control data set, whose music taste is drawn independently of movie taste
 * @param tasteConcentration the Dirichlet parameter of user tastes; smaller is more focused
 * @param choiceSharpness how strongly users pick items of their taste
 * @param ratingNoise the standard deviation of rating noise, in stars
 */
public record DemoConfig(
    String name,
    int generatorVersion,
    long seed,
    int movies,
    int musicItems,
    int sharedUsers,
    int movieOnlyUsers,
    int musicOnlyUsers,
    int minMovieReviews,
    int maxMovieReviews,
    int minMusicReviews,
    int maxMusicReviews,
    boolean linked,
    double tasteConcentration,
    double choiceSharpness,
    double ratingNoise) {

  /** The generator version this code implements. */
  public static final int GENERATOR_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  /**
   * Checks the values.
   *
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} for an impossible value
   */
  public DemoConfig {
    Objects.requireNonNull(name, "name");
    require(generatorVersion == GENERATOR_VERSION, "generatorVersion must be " + GENERATOR_VERSION);
    require(movies >= 10 && musicItems >= 10, "at least 10 movies and 10 music items");
    require(sharedUsers >= 1 && movieOnlyUsers >= 0 && musicOnlyUsers >= 0, "user counts");
    require(
        minMovieReviews >= 1 && maxMovieReviews >= minMovieReviews && maxMovieReviews <= movies,
        "movie reviews per user must be 1 to the number of movies, min <= max");
    require(
        minMusicReviews >= 1 && maxMusicReviews >= minMusicReviews && maxMusicReviews <= musicItems,
        "music reviews per user must be 1 to the number of music items, min <= max");
    require(tasteConcentration > 0 && choiceSharpness >= 0 && ratingNoise >= 0, "positive rates");
  }

  private static void require(boolean condition, String what) {
    if (!condition) {
      throw new RacrecException(ErrorCode.INVALID_ARGUMENT, "bad demo configuration: " + what);
    }
  }

  /**
   * Returns the default configuration, {@code demo-v1.json}: a few hundred items and a few thousand
   * reviews per domain.
   *
   * @return the default configuration
   */
  public static DemoConfig defaults() {
    return bundled("demo-v1.json");
  }

  /**
   * Returns the tuning configuration, {@code demo-tune-v1.json}: the demo world drawn with another
   * seed. Hyper-parameters are searched on its validation users, so that no user of the evaluated
   * data sets takes part in choosing them.
   *
   * @return the tuning configuration
   */
  public static DemoConfig tuning() {
    return bundled("demo-tune-v1.json");
  }

  /**
   * Returns the second world, {@code demo-sparse-v1.json}: other statistics than demo-v1 (more
   * items, fewer reviews per user, sharper and more focused tastes, noisier ratings), so that a
   * gain measured on demo-v1 with settings tuned on demo-tune-v1 can be checked for being an
   * artefact of one world. Nothing is tuned on it.
   *
   * @return the second world's configuration
   */
  public static DemoConfig secondWorld() {
    return bundled("demo-sparse-v1.json");
  }

  private static DemoConfig bundled(String resource) {
    try (InputStream in = DemoConfig.class.getResourceAsStream(resource)) {
      return JSON.readValue(Objects.requireNonNull(in, resource), DemoConfig.class);
    } catch (IOException e) {
      throw new IllegalStateException("the bundled " + resource + " is unreadable", e);
    }
  }

  /**
   * Returns the full-scale synthetic configuration, {@code synthetic-v1.json}: 70,500 music items
   * with about 130,000 music reviews and over 1,000,000 movie reviews, at the scale of the Amazon
   * 2023 Digital_Music data the original work used.
   *
   * @return the full-scale configuration
   */
  public static DemoConfig syntheticFullScale() {
    return bundled("synthetic-v1.json");
  }

  /**
   * Reads a configuration file.
   *
   * @param file the JSON file
   * @return the configuration
   * @throws RacrecException with {@link ErrorCode#DATA_FORMAT} if it cannot be read
   */
  public static DemoConfig read(Path file) {
    try {
      return JSON.readValue(file.toFile(), DemoConfig.class);
    } catch (IOException e) {
      throw new RacrecException(
          ErrorCode.DATA_FORMAT,
          "cannot read demo configuration " + file + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Writes this configuration as JSON.
   *
   * @param file where to write
   * @throws IOException if writing fails
   */
  public void write(Path file) throws IOException {
    Files.writeString(file, JSON.writeValueAsString(this) + "\n");
  }

  /**
   * Returns this configuration with other sizes: scales the data up or down.
   *
   * @param sharedUsers users in both domains
   * @param movies movie items
   * @param musicItems music items
   * @return the scaled configuration, named after this one with a suffix
   */
  public DemoConfig scaled(int sharedUsers, int movies, int musicItems) {
    double userScale = (double) sharedUsers / this.sharedUsers;
    return new DemoConfig(
        name + "-scaled",
        generatorVersion,
        seed,
        movies,
        musicItems,
        sharedUsers,
        (int) Math.round(movieOnlyUsers * userScale),
        (int) Math.round(musicOnlyUsers * userScale),
        minMovieReviews,
        Math.min(maxMovieReviews, movies),
        minMusicReviews,
        Math.min(maxMusicReviews, musicItems),
        linked,
        tasteConcentration,
        choiceSharpness,
        ratingNoise);
  }

  /**
   * Returns this configuration under another name (the generator writes the name beside the data).
   *
   * @param newName the name
   * @return the renamed configuration
   */
  public DemoConfig named(String newName) {
    return new DemoConfig(
        newName,
        generatorVersion,
        seed,
        movies,
        musicItems,
        sharedUsers,
        movieOnlyUsers,
        musicOnlyUsers,
        minMovieReviews,
        maxMovieReviews,
        minMusicReviews,
        maxMusicReviews,
        linked,
        tasteConcentration,
        choiceSharpness,
        ratingNoise);
  }

  /**
   * Returns the control version of this configuration: same sizes, no cross-domain link.
   *
   * @return the control configuration
   */
  public DemoConfig control() {
    return new DemoConfig(
        name + "-control",
        generatorVersion,
        seed,
        movies,
        musicItems,
        sharedUsers,
        movieOnlyUsers,
        musicOnlyUsers,
        minMovieReviews,
        maxMovieReviews,
        minMusicReviews,
        maxMusicReviews,
        false,
        tasteConcentration,
        choiceSharpness,
        ratingNoise);
  }
}
