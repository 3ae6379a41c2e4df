package io.github.racrec.training.racrec;

import ai.djl.ndarray.NDArray;

/**
 * The six terms of the RACRec loss for one batch, each a scalar array, and how a configuration
 * weighs them into the loss that is minimised.
 *
 * <p>Thread-safety: immutable holder of arrays owned by the batch's manager.
 *
 * @param prediction L_pred: squared rating error
 * @param difference L_diff: shared vs specific vectors
 * @param classification L_class: the domain classifier's term
 * @param reconstruction L_rec: user reconstructions
 * @param itemReconstruction L_irec: item reconstruction
 * @param ranking L_rank: BPR against an unrated item (zero unless unrated items are sampled)
 */
record LossTerms(
    NDArray prediction,
    NDArray difference,
    NDArray classification,
    NDArray reconstruction,
    NDArray itemReconstruction,
    NDArray ranking) {

  /**
   * Returns the weighted loss: {@code w_pred L_pred + w_aux (L_diff + L_class + L_rec + L_irec) +
   * w_rank L_rank}.
   */
  NDArray total(RacRecConfig config) {
    NDArray auxiliary = difference.add(classification).add(reconstruction).add(itemReconstruction);
    return TorchArrays.mul(prediction, config.predictionWeight())
        .add(TorchArrays.mul(auxiliary, config.auxiliaryWeight()))
        .add(TorchArrays.mul(ranking, config.rankingWeight()));
  }
}
