package io.github.racrec.training.eval;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.Progress;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.RacrecException;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.eval.EvalData.TestUser;
import io.github.racrec.training.eval.EvalResult.ModelResult;
import io.github.racrec.training.eval.EvalResult.SplitSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs models through a protocol: for each seed, draw the split, build what models may see, fit a
 * fresh instance of each model, score every test user, and compute metrics with bootstrap
 * confidence intervals over test users pooled across seeds.
 *
 * <p>Thread-safety: stateless; the static methods may run concurrently on different inputs.
 */
public final class Evaluator {
  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  private Evaluator() {}

  /**
   * Settings of an evaluation.
   *
   * @param k the cut-off of ranking metrics
   * @param window how many newest reviews make a user or item vector
   * @param bootstrapReplicates replicates per confidence interval
   * @param fitFolder where finished fits are kept, so that a stopped evaluation continues with the
   *     fits it had not finished (see {@link #withFitFolder}); empty to keep none
   */
  public record Settings(int k, int window, int bootstrapReplicates, Optional<Path> fitFolder) {
    /** k = 10, the newest 10 reviews, 1,000 bootstrap replicates, no fits kept. */
    public static final Settings DEFAULT = new Settings(10, 10, 1000);

    /**
     * Settings that keep no fits.
     *
     * @param k the cut-off of ranking metrics
     * @param window how many newest reviews make a user or item vector
     * @param bootstrapReplicates replicates per confidence interval
     */
    public Settings(int k, int window, int bootstrapReplicates) {
      this(k, window, bootstrapReplicates, Optional.empty());
    }

    /**
     * Checks the components.
     *
     * @param k the cut-off of ranking metrics
     * @param window how many newest reviews make a user or item vector
     * @param bootstrapReplicates replicates per confidence interval
     * @param fitFolder where finished fits are kept, or empty
     */
    public Settings {
      Objects.requireNonNull(fitFolder, "fitFolder");
    }

    /**
     * Returns these settings keeping every finished fit in a folder. A fit is reused only when its
     * data, protocol, seed, cut-off, model settings and code are all bit for bit the same.
     *
     * @param folder the folder (created when needed)
     * @return the settings
     */
    public Settings withFitFolder(Path folder) {
      return new Settings(k, window, bootstrapReplicates, Optional.of(folder));
    }
  }

  /**
   * A model factory with the name its models report.
   *
   * @param name the model's name
   * @param factory makes a fresh, unfitted model
   * @param shuffledSourceControl whether to also score every test user with another test user's
   *     source reviews (see {@link ShuffledSourceModel}), reported as a model of its own
   */
  public record Candidate(
      String name, Supplier<ColdStartModel> factory, boolean shuffledSourceControl) {

    /**
     * A candidate without the shuffled-source control.
     *
     * @param name the model's name
     * @param factory makes a fresh, unfitted model
     */
    public Candidate(String name, Supplier<ColdStartModel> factory) {
      this(name, factory, false);
    }
  }

  /**
   * Evaluates models under a protocol over several seeds.
   *
   * @param data the dataset
   * @param protocol the protocol
   * @param seeds split seeds
   * @param vectors where review vectors come from
   * @param candidates the models
   * @param settings cut-off, window, bootstrap
   * @param progress receives progress
   * @return the results
   * @throws RacrecException with {@link ErrorCode#INVALID_INPUT} if a model does not score every
   *     catalog item
   */
  public static EvalResult evaluate(
      CrossDomainDataset data,
      Protocol protocol,
      List<Long> seeds,
      ReviewVectors vectors,
      List<Candidate> candidates,
      Settings settings,
      ProgressListener progress) {
    Objects.requireNonNull(data, "data");
    List<EvalData> prepared = new ArrayList<>();
    for (long seed : seeds) {
      Split split = Split.draw(data, protocol.testFraction(), protocol.validationFraction(), seed);
      prepared.add(EvalData.build(data, split, vectors, settings.window(), progress));
    }
    return evaluate(prepared, protocol, seeds, candidates, settings, progress);
  }

  /**
   * Evaluates models on given splits, e.g. the disjoint folds of {@link Split#folds}.
   *
   * @param data the dataset
   * @param splits the splits
   * @param protocol the protocol (its fractions are ignored: the splits decide)
   * @param vectors where review vectors come from
   * @param candidates the models
   * @param settings cut-off, window, bootstrap
   * @param progress receives progress
   * @return the results; its seeds are {@code 1000 * split seed + position}, which seed the
   *     negative sampling of each split
   * @throws RacrecException with {@link ErrorCode#INVALID_INPUT} if a model does not score every
   *     catalog item
   */
  public static EvalResult evaluateSplits(
      CrossDomainDataset data,
      List<Split> splits,
      Protocol protocol,
      ReviewVectors vectors,
      List<Candidate> candidates,
      Settings settings,
      ProgressListener progress) {
    List<EvalData> prepared = new ArrayList<>();
    List<Long> seeds = new ArrayList<>();
    for (Split split : splits) {
      prepared.add(EvalData.build(data, split, vectors, settings.window(), progress));
      seeds.add(split.seed() * 1000 + seeds.size());
    }
    return evaluate(prepared, protocol, seeds, candidates, settings, progress);
  }

  /**
   * Evaluates models on prepared splits (one per seed).
   *
   * @param splits one evaluation data set per seed
   * @param protocol the protocol
   * @param seeds the seeds, one per split
   * @param candidates the models
   * @param settings cut-off, window, bootstrap
   * @param progress receives progress
   * @return the results
   * @throws RacrecException with {@link ErrorCode#INVALID_INPUT} if a model does not score every
   *     catalog item
   */
  public static EvalResult evaluate(
      List<EvalData> splits,
      Protocol protocol,
      List<Long> seeds,
      List<Candidate> candidates,
      Settings settings,
      ProgressListener progress) {
    int[] catalogSizes = splits.stream().mapToInt(s -> s.training().catalog().size()).toArray();
    List<ModelResult> models = new ArrayList<>();
    int done = 0;
    long total = (long) candidates.size() * splits.size();
    String task = "evaluating " + protocol.name();
    progress.onProgress(new Progress(task, 0, total, "fits"));
    Optional<FitCache> cache = settings.fitFolder().map(FitCache::new);
    for (Candidate candidate : candidates) {
      List<List<UserResult>> bySeed = new ArrayList<>();
      List<List<UserResult>> shuffledBySeed = new ArrayList<>();
      boolean ratings = false;
      List<Map<String, Object>> settingsBySeed = new ArrayList<>();
      for (int s = 0; s < splits.size(); s++) {
        // The fit's own progress (epochs) goes up as a sub-task, "task: detail".
        String name = task + ": " + candidate.name() + " " + (s + 1) + "/" + splits.size();
        FitCache.Fit fit =
            fitAndScore(
                candidate,
                splits.get(s),
                protocol,
                seeds.get(s),
                settings.k(),
                cache,
                name,
                progress);
        ratings = fit.ratings();
        settingsBySeed.add(fit.settings());
        bySeed.add(fit.results());
        if (candidate.shuffledSourceControl()) {
          shuffledBySeed.add(fit.shuffled());
        }
        progress.onProgress(new Progress(task, ++done, total, "fits"));
      }
      Map<String, Object> modelSettings = mergeSettings(settingsBySeed);
      models.add(
          summarize(candidate.name(), ratings, modelSettings, bySeed, catalogSizes, settings));
      if (candidate.shuffledSourceControl()) {
        models.add(
            summarize(
                candidate.name() + ", shuffled source",
                ratings,
                modelSettings,
                shuffledBySeed,
                catalogSizes,
                settings));
      }
      LOG.info("Evaluated {} under {}", candidate.name(), protocol.name());
    }
    return new EvalResult(
        protocol,
        settings.k(),
        seeds,
        settings.bootstrapReplicates(),
        models,
        randomRates(splits, settings.k(), protocol.negatives()),
        summarize(splits));
  }

  /** Fits one model on one split and scores it, or reads that fit back if it was kept. */
  private static FitCache.Fit fitAndScore(
      Candidate candidate,
      EvalData split,
      Protocol protocol,
      long seed,
      int k,
      Optional<FitCache> cache,
      String name,
      ProgressListener progress) {
    try (ColdStartModel model = candidate.factory().get()) {
      Optional<String> key =
          cache.map(
              c ->
                  c.key(
                      split,
                      protocol,
                      seed,
                      k,
                      candidate.name(),
                      candidate.shuffledSourceControl(),
                      model));
      Optional<FitCache.Fit> kept = key.flatMap(c -> cache.get().load(c));
      if (kept.isPresent()) {
        LOG.info("{}: the same fit was kept from an earlier run, not fitted again", name);
        return kept.get();
      }
      model.fit(
          split.training(),
          p -> progress.onProgress(new Progress(name, p.done(), p.total(), p.unit())));
      List<UserResult> results = scoreSplit(model, split, k, protocol.negatives(), seed);
      List<UserResult> shuffled = List.of();
      if (candidate.shuffledSourceControl()) {
        ColdStartModel control =
            new ShuffledSourceModel(
                model, split.testUsers().stream().map(TestUser::profile).toList(), seed);
        shuffled = scoreSplit(control, split, k, protocol.negatives(), seed);
      }
      FitCache.Fit fit =
          new FitCache.Fit(
              model.predictsRatings(), FitCache.normalized(model.settings()), results, shuffled);
      key.ifPresent(c -> cache.get().store(c, fit));
      return fit;
    }
  }

  /**
   * Merges the settings each split's fit reported: a setting that is the same on every split stays
   * one value; one that a fit chose on its own validation users (e.g. the selection weight) becomes
   * the list of per-split values, in split order.
   */
  static Map<String, Object> mergeSettings(List<Map<String, Object>> bySplit) {
    Map<String, Object> merged = new LinkedHashMap<>();
    for (Map<String, Object> settings : bySplit) {
      for (String key : settings.keySet()) {
        List<Object> values = new ArrayList<>();
        for (Map<String, Object> other : bySplit) {
          values.add(other.get(key));
        }
        boolean same = values.stream().allMatch(v -> Objects.equals(v, values.get(0)));
        merged.putIfAbsent(key, same ? values.get(0) : values);
      }
    }
    return merged;
  }

  /**
   * Returns each metric's value under a uniformly random ranking, from the splits alone: the test
   * users that are scored, their held-out items, each split's catalog size, the cut-off and the
   * number of sampled negatives. No model enters, so the rates are the same whichever models run,
   * in whatever order, and are there even when none does.
   *
   * @param splits one evaluation data set per seed
   * @param k the cut-off
   * @param negatives sampled negatives per held-out item
   * @return the rate of each metric that has one
   */
  static Map<Metric, Double> randomRates(List<EvalData> splits, int k, int negatives) {
    List<List<RandomExpectation>> bySeed = new ArrayList<>();
    for (EvalData split : splits) {
      int catalogSize = split.training().catalog().size();
      bySeed.add(
          scoredUsers(split.testUsers()).stream()
              .map(user -> RandomExpectation.of(user, catalogSize, k, negatives))
              .toList());
    }
    Map<Metric, Double> rates = new EnumMap<>(Metric.class);
    for (Metric metric : Metric.values()) {
      Statistics.randomRate(metric)
          .ifPresent(rate -> rate.over(bySeed).ifPresent(value -> rates.put(metric, value)));
    }
    return rates;
  }

  /**
   * Scores the test users of one split with a fitted model. Users none of whose hidden items is in
   * the catalog are left out.
   *
   * @param model the fitted model
   * @param testUsers the test users
   * @param k the cut-off
   * @param negatives sampled negatives per held-out item
   * @param seed the seed of negative sampling and tie-breaking
   * @return one result per evaluated user, in the order given
   */
  public static List<UserResult> scoreUsers(
      ColdStartModel model, List<TestUser> testUsers, int k, int negatives, long seed) {
    List<UserResult> results = new ArrayList<>();
    for (TestUser user : scoredUsers(testUsers)) {
      UserScores scores = model.score(user.profile());
      results.add(UserMetrics.compute(scores, user, k, negatives, seed, model.predictsRatings()));
    }
    return results;
  }

  /** Scores a split's test users, checking that the model scores every catalog item. */
  private static List<UserResult> scoreSplit(
      ColdStartModel model, EvalData split, int k, int negatives, long seed) {
    int catalogSize = split.training().catalog().size();
    List<UserResult> results = new ArrayList<>();
    for (TestUser user : scoredUsers(split.testUsers())) {
      UserScores scores = model.score(user.profile());
      requireWholeCatalog(model, scores, catalogSize);
      results.add(UserMetrics.compute(scores, user, k, negatives, seed, model.predictsRatings()));
    }
    return results;
  }

  /** The test users that are scored: those with at least one hidden item in the catalog. */
  private static List<TestUser> scoredUsers(List<TestUser> testUsers) {
    return testUsers.stream().filter(user -> user.heldOutItems().length > 0).toList();
  }

  private static void requireWholeCatalog(
      ColdStartModel model, UserScores scores, int catalogSize) {
    int scored = scores.scores().length;
    int rated = scores.ratings().map(r -> r.length).orElse(catalogSize);
    if (scored != catalogSize || rated != catalogSize) {
      throw new RacrecException(
          ErrorCode.INVALID_INPUT,
          String.format(
              Locale.ROOT,
              "model %s gave %d scores and %s ratings for a catalog of %d items: a model must"
                  + " score every catalog item, in catalog order (ColdStartModel.score)",
              model.name(),
              scored,
              scores.ratings().isPresent() ? String.valueOf(rated) : "no",
              catalogSize));
    }
  }

  private static ModelResult summarize(
      String name,
      boolean ratings,
      Map<String, Object> modelSettings,
      List<List<UserResult>> bySeed,
      int[] catalogSizes,
      Settings settings) {
    Map<Metric, Estimate> metrics = new EnumMap<>(Metric.class);
    for (Metric metric : Metric.values()) {
      if (metric.needsRatings() && !ratings) {
        continue;
      }
      // Coverage counts distinct items over users; resampling users with replacement shrinks
      // it, so it gets no bootstrap interval.
      int replicates = metric == Metric.COVERAGE ? 0 : settings.bootstrapReplicates();
      metrics.put(
          metric,
          Bootstrap.estimate(
              bySeed, Statistics.of(metric, catalogSizes), replicates, 31L * metric.ordinal() + 7));
    }
    return new ModelResult(name, ratings, modelSettings, metrics);
  }

  private static SplitSummary summarize(List<EvalData> splits) {
    int users = 0;
    int empty = 0;
    long ratings = 0;
    long outside = 0;
    double catalog = 0;
    double train = 0;
    double validation = 0;
    for (EvalData split : splits) {
      for (TestUser user : split.testUsers()) {
        if (user.heldOutItems().length == 0) {
          empty++;
        } else {
          users++;
        }
        ratings += user.heldOutItems().length;
        outside += user.heldOutOutsideCatalog();
      }
      catalog += split.training().catalog().size();
      train += split.training().trainUsers().size();
      validation += split.training().validationUsers().size();
    }
    int n = Math.max(1, splits.size());
    return new SplitSummary(users, empty, ratings, outside, catalog / n, train / n, validation / n);
  }
}
