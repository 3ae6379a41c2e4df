package io.github.racrec.training.eval;

import io.github.racrec.training.eval.EvalData.UserProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The null model of cross-domain transfer: scores each test user with another test user's source
 * reviews (a fixed random derangement of the test users). A model that really transfers taste
 * scores better with the right user's reviews than with someone else's; on data without a
 * cross-domain link both score the same.
 */
final class ShuffledSourceModel implements ColdStartModel {
  private final ColdStartModel inner;
  private final Map<String, UserProfile> swapped = new HashMap<>();

  /**
   * Wraps a model.
   *
   * @param inner the model whose transfer is tested
   * @param testUsers the profiles of all test users of the split, to swap among
   * @param seed the seed of the derangement
   */
  public ShuffledSourceModel(ColdStartModel inner, List<UserProfile> testUsers, long seed) {
    this.inner = inner;
    List<UserProfile> sorted = new ArrayList<>(testUsers);
    sorted.sort((a, b) -> a.userId().compareTo(b.userId()));
    List<UserProfile> shuffled = new ArrayList<>(sorted);
    Collections.shuffle(shuffled, new Random(seed));
    // Rotating a shuffled order by one gives everyone someone else's profile.
    for (int i = 0; i < shuffled.size(); i++) {
      swapped.put(shuffled.get(i).userId(), shuffled.get((i + 1) % shuffled.size()));
    }
  }

  @Override
  public String name() {
    return inner.name() + ", shuffled source";
  }

  @Override
  public boolean predictsRatings() {
    return inner.predictsRatings();
  }

  @Override
  public void fit(TrainingData data) {
    inner.fit(data);
  }

  @Override
  public UserScores score(UserProfile user) {
    UserProfile other = swapped.getOrDefault(user.userId(), user);
    return inner.score(
        new UserProfile(
            user.userId(), other.sourceVectors(), other.sourceRatings(), other.sourceMean()));
  }
}
