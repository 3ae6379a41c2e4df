package io.github.racrec.training.racrec;

import io.github.racrec.api.Progress;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.onnx.ItemTermBlend;
import io.github.racrec.onnx.internal.Vectors;
import io.github.racrec.training.eval.ColdStartModel;
import io.github.racrec.training.eval.EvalData.TestUser;
import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.Evaluator;
import io.github.racrec.training.eval.Protocol;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.eval.UserResult;
import io.github.racrec.training.eval.UserScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seeded random search for RACRec's settings that looks at validation users only.
 *
 * <p>Each trial draws a configuration (every correction on; learning rate, sizes, dropout, weight
 * decay, auxiliary weight, batch size and hidden layer drawn), trains it on each given split's
 * training users with early stopping on its validation users, and scores it on those validation
 * users: the served cold-start RMSE (clipped), and HR@10 and NDCG@10 among sampled items as in
 * Protocol B. The winner is chosen by {@link #best}. Test users take no part: give it splits of
 * data that is not evaluated (the {@code tune} command uses demo-tune-v1, the demo world drawn with
 * another seed).
 *
 * <p>Thread-safety: runs on the calling thread, one training at a time.
 */
public final class RacRecSearch {
  private static final Logger LOG = LoggerFactory.getLogger(RacRecSearch.class);
  private static final int K = 10;

  /**
   * One trial's configuration and validation results, averaged over the splits.
   *
   * @param index the trial's number, from 0
   * @param config the configuration drawn
   * @param validationRmse mean served cold-start RMSE on the validation users
   * @param validationHr mean HR@10 among sampled items on the validation users
   * @param validationNdcg mean NDCG@10 among sampled items on the validation users
   * @param bestEpochs the epoch kept on each split
   * @param seconds wall-clock seconds of the trial's trainings
   */
  public record Trial(
      int index,
      RacRecConfig config,
      double validationRmse,
      double validationHr,
      double validationNdcg,
      List<Integer> bestEpochs,
      double seconds) {}

  private RacRecSearch() {}

  /**
   * Draws the configuration of one trial.
   *
   * @param random the search's random source
   * @param seed the training seed
   * @return a configuration with every correction on
   */
  static RacRecConfig draw(Random random, long seed) {
    int[] sizes = {16, 32, 64};
    int size = sizes[random.nextInt(sizes.length)];
    float[] dropouts = {0f, 0.1f, 0.3f};
    int[] batches = {32, 64, 128};
    int[] hidden = {0, 0, 64, 128};
    float learningRate = (float) Math.pow(10, -4 + 2 * random.nextDouble());
    float weightDecay = (float) Math.pow(10, -6 + 3 * random.nextDouble());
    float auxiliaryWeight = (float) Math.pow(10, -3 + 3 * random.nextDouble());
    float rankingWeight = (float) Math.pow(10, -1.5 + 2 * random.nextDouble());
    Corrections corrections =
        Corrections.all().withHiddenSize(hidden[random.nextInt(hidden.length)]);
    // The draws keep the order of the first search, so its trials can be drawn again.
    float dropout = dropouts[random.nextInt(dropouts.length)];
    int batch = batches[random.nextInt(batches.length)];
    return RacRecConfig.builder()
        .vectorSize(size)
        .inputDropout(dropout)
        .predictionWeight(1f)
        .auxiliaryWeight(auxiliaryWeight)
        .rankingWeight(rankingWeight)
        .learningRate(learningRate)
        .weightDecay(weightDecay)
        .batchSize(batch)
        .epochs(200)
        .patience(15)
        .seed(seed)
        .corrections(corrections)
        .build();
  }

  /**
   * Runs the search.
   *
   * @param splits the tuning splits; each must have validation users
   * @param budget how many configurations to try
   * @param seed the seed of the draws (training uses it too)
   * @param progress receives one report per trial
   * @return the trials, in the order run
   */
  public static List<Trial> run(
      List<TrainingData> splits, int budget, long seed, ProgressListener progress) {
    Random random = new Random(seed);
    List<Trial> trials = new ArrayList<>();
    for (int t = 0; t < budget; t++) {
      trials.add(trial(t, draw(random, seed), splits));
      Trial done = trials.get(t);
      LOG.info(
          "trial {}: validation RMSE {}, HR@10 {}, {}",
          t,
          String.format("%.4f", done.validationRmse()),
          String.format("%.3f", done.validationHr()),
          done.config());
      progress.onProgress(new Progress("searching RACRec settings", t + 1, budget, "trials"));
    }
    return trials;
  }

  /** A winner must reach this share of the best trial's validation HR@10. */
  static final double HR_SHARE = 0.9;

  /**
   * Returns the winner: the lowest mean validation RMSE among the trials whose validation HR@10 is
   * at least {@link #HR_SHARE} of the best trial's.
   *
   * <p>Why both: RMSE alone picks models that predict stars well but rank poorly (the first search
   * showed the RMSE-best trials at the bottom half of HR@10), while a recommender is judged by what
   * it puts in the top 10.
   *
   * @param trials the trials
   * @return the best, or empty if there are none
   */
  public static Optional<Trial> best(List<Trial> trials) {
    double bestHr =
        trials.stream()
            .filter(t -> Double.isFinite(t.validationRmse()))
            .mapToDouble(Trial::validationHr)
            .max()
            .orElse(0);
    return trials.stream()
        .filter(t -> Double.isFinite(t.validationRmse()))
        .filter(t -> t.validationHr() >= HR_SHARE * bestHr)
        .min((a, b) -> Double.compare(a.validationRmse(), b.validationRmse()));
  }

  /**
   * Trains one configuration on every split and scores it on the validation users.
   *
   * @param index the trial's number
   * @param config the configuration
   * @param splits the tuning splits
   * @return the averaged results
   */
  public static Trial trial(int index, RacRecConfig config, List<TrainingData> splits) {
    long start = System.nanoTime();
    double rmse = 0;
    double hr = 0;
    double ndcg = 0;
    List<Integer> bestEpochs = new ArrayList<>();
    for (TrainingData split : splits) {
      TrainedRacRec model =
          RacRecTrainer.train(split, config, ProgressListener.none(), Optional.empty());
      bestEpochs.add(model.bestEpoch());
      rmse += model.best().validationRmse();
      double[] ranking = validationRanking(model, split);
      hr += ranking[0];
      ndcg += ranking[1];
    }
    int n = splits.size();
    return new Trial(
        index, config, rmse / n, hr / n, ndcg / n, bestEpochs, (System.nanoTime() - start) / 1e9);
  }

  /** Mean sampled HR@10 and NDCG@10 of the validation users, as Protocol B measures them. */
  private static double[] validationRanking(TrainedRacRec model, TrainingData split) {
    float[][] items = new float[split.catalog().size()][];
    for (int i = 0; i < items.length; i++) {
      items[i] = model.item(split.catalog().vectors()[i]);
    }
    List<TestUser> users = new ArrayList<>();
    for (TrainUser user : split.validationUsers()) {
      users.add(new TestUser(user.profile(), user.targetItems(), user.targetRatings(), 0));
    }
    List<UserResult> results =
        Evaluator.scoreUsers(
            new PlainJavaScorer(model, items, split.catalog()),
            users,
            K,
            Protocol.b().negatives(),
            1);
    double hr = 0;
    double ndcg = 0;
    for (UserResult result : results) {
      hr += result.hrSampled();
      ndcg += result.ndcgSampled();
    }
    return new double[] {hr / results.size(), ndcg / results.size()};
  }

  /**
   * Scores with a trained model's served vectors computed in plain Java, by the selection score
   * when the model has item terms.
   */
  private record PlainJavaScorer(TrainedRacRec model, float[][] items, TrainingData.Catalog catalog)
      implements ColdStartModel {
    @Override
    public String name() {
      return "RACRec (validation)";
    }

    @Override
    public boolean predictsRatings() {
      return false; // the ratings were scored by the trainer
    }

    @Override
    public void fit(TrainingData data) {
      throw new UnsupportedOperationException("already trained");
    }

    @Override
    public UserScores score(UserProfile user) {
      float[] taste = model.taste(user.sourceMean());
      ItemTermBlend blend = model.itemTerms().orElse(ItemTermBlend.headOnly());
      double[] scores = new double[items.length];
      for (int i = 0; i < items.length; i++) {
        double head = Vectors.dot(taste, items[i]);
        int count = catalog.reviewCounts()[i];
        scores[i] = blend.selection(head, ItemTermBlend.popularity(count));
      }
      return UserScores.ranking(scores);
    }
  }
}
