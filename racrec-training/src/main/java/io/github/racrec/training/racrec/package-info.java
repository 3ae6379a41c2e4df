/**
 * RACRec, the cross-domain migration model: training with DJL (PyTorch engine, offline), export of
 * its cold-start user tower and item tower to ONNX, and its place in the evaluation harness.
 */
package io.github.racrec.training.racrec;
