/**
 * Helpers that racrec's own modules share: not API.
 *
 * <p>The types here are public only so that other racrec modules (racrec-training, the benchmarks
 * and the examples) can use them. They carry no compatibility promise: they may change or go away
 * in any release, and code outside racrec must not use them. They are left out of the published
 * javadoc.
 *
 * <p>Each type states its own thread-safety.
 */
package io.github.racrec.onnx.internal;
