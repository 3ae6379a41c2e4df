package io.github.racrec.training.racrec;

import static io.github.racrec.training.racrec.RacRecNetwork.OUT_CLASS_SOURCE;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_CLASS_TARGET;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_INPUT_ITEM;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_INPUT_SOURCE;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_INPUT_TARGET;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_ITEM;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_RECONSTRUCTED_ITEM;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_RECONSTRUCTED_SOURCE;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_RECONSTRUCTED_TARGET;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_SHARED_SOURCE;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_SHARED_TARGET;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_SPECIFIC_SOURCE;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_SPECIFIC_TARGET;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The five parts of the RACRec loss, as the original project computed them.
 *
 * <ul>
 *   <li>L_pred: mean squared error of {@code [E_c(u_t), E_t(u_t)] . E_p(i_t)} against the rating
 *       (every training user has target reviews, so the shared vector comes from them);
 *   <li>L_diff: the signed cosine between shared and specific vectors, averaged over the domains;
 *   <li>L_class: the negated negative log-likelihood of the domain classifier on the shared vectors
 *       (no gradient reversal: the classifier's own weights also maximise its error);
 *   <li>L_rec: mean squared error of D_s and D_t reconstructing u_s and u_t (targets detached);
 *   <li>L_irec: mean squared error of D_p reconstructing i_t (target detached).
 * </ul>
 */
final class RacRecLoss {
  private RacRecLoss() {}

  /** Returns {L_pred, L_diff, L_class, L_rec, L_irec}, each a scalar. */
  static NDArray[] original(NDList out, NDArray ratings) {
    NDArray sharedSource = out.get(OUT_SHARED_SOURCE);
    NDArray specificSource = out.get(OUT_SPECIFIC_SOURCE);
    NDArray sharedTarget = out.get(OUT_SHARED_TARGET);
    NDArray specificTarget = out.get(OUT_SPECIFIC_TARGET);
    NDArray user = sharedTarget.concat(specificTarget, 1);
    NDArray predicted = user.mul(out.get(OUT_ITEM)).sum(new int[] {1});
    NDArray prediction = predicted.sub(ratings).square().mean();
    NDArray difference =
        cosine(sharedSource, specificSource)
            .mean()
            .add(cosine(sharedTarget, specificTarget).mean())
            .div(2);
    NDArray sourceNll = out.get(OUT_CLASS_SOURCE).get(":, 0").neg().mean();
    NDArray targetNll = out.get(OUT_CLASS_TARGET).get(":, 1").neg().mean();
    NDArray classification = sourceNll.add(targetNll).div(2).neg();
    NDArray reconstruction =
        mse(out.get(OUT_RECONSTRUCTED_SOURCE), out.get(OUT_INPUT_SOURCE).stopGradient())
            .add(mse(out.get(OUT_RECONSTRUCTED_TARGET), out.get(OUT_INPUT_TARGET).stopGradient()))
            .div(2);
    NDArray itemReconstruction =
        mse(out.get(OUT_RECONSTRUCTED_ITEM), out.get(OUT_INPUT_ITEM).stopGradient());
    return new NDArray[] {
      prediction, difference, classification, reconstruction, itemReconstruction
    };
  }

  private static NDArray cosine(NDArray a, NDArray b) {
    NDArray dot = a.mul(b).sum(new int[] {1});
    NDArray norms = a.square().sum(new int[] {1}).sqrt().mul(b.square().sum(new int[] {1}).sqrt());
    return dot.div(norms.add(1e-8f));
  }

  private static NDArray mse(NDArray predicted, NDArray target) {
    return predicted.sub(target).square().mean();
  }
}
