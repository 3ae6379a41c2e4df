package io.github.racrec.api;

import java.util.List;

/**
 * Turns texts into fixed-length vectors, one per text.
 *
 * <p>Implementations run a pre-trained text model (a BERT-family transformer in racrec's ONNX
 * backend). The same call with the same texts gives bit-identical vectors. An encoder that runs
 * texts together in one model call (batching) may give a text a vector that differs in its last
 * bits depending on which other texts share the call, with cosine similarity above 0.99999; one
 * that is {@linkplain #batchIndependent() batch-independent} never does. Within one model, vectors
 * are comparable; across models they are not, which is why every encoder has a {@link
 * #fingerprint()} that catalogs and models record.
 *
 * <p>Two tiers: {@link #encode(List)} is the convenient call; {@link #encodeInto(List, float[],
 * int)} writes into a caller-owned buffer for callers that encode many texts and want to avoid
 * allocating a row per text.
 *
 * <p>Thread-safety: implementations are safe for concurrent use by any number of threads.
 *
 * <p>Ownership: whoever creates an encoder closes it. {@link #close()} is idempotent; any other
 * encoding call after it throws {@link IllegalStateException}; {@link #dimension()} and {@link
 * #fingerprint()} keep answering.
 */
public interface Encoder extends AutoCloseable {

  /**
   * Returns the length of the vectors this encoder produces.
   *
   * @return the dimension, at least 1
   */
  int dimension();

  /**
   * Returns a fingerprint of the model and settings behind this encoder: equal fingerprints mean
   * equal vectors for equal texts.
   *
   * @return a non-empty string such as {@code "sha256:3f9a..."}
   */
  String fingerprint();

  /**
   * Returns whether a text's vector is the same, bit for bit, whichever other texts are encoded in
   * the same call: true for an encoder that runs every text in a model call of its own. Callers
   * that need reproducible vectors (an evaluation's leakage check) may then encode many texts per
   * call; otherwise they must encode one text per call.
   *
   * @return {@code true} if vectors do not depend on the other texts of a call; the default is
   *     {@code false}
   */
  default boolean batchIndependent() {
    return false;
  }

  /**
   * Encodes texts into vectors.
   *
   * @param texts the texts; none may be blank
   * @return one vector of length {@link #dimension()} per text, in the order given; an empty array
   *     for an empty list
   * @throws NullPointerException if {@code texts} or one of its elements is null
   * @throws RacrecException with {@link ErrorCode#INVALID_INPUT} if a text is empty or blank, or
   *     with {@link ErrorCode#INFERENCE_FAILED} if the model fails
   * @throws IllegalStateException if the encoder is closed
   */
  default float[][] encode(List<String> texts) {
    int dim = dimension();
    float[] flat = new float[Math.multiplyExact(texts.size(), dim)];
    encodeInto(texts, flat, 0);
    float[][] rows = new float[texts.size()][dim];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(flat, i * dim, rows[i], 0, dim);
    }
    return rows;
  }

  /**
   * Encodes one text.
   *
   * @param text the text, not blank
   * @return its vector, of length {@link #dimension()}
   * @throws NullPointerException if {@code text} is null
   * @throws RacrecException as {@link #encode(List)}
   * @throws IllegalStateException if the encoder is closed
   */
  default float[] encode(String text) {
    return encode(List.of(text))[0];
  }

  /**
   * Encodes texts into a caller-owned buffer: the vector of {@code texts.get(i)} is written to
   * {@code out[offset + i * dimension()]} up to {@code out[offset + (i + 1) * dimension() - 1]}.
   * Nothing else in {@code out} is touched.
   *
   * @param texts the texts; none may be blank
   * @param out the buffer to write into
   * @param offset where the first vector starts in {@code out}
   * @throws NullPointerException if an argument or an element of {@code texts} is null
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if {@code out} is too small
   *     from {@code offset}, with {@link ErrorCode#INVALID_INPUT} if a text is blank, or with
   *     {@link ErrorCode#INFERENCE_FAILED} if the model fails
   * @throws IllegalStateException if the encoder is closed
   */
  void encodeInto(List<String> texts, float[] out, int offset);

  /**
   * Releases the model and its native memory. Waits for calls in progress to finish. Idempotent.
   */
  @Override
  void close();
}
