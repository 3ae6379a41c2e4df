package io.github.racrec.training.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The hidden truth of a generated data set ({@code demo-truth.json}): every user's taste mix per
 * domain and every item's taste, quality and popularity. It gives the oracle ranking: the order in
 * which the generator itself would draw a user's music.
 *
 * <p>For tests, oracles and sanity checks only. Nothing derived from it may reach a model.
 *
 * <p>Thread-safety: immutable.
 */
public final class DemoTruth {
  private final Map<String, double[]> musicTaste = new HashMap<>();
  private final Map<String, double[]> movieTaste = new HashMap<>();
  private final Map<String, ItemTruth> music = new HashMap<>();
  private final double sharpness;

  /** The truth about one item, as written by the generator. */
  record ItemTruth(String id, int taste, double quality, double popularity) {}

  /** The truth about one user. */
  record UserTruth(String id, double[] movieTaste, double[] musicTaste) {}

  /** The file's layout. */
  record TruthFile(
      List<String> tastes, List<ItemTruth> movies, List<ItemTruth> music, List<UserTruth> users) {}

  private DemoTruth(TruthFile file, double sharpness) {
    this.sharpness = sharpness;
    file.music().forEach(item -> music.put(item.id(), item));
    for (UserTruth user : file.users()) {
      musicTaste.put(user.id(), user.musicTaste());
      movieTaste.put(user.id(), user.movieTaste());
    }
  }

  /**
   * Reads the truth of a generated data set.
   *
   * @param folder the folder the generator wrote
   * @return the truth
   * @throws RacrecException with {@link ErrorCode#DATA_FORMAT} if it cannot be read
   */
  public static DemoTruth read(Path folder) {
    DemoConfig config = DemoConfig.read(folder.resolve(DemoGenerator.CONFIG));
    try {
      TruthFile file =
          new ObjectMapper()
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(folder.resolve(DemoGenerator.TRUTH).toFile(), TruthFile.class);
      return new DemoTruth(file, config.choiceSharpness());
    } catch (IOException e) {
      throw new RacrecException(
          ErrorCode.DATA_FORMAT, "cannot read " + DemoGenerator.TRUTH + " in " + folder, e);
    }
  }

  /**
   * Returns the log-odds, up to a per-user constant, that the generator draws this music item for
   * this user: {@code log(popularity) + sharpness * musicTaste[taste]}. Sorting by it gives the
   * oracle ranking.
   *
   * @param userId the user
   * @param musicItemId the music item
   * @return the oracle score
   * @throws IllegalArgumentException if the user or item is unknown
   */
  public double oracleScore(String userId, String musicItemId) {
    ItemTruth item = requireItem(musicItemId);
    return Math.log(item.popularity()) + sharpness * requireUser(musicTaste, userId)[item.taste()];
  }

  /**
   * Returns the rating the generator expects this user to give this music item, before noise and
   * rounding.
   *
   * @param userId the user
   * @param musicItemId the music item
   * @return the expected stars, unclipped
   * @throws IllegalArgumentException if the user or item is unknown
   */
  public double expectedRating(String userId, String musicItemId) {
    ItemTruth item = requireItem(musicItemId);
    return DemoGenerator.RATING_BASE
        + DemoGenerator.RATING_PER_FIT * requireUser(musicTaste, userId)[item.taste()]
        + item.quality();
  }

  /**
   * Returns a user's movie taste mix.
   *
   * @param userId the user
   * @return a copy of the mix over the tastes
   */
  public double[] movieTaste(String userId) {
    return requireUser(movieTaste, userId).clone();
  }

  /**
   * Returns the ids of all music items.
   *
   * @return the ids, in no particular order
   */
  public List<String> musicItems() {
    return List.copyOf(music.keySet());
  }

  private ItemTruth requireItem(String id) {
    ItemTruth item = music.get(Objects.requireNonNull(id, "musicItemId"));
    if (item == null) {
      throw new IllegalArgumentException("no music item " + id + " in the truth");
    }
    return item;
  }

  private static double[] requireUser(Map<String, double[]> tastes, String id) {
    double[] taste = tastes.get(Objects.requireNonNull(id, "userId"));
    if (taste == null) {
      throw new IllegalArgumentException("no user " + id + " in the truth");
    }
    return taste;
  }
}
