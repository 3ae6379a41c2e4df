package io.github.racrec.onnx;

import io.github.racrec.api.Encoder;
import io.github.racrec.api.contract.EncoderContract;

/** The Encoder contract on the embedded all-MiniLM-L6-v2. */
class MiniLmEncoderContractTest extends EncoderContract {
  @Override
  protected Encoder openEncoder() {
    return OnnxTextEncoder.builder().build();
  }
}
