package io.github.racrec.training.racrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The RACRec network as a DJL block.
 *
 * <ul>
 *   <li>E_c (shared user encoder, both domains): d to shared; E_s, E_t (domain-specific): d to
 *       specific;
 *   <li>D_s, D_t (user decoders): [shared, specific] to d;
 *   <li>a domain classifier on the shared vector: shared to 2;
 *   <li>E_p (item encoder): d to shared + specific; D_p (item decoder): back to d;
 *   <li>with {@link Correction#RATING_BIASES}: a user bias (source vector to 1) and an item bias
 *       (item vector to 1, its constant starting at the global mean).
 * </ul>
 *
 * <p>E_c and E_p are one affine layer, or two with a ReLU between when the configuration asks for a
 * hidden layer; every other layer is affine. The forward pass takes {@code [u_s, u_t, i_t]} (batch
 * by d each) and returns every vector the losses need, in the order of the {@code OUT_*} constants.
 * Layers start as in PyTorch: weights and biases uniform in plus or minus {@code 1 / sqrt(fan_in)}.
 *
 * <p>Gradient reversal: with {@link Correction#GRADIENT_REVERSAL} the classifier reads the shared
 * vectors through {@code (1 + a) sg(x) - a x}, which is {@code x} going forward and multiplies the
 * gradient by {@code -a} going back; the trainer sets {@code a} each step.
 *
 * <p>Thread-safety: not thread-safe; one trainer drives it.
 */
final class RacRecNetwork extends AbstractBlock {
  static final int OUT_SHARED_SOURCE = 0;
  static final int OUT_SPECIFIC_SOURCE = 1;
  static final int OUT_SHARED_TARGET = 2;
  static final int OUT_SPECIFIC_TARGET = 3;
  static final int OUT_RECONSTRUCTED_SOURCE = 4;
  static final int OUT_RECONSTRUCTED_TARGET = 5;
  static final int OUT_CLASS_SOURCE = 6;
  static final int OUT_CLASS_TARGET = 7;
  static final int OUT_ITEM = 8;
  static final int OUT_RECONSTRUCTED_ITEM = 9;
  static final int OUT_INPUT_SOURCE = 10;
  static final int OUT_INPUT_TARGET = 11;
  static final int OUT_INPUT_ITEM = 12;

  /** E_t(0): the cold-start user's target-specific part, one row per pair. */
  static final int OUT_SPECIFIC_COLD = 13;

  /** The user bias from the source vector (zeros without rating biases). */
  static final int OUT_USER_BIAS = 14;

  /** The item bias from the item vector (zeros without rating biases). */
  static final int OUT_ITEM_BIAS = 15;

  /** E_p(j_t): the encoded unrated item. */
  static final int OUT_UNRATED_ITEM = 16;

  private final int inputSize;
  private final RacRecConfig config;
  final List<Linear> sharedEncoder;
  final Linear sourceEncoder;
  final Linear targetEncoder;
  final Linear sourceDecoder;
  final Linear targetDecoder;
  final Linear domainClassifier;
  final List<Linear> itemEncoder;
  final Linear itemDecoder;
  final Linear userBias;
  final Linear itemBias;
  private float reversalScale;

  RacRecNetwork(int inputSize, RacRecConfig config, double globalMean) {
    this.inputSize = inputSize;
    this.config = config;
    int taste = config.tasteSize();
    int hidden = config.corrections().hiddenSize();
    sharedEncoder = encoder("shared_encoder", hidden, config.sharedSize(), inputSize);
    sourceEncoder = child("source_encoder", config.specificSize(), inputSize);
    targetEncoder = child("target_encoder", config.specificSize(), inputSize);
    sourceDecoder = child("source_decoder", inputSize, taste);
    targetDecoder = child("target_decoder", inputSize, taste);
    domainClassifier = child("domain_classifier", 2, config.sharedSize());
    itemEncoder = encoder("item_encoder", hidden, taste, inputSize);
    itemDecoder = child("item_decoder", inputSize, taste);
    if (config.corrections().has(Correction.RATING_BIASES)) {
      userBias = child("user_bias", 1, inputSize);
      itemBias = child("item_bias", 1, inputSize);
      itemBias.setInitializer(new ConstantInitializer((float) globalMean), Parameter.Type.BIAS);
    } else {
      userBias = null;
      itemBias = null;
    }
  }

  /** Sets the gradient reversal factor a (DANN's lambda) for the next steps. */
  void setReversalScale(float scale) {
    this.reversalScale = scale;
  }

  private List<Linear> encoder(String name, int hidden, int units, int fanIn) {
    List<Linear> layers = new ArrayList<>();
    if (hidden == 0) {
      layers.add(child(name, units, fanIn));
    } else {
      layers.add(child(name + "_hidden", hidden, fanIn));
      layers.add(child(name, units, hidden));
    }
    return List.copyOf(layers);
  }

  private Linear child(String name, int units, int fanIn) {
    Linear linear = Linear.builder().setUnits(units).optBias(true).build();
    UniformInitializer pytorchDefault = new UniformInitializer((float) (1 / Math.sqrt(fanIn)));
    linear.setInitializer(pytorchDefault, Parameter.Type.WEIGHT);
    linear.setInitializer(pytorchDefault, Parameter.Type.BIAS);
    return addChildBlock(name, linear);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray us = dropout(inputs.get(0), training);
    NDArray ut = dropout(inputs.get(1), training);
    NDArray it = dropout(inputs.get(2), training);
    NDArray jt = dropout(inputs.get(3), training);
    NDArray sharedSource = apply(sharedEncoder, store, us, training);
    NDArray specificSource = apply(sourceEncoder, store, us, training);
    NDArray sharedTarget = apply(sharedEncoder, store, ut, training);
    NDArray specificTarget = apply(targetEncoder, store, ut, training);
    NDArray specificCold = apply(targetEncoder, store, ut.zerosLike(), training);
    NDArray reconstructedSource =
        apply(sourceDecoder, store, sharedSource.concat(specificSource, 1), training);
    NDArray reconstructedTarget =
        apply(targetDecoder, store, sharedTarget.concat(specificTarget, 1), training);
    NDArray classSource =
        apply(domainClassifier, store, reversed(sharedSource), training).logSoftmax(1);
    NDArray classTarget =
        apply(domainClassifier, store, reversed(sharedTarget), training).logSoftmax(1);
    NDArray item = apply(itemEncoder, store, it, training);
    NDArray reconstructedItem = apply(itemDecoder, store, item, training);
    NDArray zeros = us.getManager().zeros(new Shape(us.getShape().get(0), 1));
    NDArray userBiases = userBias == null ? zeros : apply(userBias, store, us, training);
    NDArray itemBiases = itemBias == null ? zeros : apply(itemBias, store, it, training);
    return new NDList(
        sharedSource,
        specificSource,
        sharedTarget,
        specificTarget,
        reconstructedSource,
        reconstructedTarget,
        classSource,
        classTarget,
        item,
        reconstructedItem,
        inputs.get(0),
        inputs.get(1),
        inputs.get(2),
        specificCold,
        userBiases,
        itemBiases,
        apply(itemEncoder, store, jt, training));
  }

  /** The identity going forward; with gradient reversal, the gradient times -a going back. */
  private NDArray reversed(NDArray x) {
    if (!config.corrections().has(Correction.GRADIENT_REVERSAL)) {
      return x;
    }
    return TorchArrays.mul(x.stopGradient(), 1 + reversalScale)
        .sub(TorchArrays.mul(x, reversalScale));
  }

  private NDArray dropout(NDArray input, boolean training) {
    return training && config.inputDropout() > 0
        ? Dropout.dropout(input, config.inputDropout(), true).singletonOrThrow()
        : input;
  }

  private static NDArray apply(List<Linear> layers, ParameterStore store, NDArray x, boolean on) {
    NDArray y = x;
    for (int l = 0; l < layers.size(); l++) {
      y = apply(layers.get(l), store, y, on);
      if (l + 1 < layers.size()) {
        y = TorchArrays.maximum(y, 0f);
      }
    }
    return y;
  }

  private static NDArray apply(Linear layer, ParameterStore store, NDArray x, boolean training) {
    return layer.forward(store, new NDList(x), training).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long batch = inputShapes[0].get(0);
    int shared = config.sharedSize();
    int specific = config.specificSize();
    return new Shape[] {
      new Shape(batch, shared),
      new Shape(batch, specific),
      new Shape(batch, shared),
      new Shape(batch, specific),
      new Shape(batch, inputSize),
      new Shape(batch, inputSize),
      new Shape(batch, 2),
      new Shape(batch, 2),
      new Shape(batch, config.tasteSize()),
      new Shape(batch, inputSize),
      inputShapes[0],
      inputShapes[1],
      inputShapes[2],
      new Shape(batch, specific),
      new Shape(batch, 1),
      new Shape(batch, 1),
      new Shape(batch, config.tasteSize())
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    Shape vector = new Shape(1, inputSize);
    Shape taste = new Shape(1, config.tasteSize());
    initialize(sharedEncoder, manager, dataType, vector);
    sourceEncoder.initialize(manager, dataType, vector);
    targetEncoder.initialize(manager, dataType, vector);
    sourceDecoder.initialize(manager, dataType, taste);
    targetDecoder.initialize(manager, dataType, taste);
    domainClassifier.initialize(manager, dataType, new Shape(1, config.sharedSize()));
    initialize(itemEncoder, manager, dataType, vector);
    itemDecoder.initialize(manager, dataType, taste);
    if (userBias != null) {
      userBias.initialize(manager, dataType, vector);
      itemBias.initialize(manager, dataType, vector);
    }
  }

  private static void initialize(
      List<Linear> layers, NDManager manager, DataType dataType, Shape input) {
    Shape shape = input;
    for (Linear layer : layers) {
      layer.initialize(manager, dataType, shape);
      shape = layer.getOutputShapes(new Shape[] {shape})[0];
    }
  }
}
