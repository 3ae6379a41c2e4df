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
 * names, and the native libraries of ONNX Runtime and of the tokenizer come from their jars. See
 * {@link io.github.racrec.onnx.DjlDefaults} for the DJL settings this implies.
 */
package io.github.racrec.onnx;
