/**
 * racrec's inference backend on ONNX Runtime.
 *
 * <p>{@link io.github.racrec.onnx.OnnxTextEncoder} runs a BERT-family transformer exported to ONNX
 * (the embedded all-MiniLM-L6-v2 by default, or a model folder such as a DistilBERT export) with
 * its HuggingFace {@code tokenizer.json}, and mean-pools the token vectors under the attention
 * mask. Models are described by {@link io.github.racrec.onnx.TransformerModel}; where they run is
 * chosen with {@link io.github.racrec.onnx.Device}.
 *
 * <p>Nothing here downloads anything: model files come from the classpath or from paths the caller
 * names, and the native libraries of ONNX Runtime and of the tokenizer come from their jars. DJL,
 * whose HuggingFace tokenizer racrec uses, would otherwise download native libraries it does not
 * find and send a usage ping when a tokenizer is created, so before racrec first touches DJL it
 * sets the system properties {@code ai.djl.offline} and {@code OPT_OUT_TRACKING} to {@code true},
 * each only where neither it nor its environment variable ({@code DJL_OFFLINE}, {@code
 * OPT_OUT_TRACKING}) is set already. To let DJL download, set {@code -Dai.djl.offline=false}. DJL
 * unpacks the tokenizer's native library to its cache directory ({@code DJL_CACHE_DIR}, default
 * {@code ~/.djl.ai}), which must be writable.
 */
package io.github.racrec.onnx;
