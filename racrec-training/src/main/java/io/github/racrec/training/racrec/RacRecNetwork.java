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
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * The RACRec network as a DJL block: all layers affine.
 *
 * <ul>
 *   <li>E_c (shared user encoder, both domains): d to shared; E_s, E_t (domain-specific): d to
 *       specific;
 *   <li>D_s, D_t (user decoders): [shared, specific] to d;
 *   <li>a domain classifier on the shared vector: shared to 2;
 *   <li>E_p (item encoder): d to shared + specific; D_p (item decoder): back to d.
 * </ul>
 *
 * <p>The forward pass takes {@code [u_s, u_t, i_t]} (batch by d each) and returns every vector the
 * losses need, in the order of the {@code OUT_*} constants. Layers start as in PyTorch: weights and
 * biases uniform in plus or minus {@code 1 / sqrt(fan_in)}.
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

  private final int inputSize;
  private final RacRecConfig config;
  final Linear sharedEncoder;
  final Linear sourceEncoder;
  final Linear targetEncoder;
  final Linear sourceDecoder;
  final Linear targetDecoder;
  final Linear domainClassifier;
  final Linear itemEncoder;
  final Linear itemDecoder;

  RacRecNetwork(int inputSize, RacRecConfig config) {
    this.inputSize = inputSize;
    this.config = config;
    int taste = config.tasteSize();
    sharedEncoder = child("shared_encoder", config.sharedSize(), inputSize);
    sourceEncoder = child("source_encoder", config.specificSize(), inputSize);
    targetEncoder = child("target_encoder", config.specificSize(), inputSize);
    sourceDecoder = child("source_decoder", inputSize, taste);
    targetDecoder = child("target_decoder", inputSize, taste);
    domainClassifier = child("domain_classifier", 2, config.sharedSize());
    itemEncoder = child("item_encoder", taste, inputSize);
    itemDecoder = child("item_decoder", inputSize, taste);
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
    NDArray sharedSource = apply(sharedEncoder, store, us, training);
    NDArray specificSource = apply(sourceEncoder, store, us, training);
    NDArray sharedTarget = apply(sharedEncoder, store, ut, training);
    NDArray specificTarget = apply(targetEncoder, store, ut, training);
    NDArray reconstructedSource =
        apply(sourceDecoder, store, sharedSource.concat(specificSource, 1), training);
    NDArray reconstructedTarget =
        apply(targetDecoder, store, sharedTarget.concat(specificTarget, 1), training);
    NDArray classSource = apply(domainClassifier, store, sharedSource, training).logSoftmax(1);
    NDArray classTarget = apply(domainClassifier, store, sharedTarget, training).logSoftmax(1);
    NDArray item = apply(itemEncoder, store, it, training);
    NDArray reconstructedItem = apply(itemDecoder, store, item, training);
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
        inputs.get(2));
  }

  private NDArray dropout(NDArray input, boolean training) {
    return training && config.inputDropout() > 0
        ? Dropout.dropout(input, config.inputDropout(), true).singletonOrThrow()
        : input;
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
      inputShapes[2]
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    Shape vector = new Shape(1, inputSize);
    Shape taste = new Shape(1, config.tasteSize());
    sharedEncoder.initialize(manager, dataType, vector);
    sourceEncoder.initialize(manager, dataType, vector);
    targetEncoder.initialize(manager, dataType, vector);
    sourceDecoder.initialize(manager, dataType, taste);
    targetDecoder.initialize(manager, dataType, taste);
    domainClassifier.initialize(manager, dataType, new Shape(1, config.sharedSize()));
    itemEncoder.initialize(manager, dataType, vector);
    itemDecoder.initialize(manager, dataType, taste);
  }
}
