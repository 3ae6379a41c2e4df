package io.github.racrec.training.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of evaluating models under one protocol over several seeds.
 *
 * <p>Thread-safety: immutable.
 *
 * @param protocol the protocol
 * @param k the cut-off of the ranking metrics
 * @param seeds the split seeds
 * @param bootstrapReplicates replicates behind each confidence interval
 * @param models one result per model, in the order given
 * @param randomRates each metric's value under a uniformly random ranking (absent where none
 *     applies), computed from the splits alone, the same for every model
 * @param summary what the splits held
 */
public record EvalResult(
    Protocol protocol,
    int k,
    List<Long> seeds,
    int bootstrapReplicates,
    List<ModelResult> models,
    Map<Metric, Double> randomRates,
    SplitSummary summary) {

  /**
   * Copies the collections.
   *
   * @throws NullPointerException if one is null
   */
  public EvalResult {
    seeds = List.copyOf(seeds);
    models = List.copyOf(models);
    randomRates = Map.copyOf(randomRates);
  }

  /**
   * Returns a model's result by name.
   *
   * @param name the model's name
   * @return the result
   * @throws IllegalArgumentException if no model has that name
   */
  public ModelResult model(String name) {
    return models.stream()
        .filter(m -> m.model().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no model named " + name));
  }

  /**
   * One model's metrics.
   *
   * @param model the model's name
   * @param predictsRatings whether rating metrics apply
   * @param metrics each metric's estimate (rating metrics absent for ranking-only models)
   */
  public record ModelResult(
      String model,
      boolean predictsRatings,
      Map<String, Object> settings,
      Map<Metric, Estimate> metrics) {

    /**
     * Copies the metrics.
     *
     * @throws NullPointerException if they are null
     */
    public ModelResult {
      settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
      metrics = Map.copyOf(metrics);
    }

    /**
     * Returns a metric's estimate.
     *
     * @param metric the metric
     * @return the estimate
     * @throws IllegalArgumentException if the metric was not computed for this model
     */
    public Estimate get(Metric metric) {
      Estimate estimate = metrics.get(metric);
      if (estimate == null) {
        throw new IllegalArgumentException(metric + " was not computed for " + model);
      }
      return estimate;
    }
  }

  /**
   * What the splits held, summed or averaged over seeds.
   *
   * @param testUsers test users evaluated (pooled over seeds)
   * @param testUsersWithoutCatalogItems test users skipped: none of their hidden items is in the
   *     catalog
   * @param heldOutRatings hidden target ratings scored
   * @param heldOutOutsideCatalog hidden target ratings of items no visible review describes
   * @param meanCatalogSize catalog items per split
   * @param meanTrainUsers training users per split
   * @param meanValidationUsers validation users per split
   */
  public record SplitSummary(
      int testUsers,
      int testUsersWithoutCatalogItems,
      long heldOutRatings,
      long heldOutOutsideCatalog,
      double meanCatalogSize,
      double meanTrainUsers,
      double meanValidationUsers) {}
}
