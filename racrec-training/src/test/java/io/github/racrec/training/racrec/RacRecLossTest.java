package io.github.racrec.training.racrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.github.racrec.training.eval.EvalData.OwnReviews;
import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.TrainingData;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The corrected loss terms do what their switches say, checked on their values and gradients. */
class RacRecLossTest {
  static final int D = 12;
  static final int BATCH = 16;

  /**
   * Starts PyTorch as training does (offline, one thread), whichever test of the JVM runs first.
   */
  @BeforeAll
  static void engine() {
    TrainingEngine.pytorch();
  }

  /** The gradients of L_class with respect to E_c's and the classifier's weights. */
  private static float[][] classGradients(Corrections corrections, float reversalScale) {
    RacRecConfig config =
        RacRecConfig.builder()
            .vectorSize(8)
            .inputDropout(0f)
            .predictionWeight(1f)
            .auxiliaryWeight(1f)
            .rankingWeight(0f)
            .learningRate(1e-3f)
            .weightDecay(0f)
            .batchSize(BATCH)
            .epochs(1)
            .patience(1)
            .seed(5)
            .corrections(corrections)
            .build();
    TrainingEngine.pytorch().setRandomSeed(5);
    try (Model model = Model.newInstance("loss-test", "PyTorch")) {
      RacRecNetwork network = new RacRecNetwork(D, config, 3.0);
      model.setBlock(network);
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
        Shape shape = new Shape(BATCH, D);
        trainer.initialize(shape, shape, shape, shape);
        network.setReversalScale(reversalScale);
        NDManager manager = trainer.getManager();
        NDList inputs =
            new NDList(
                gaussian(manager, 1),
                gaussian(manager, 2),
                gaussian(manager, 3),
                gaussian(manager, 4));
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDList out = trainer.forward(inputs);
          LossTerms terms = RacRecLoss.compute(out, manager.ones(new Shape(BATCH)), corrections);
          collector.backward(terms.classification());
        }
        return new float[][] {
          gradient(network.sharedEncoder.get(0)), gradient(network.domainClassifier)
        };
      }
    }
  }

  private static float[] gradient(ai.djl.nn.core.Linear layer) {
    return layer.getParameters().get("weight").getArray().getGradient().toFloatArray();
  }

  private static NDArray gaussian(NDManager manager, long seed) {
    Random random = new Random(seed);
    float[] values = new float[BATCH * D];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return manager.create(values, new Shape(BATCH, D));
  }

  @Test
  void gradientReversal_classifierDescendsEncodersGetMinusAlphaTimesTheGradient() {
    Corrections original = Corrections.none();
    Corrections reversal = Corrections.of(Correction.GRADIENT_REVERSAL);
    float[][] maximised = classGradients(original, 0f); // L_class = -NLL for every weight
    float[][] reversed = classGradients(reversal, 0.25f); // L_class = NLL, reversed for E_c
    float[] encoderOriginal = maximised[0];
    float[] encoderReversed = reversed[0];
    double norm = 0;
    for (int i = 0; i < encoderOriginal.length; i++) {
      // original: -dNLL; reversal: -0.25 dNLL
      assertEquals(0.25 * encoderOriginal[i], encoderReversed[i], 1e-6);
      norm += encoderOriginal[i] * encoderOriginal[i];
    }
    assertTrue(norm > 1e-12, "the encoder gets a gradient at all");
    for (int i = 0; i < maximised[1].length; i++) {
      // The classifier now minimises its NLL: the opposite sign of the original's.
      assertEquals(-maximised[1][i], reversed[1][i], 1e-6);
    }
  }

  @Test
  void reversal_isTheIdentityGoingForward() {
    Corrections reversal = Corrections.of(Correction.GRADIENT_REVERSAL);
    float[][] atZero = classGradients(reversal, 0f);
    double encoder = 0;
    for (float g : atZero[0]) {
      encoder += Math.abs(g);
    }
    assertEquals(0, encoder, 1e-9, "with a = 0 the encoders get no gradient from L_class");
    double classifier = 0;
    for (float g : atZero[1]) {
      classifier += Math.abs(g);
    }
    assertTrue(classifier > 0, "the classifier still learns");
  }

  @Test
  void orthogonalDifference_isTheSquaredCosine() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      // shared = (1, 0), specific = (-1, 0): opposite. The original's L_diff rewards this (-1);
      // the corrected one penalises it (+1) and is 0 for orthogonal vectors.
      NDArray shared = manager.create(new float[][] {{1, 0}});
      NDArray opposite = manager.create(new float[][] {{-1, 0}});
      NDArray orthogonal = manager.create(new float[][] {{0, 1}});
      assertEquals(-1, difference(manager, shared, opposite, Corrections.none()), 1e-6);
      Corrections squared = Corrections.of(Correction.ORTHOGONAL_DIFFERENCE);
      assertEquals(1, difference(manager, shared, opposite, squared), 1e-6);
      assertEquals(0, difference(manager, shared, orthogonal, squared), 1e-6);
    }
  }

  private static float difference(
      NDManager manager, NDArray shared, NDArray specific, Corrections corrections) {
    NDArray vector = manager.zeros(new Shape(1, 4));
    NDArray scalar = manager.zeros(new Shape(1, 1));
    NDArray logits = manager.zeros(new Shape(1, 2));
    NDList out =
        new NDList(
            shared,
            specific,
            shared,
            specific,
            vector,
            vector,
            logits,
            logits,
            shared.concat(specific, 1),
            vector,
            vector,
            vector,
            vector,
            specific,
            scalar,
            scalar,
            shared.concat(specific, 1));
    return RacRecLoss.compute(out, manager.ones(new Shape(1)), corrections).difference().getFloat();
  }

  @Test
  void pairs_excludeOwnReview_takesItOutOfBothMeansAndSkipsItemsNoOtherReviewDescribes() {
    float[] a = {1, 0};
    float[] b = {0, 1};
    // Item 0's vector is the mean of reviews a and b; item 1's is review b alone.
    TrainingData.Catalog catalog =
        new TrainingData.Catalog(
            List.of("i0", "i1"),
            new float[][] {{0.5f, 0.5f}, {0, 1}},
            new int[] {2, 1},
            new double[] {8, 4},
            new int[] {2, 1});
    // The user wrote a (on item 0) and b (on item 1); both are in the user's target mean.
    TrainUser user =
        new TrainUser(
            new UserProfile("u", new float[][] {{1, 1}}, new float[] {4}, new float[] {1, 1}),
            new float[] {0.5f, 0.5f},
            new int[] {0, 1},
            new float[] {5, 3},
            new OwnReviews(
                new float[][] {a, b}, new boolean[] {true, true}, new boolean[] {true, true}, 2));
    TrainingPairs excluded = TrainingPairs.withoutOwnReviews(List.of(user), catalog);
    assertEquals(1, excluded.size(), "item 1 has no other review: its rating is skipped");
    assertEquals(1, excluded.skipped());
    assertArrayEquals(b, excluded.ownTargetMeans()[0], 1e-6f, "user mean without a");
    assertArrayEquals(b, excluded.ownItemVectors()[0], 1e-6f, "item 0 without a");
    TrainingPairs kept = TrainingPairs.asRated(List.of(user), catalog);
    assertEquals(2, kept.size());
    assertNull(kept.ownTargetMeans()[0]);
    assertNull(kept.ownItemVectors()[0]);
  }
}
