package io.github.racrec.training.racrec;

import static io.github.racrec.training.racrec.RacRecNetwork.OUT_CLASS_SOURCE;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_CLASS_TARGET;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_INPUT_ITEM;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_INPUT_SOURCE;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_INPUT_TARGET;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_ITEM;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_ITEM_BIAS;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_RECONSTRUCTED_ITEM;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_RECONSTRUCTED_SOURCE;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_RECONSTRUCTED_TARGET;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_SHARED_SOURCE;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_SHARED_TARGET;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_SPECIFIC_COLD;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_SPECIFIC_SOURCE;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_SPECIFIC_TARGET;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_UNRATED_ITEM;
import static io.github.racrec.training.racrec.RacRecNetwork.OUT_USER_BIAS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * The five parts of the RACRec loss, as the original project computed them, with each correction a
 * switch of {@link Corrections}.
 *
 * <ul>
 *   <li>L_pred: mean squared error of {@code [E_c(u_t), E_t(u_t)] . E_p(i_t)} against the rating
 *       (every training user has target reviews, so the shared vector comes from them). With {@code
 *       trainColdStartPath}, the mean of that error and the error of the cold-start path {@code
 *       [E_c(u_s), E_t(0)] . E_p(i_t)}, the one serving uses. With {@code RATING_BIASES}, both
 *       predictions add the user and item biases.
 *   <li>L_diff: the signed cosine between shared and specific vectors, averaged over the domains;
 *       with {@code ORTHOGONAL_DIFFERENCE}, the squared cosine, which is least when they are
 *       orthogonal rather than opposite.
 *   <li>L_class: the negated negative log-likelihood of the domain classifier on the shared vectors
 *       (no gradient reversal: the classifier's own weights also maximise its error, and the term
 *       has no lower bound). With {@code GRADIENT_REVERSAL}, the NLL itself: the classifier learns
 *       to tell the domains apart while the network reverses the encoders' gradient.
 *   <li>L_rec: mean squared error of D_s and D_t reconstructing u_s and u_t (targets detached);
 *   <li>L_irec: mean squared error of D_p reconstructing i_t (target detached);
 *   <li>L_rank (not in the original, zero unless {@code UNRATED_ITEMS}): BPR between the rated item
 *       and an unrated one on the cold-start interaction score.
 * </ul>
 */
final class RacRecLoss {
  private RacRecLoss() {}

  /** Returns the six terms of a forward pass's loss, each a scalar. */
  static LossTerms compute(NDList out, NDArray ratings, Corrections corrections) {
    NDArray sharedSource = out.get(OUT_SHARED_SOURCE);
    NDArray specificSource = out.get(OUT_SPECIFIC_SOURCE);
    NDArray sharedTarget = out.get(OUT_SHARED_TARGET);
    NDArray specificTarget = out.get(OUT_SPECIFIC_TARGET);
    NDArray item = out.get(OUT_ITEM);
    NDArray biases = out.get(OUT_USER_BIAS).add(out.get(OUT_ITEM_BIAS)).squeeze(1);
    NDArray warm = sharedTarget.concat(specificTarget, 1).mul(item).sum(new int[] {1}).add(biases);
    NDArray prediction = warm.sub(ratings).square().mean();
    if (corrections.has(Correction.COLD_START_PATH)) {
      NDArray cold =
          sharedSource
              .concat(out.get(OUT_SPECIFIC_COLD), 1)
              .mul(item)
              .sum(new int[] {1})
              .add(biases);
      prediction = TorchArrays.div(prediction.add(cold.sub(ratings).square().mean()), 2);
    }
    NDArray sourceCosine = cosine(sharedSource, specificSource);
    NDArray targetCosine = cosine(sharedTarget, specificTarget);
    if (corrections.has(Correction.ORTHOGONAL_DIFFERENCE)) {
      sourceCosine = sourceCosine.square();
      targetCosine = targetCosine.square();
    }
    NDArray difference = TorchArrays.div(sourceCosine.mean().add(targetCosine.mean()), 2);
    NDArray sourceNll = out.get(OUT_CLASS_SOURCE).get(":, 0").neg().mean();
    NDArray targetNll = out.get(OUT_CLASS_TARGET).get(":, 1").neg().mean();
    NDArray nll = TorchArrays.div(sourceNll.add(targetNll), 2);
    NDArray classification = corrections.has(Correction.GRADIENT_REVERSAL) ? nll : nll.neg();
    NDArray reconstruction =
        TorchArrays.div(
            mse(out.get(OUT_RECONSTRUCTED_SOURCE), out.get(OUT_INPUT_SOURCE).stopGradient())
                .add(
                    mse(
                        out.get(OUT_RECONSTRUCTED_TARGET),
                        out.get(OUT_INPUT_TARGET).stopGradient())),
            2);
    NDArray itemReconstruction =
        mse(out.get(OUT_RECONSTRUCTED_ITEM), out.get(OUT_INPUT_ITEM).stopGradient());
    NDArray ranking = ratings.getManager().zeros(new Shape());
    if (corrections.has(Correction.UNRATED_ITEMS)) {
      // BPR on the cold-start interaction: log(1 + exp(s(u, j) - s(u, i))).
      NDArray coldUser = sharedSource.concat(out.get(OUT_SPECIFIC_COLD), 1);
      NDArray rated = coldUser.mul(item).sum(new int[] {1});
      NDArray unrated = coldUser.mul(out.get(OUT_UNRATED_ITEM)).sum(new int[] {1});
      ranking = softplus(unrated.sub(rated)).mean();
    }
    return new LossTerms(
        prediction, difference, classification, reconstruction, itemReconstruction, ranking);
  }

  /** log(1 + exp(x)), computed without overflow. */
  private static NDArray softplus(NDArray x) {
    return TorchArrays.maximum(x, 0f).add(TorchArrays.add(x.abs().neg().exp(), 1f).log());
  }

  private static NDArray cosine(NDArray a, NDArray b) {
    NDArray dot = a.mul(b).sum(new int[] {1});
    NDArray norms = a.square().sum(new int[] {1}).sqrt().mul(b.square().sum(new int[] {1}).sqrt());
    return dot.div(TorchArrays.add(norms, 1e-8f));
  }

  private static NDArray mse(NDArray predicted, NDArray target) {
    return predicted.sub(target).square().mean();
  }
}
