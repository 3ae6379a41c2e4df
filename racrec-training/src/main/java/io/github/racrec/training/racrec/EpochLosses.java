package io.github.racrec.training.racrec;

import ai.djl.ndarray.NDArray;
import io.github.racrec.training.racrec.TrainedRacRec.EpochStats;

/**
 * Adds up the loss terms of an epoch's batches and gives their means.
 *
 * <p>Thread-safety: not thread-safe; one training loop uses it.
 */
final class EpochLosses {
  private double total;
  private double prediction;
  private double difference;
  private double classification;
  private double reconstruction;
  private double itemReconstruction;
  private double ranking;
  private int batches;

  /** Adds one batch's weighted loss and terms. */
  void add(NDArray weighted, LossTerms terms) {
    total += weighted.getFloat();
    prediction += terms.prediction().getFloat();
    difference += terms.difference().getFloat();
    classification += terms.classification().getFloat();
    reconstruction += terms.reconstruction().getFloat();
    itemReconstruction += terms.itemReconstruction().getFloat();
    ranking += terms.ranking().getFloat();
    batches++;
  }

  /** The epoch's statistics: the mean of each term over its batches. */
  EpochStats stats(int epoch, double validationRmse) {
    double n = Math.max(1, batches);
    return new EpochStats(
        epoch,
        total / n,
        prediction / n,
        difference / n,
        classification / n,
        reconstruction / n,
        itemReconstruction / n,
        ranking / n,
        validationRmse);
  }
}
