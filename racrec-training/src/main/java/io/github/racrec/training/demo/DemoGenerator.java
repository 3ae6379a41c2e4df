package io.github.racrec.training.demo;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.training.demo.Tastes.Taste;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a deterministic demo data set in the format of the Amazon 2023 release: a movie domain
 * ({@code Movies_and_TV.jsonl}) and a music domain ({@code Digital_Music.jsonl}), their {@code
 * meta_*.jsonl} files with titles, the configuration used, and the hidden truth.
 *
 * <p>The world: eight tastes, each pairing a movie genre with a music genre of the same mood
 * (horror with metal, romance with soul, ...). Each user has a taste mix; in the linked data set
 * the same mix drives both domains, which is the cross-domain signal a recommender should find.
 * Users pick items of their taste more often, rate them by how well they fit their taste plus the
 * item's quality, and write reviews in varied sentences that describe the item's genre and mood and
 * say how much they liked it. The control data set draws music taste independently, so nothing
 * links the domains.
 *
 * <p>{@code demo-truth.json} holds the tastes and qualities; it is for tests and oracles only and
 * must never reach a model.
 *
 * <p>Thread-safety: the static method is safe to call concurrently for different folders.
 */
public final class DemoGenerator {
  /** The movie review file's name. */
  public static final String MOVIE_REVIEWS = "Movies_and_TV.jsonl";

  /** The music review file's name. */
  public static final String MUSIC_REVIEWS = "Digital_Music.jsonl";

  /** The movie metadata file's name. */
  public static final String MOVIE_META = "meta_Movies_and_TV.jsonl";

  /** The music metadata file's name. */
  public static final String MUSIC_META = "meta_Digital_Music.jsonl";

  /** The configuration file written beside the data. */
  public static final String CONFIG = "demo-config.json";

  /** The hidden truth: tastes and qualities. */
  public static final String TRUTH = "demo-truth.json";

  private static final Logger LOG = LoggerFactory.getLogger(DemoGenerator.class);
  private static final JsonFactory JSON = new JsonFactory();

  /** Expected stars = RATING_BASE + RATING_PER_FIT * taste fit + item quality (before noise). */
  static final double RATING_BASE = 2.4;

  static final double RATING_PER_FIT = 3.4;

  private static final long FIRST_MILLIS = 1_420_070_400_000L; // 2015-01-01
  private static final long LAST_MILLIS = 1_693_526_400_000L; // 2023-09-01

  private DemoGenerator() {}

  /**
   * What was generated, and where.
   *
   * @param folder the folder holding the files
   * @param config the configuration used
   * @param movieReviews the number of movie reviews written
   * @param musicReviews the number of music reviews written
   */
  public record DemoData(Path folder, DemoConfig config, int movieReviews, int musicReviews) {
    /**
     * Returns the movie review file.
     *
     * @return the path
     */
    public Path movieReviewFile() {
      return folder.resolve(MOVIE_REVIEWS);
    }

    /**
     * Returns the music review file.
     *
     * @return the path
     */
    public Path musicReviewFile() {
      return folder.resolve(MUSIC_REVIEWS);
    }

    /**
     * Returns the movie metadata file.
     *
     * @return the path
     */
    public Path movieMetaFile() {
      return folder.resolve(MOVIE_META);
    }

    /**
     * Returns the music metadata file.
     *
     * @return the path
     */
    public Path musicMetaFile() {
      return folder.resolve(MUSIC_META);
    }
  }

  /**
   * Generates the data set described by {@code config} into {@code folder}, replacing the files of
   * an earlier run.
   *
   * @param config the configuration
   * @param folder the output folder, created if missing
   * @return what was written
   * @throws RacrecException with {@link ErrorCode#IO_ERROR} if writing fails
   */
  public static DemoData generate(DemoConfig config, Path folder) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(folder, "folder");
    long start = System.nanoTime();
    Random random = new Random(config.seed());
    List<Item> movies = items(random, config.movies(), true);
    List<Item> music = items(random, config.musicItems(), false);
    List<User> users = users(random, config);
    try {
      Files.createDirectories(folder);
      config.write(folder.resolve(CONFIG));
      writeMeta(folder.resolve(MOVIE_META), movies, "Movies & TV");
      writeMeta(folder.resolve(MUSIC_META), music, "Digital Music");
      int movieReviews = writeReviews(folder.resolve(MOVIE_REVIEWS), users, movies, true, config);
      int musicReviews = writeReviews(folder.resolve(MUSIC_REVIEWS), users, music, false, config);
      writeTruth(folder.resolve(TRUTH), users, movies, music);
      LOG.info(
          "Generated {}: {} movie and {} music reviews by {} users in {} ms",
          config.name(),
          movieReviews,
          musicReviews,
          users.size(),
          (System.nanoTime() - start) / 1_000_000);
      return new DemoData(folder, config, movieReviews, musicReviews);
    } catch (IOException e) {
      throw new RacrecException(
          ErrorCode.IO_ERROR, "cannot write demo data into " + folder + ": " + e.getMessage(), e);
    }
  }

  /** An item: its id, title, taste, quality and how popular it is. */
  private record Item(String id, String title, int taste, double quality, double popularity) {}

  /** A user: tastes per domain and how many reviews they write in each. */
  private record User(
      String id, double[] movieTaste, double[] musicTaste, int movieReviews, int musicReviews) {}

  private static List<Item> items(Random random, int count, boolean movie) {
    int tastes = Tastes.ALL.size();
    int[] popularityRank = permutation(random, count);
    Set<String> titles = new HashSet<>();
    Set<String> ids = new HashSet<>();
    List<Item> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int taste = i % tastes;
      String id;
      do {
        id = movie ? "M" + code(random, 9) : "B0" + code(random, 8);
      } while (!ids.add(id));
      String title = uniqueTitle(random, Tastes.ALL.get(taste), movie, titles);
      double quality = random.nextGaussian() * 0.4;
      double popularity = 1.0 / StrictMath.pow(popularityRank[i] + 3, 0.9);
      items.add(new Item(id, title, taste, quality, popularity));
    }
    return items;
  }

  private static List<User> users(Random random, DemoConfig config) {
    int total = config.sharedUsers() + config.movieOnlyUsers() + config.musicOnlyUsers();
    List<User> users = new ArrayList<>(total);
    for (int u = 0; u < total; u++) {
      boolean movies = u < config.sharedUsers() + config.movieOnlyUsers();
      boolean music =
          u < config.sharedUsers() || u >= config.sharedUsers() + config.movieOnlyUsers();
      double[] movieTaste =
          TasteDraws.dirichlet(random, Tastes.ALL.size(), config.tasteConcentration());
      double[] independent =
          TasteDraws.dirichlet(random, Tastes.ALL.size(), config.tasteConcentration());
      double[] musicTaste = config.linked() ? movieTaste : independent;
      int movieCount =
          movies ? between(random, config.minMovieReviews(), config.maxMovieReviews()) : 0;
      int musicCount =
          music ? between(random, config.minMusicReviews(), config.maxMusicReviews()) : 0;
      users.add(new User("A" + code(random, 13), movieTaste, musicTaste, movieCount, musicCount));
    }
    return users;
  }

  private static int writeReviews(
      Path file, List<User> users, List<Item> items, boolean movie, DemoConfig config)
      throws IOException {
    // A stream of its own per domain, so that changing one domain's size leaves the other as is.
    Random random = new Random(config.seed() * 31 + (movie ? 1 : 2));
    ItemSampler<Item> sampler =
        new ItemSampler<>(items, Item::taste, Item::popularity, Tastes.ALL.size());
    int written = 0;
    try (JsonGenerator out = JSON.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      out.setRootValueSeparator(null);
      for (User user : users) {
        double[] taste = movie ? user.movieTaste() : user.musicTaste();
        int count = movie ? user.movieReviews() : user.musicReviews();
        for (Item item : sampler.sample(random, taste, count, config.choiceSharpness())) {
          int rating = rating(random, taste[item.taste()], item.quality(), config.ratingNoise());
          ReviewSentences.Review review =
              ReviewSentences.write(
                  random, Tastes.ALL.get(item.taste()), favourite(taste), rating, movie);
          out.writeStartObject();
          out.writeNumberField("rating", (double) rating);
          out.writeStringField("title", review.title());
          out.writeStringField("text", review.text());
          out.writeArrayFieldStart("images");
          out.writeEndArray();
          out.writeStringField("asin", item.id());
          out.writeStringField("parent_asin", item.id());
          out.writeStringField("user_id", user.id());
          out.writeNumberField(
              "timestamp",
              FIRST_MILLIS + (long) (random.nextDouble() * (LAST_MILLIS - FIRST_MILLIS)));
          out.writeNumberField("helpful_vote", random.nextInt(4) == 0 ? random.nextInt(20) : 0);
          out.writeBooleanField("verified_purchase", random.nextInt(5) != 0);
          out.writeEndObject();
          out.writeRaw('\n');
          written++;
        }
      }
    }
    return written;
  }

  private static void writeMeta(Path file, List<Item> items, String category) throws IOException {
    try (JsonGenerator out = JSON.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      out.setRootValueSeparator(null);
      for (Item item : items) {
        Taste taste = Tastes.ALL.get(item.taste());
        out.writeStartObject();
        out.writeStringField("main_category", category);
        out.writeStringField("title", item.title());
        out.writeArrayFieldStart("categories");
        out.writeString(category);
        out.writeString(category.startsWith("Movies") ? taste.movieGenre() : taste.musicGenre());
        out.writeEndArray();
        out.writeStringField("parent_asin", item.id());
        out.writeEndObject();
        out.writeRaw('\n');
      }
    }
  }

  private static void writeTruth(Path file, List<User> users, List<Item> movies, List<Item> music)
      throws IOException {
    try (JsonGenerator out = JSON.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      out.writeStartObject();
      out.writeArrayFieldStart("tastes");
      for (Taste taste : Tastes.ALL) {
        out.writeString(taste.name());
      }
      out.writeEndArray();
      writeItemsTruth(out, "movies", movies);
      writeItemsTruth(out, "music", music);
      out.writeArrayFieldStart("users");
      for (User user : users) {
        out.writeStartObject();
        out.writeStringField("id", user.id());
        out.writeFieldName("movieTaste");
        out.writeArray(user.movieTaste(), 0, user.movieTaste().length);
        out.writeFieldName("musicTaste");
        out.writeArray(user.musicTaste(), 0, user.musicTaste().length);
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeEndObject();
    }
  }

  private static void writeItemsTruth(JsonGenerator out, String field, List<Item> items)
      throws IOException {
    out.writeArrayFieldStart(field);
    for (Item item : items) {
      out.writeStartObject();
      out.writeStringField("id", item.id());
      out.writeNumberField("taste", item.taste());
      out.writeNumberField("quality", item.quality());
      out.writeNumberField("popularity", item.popularity());
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  /** Stars from how well the item fits the user's taste, its quality, and noise. */
  private static int rating(Random random, double fit, double quality, double noise) {
    double stars = RATING_BASE + RATING_PER_FIT * fit + quality + random.nextGaussian() * noise;
    return (int) Math.max(1, Math.min(5, Math.round(stars)));
  }

  private static Taste favourite(double[] taste) {
    int best = 0;
    for (int i = 1; i < taste.length; i++) {
      if (taste[i] > taste[best]) {
        best = i;
      }
    }
    return Tastes.ALL.get(best);
  }

  private static String uniqueTitle(Random random, Taste taste, boolean movie, Set<String> used) {
    List<String> words = movie ? taste.movieTitleWords() : taste.musicTitleWords();
    String a = words.get(random.nextInt(words.size()));
    String b = words.get(random.nextInt(words.size()));
    while (b.equals(a)) {
      b = words.get(random.nextInt(words.size()));
    }
    String base =
        switch (random.nextInt(movie ? 3 : 4)) {
          case 0 -> "The " + a + " " + b;
          case 1 -> a + " of the " + b;
          case 2 -> movie ? a + " " + b : a + " & " + b;
          default -> "The " + a + " Sessions";
        };
    String title = base;
    for (int n = 2; !used.add(title); n++) {
      title = base + (movie ? " " + roman(n) : ", Vol. " + n);
    }
    return title;
  }

  private static String roman(int n) {
    String[] numerals = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};
    return n < numerals.length ? numerals[n] : Integer.toString(n);
  }

  private static String code(Random random, int length) {
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    StringBuilder code = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      code.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return code.toString();
  }

  private static int between(Random random, int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  private static int[] permutation(Random random, int n) {
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
    return values;
  }
}
