package io.github.racrec.onnx;

import io.github.racrec.api.Encoder;
import io.github.racrec.api.contract.EncoderContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The Encoder contract on a tiny BERT-family graph with a token_type_ids input. */
class TinyEncoderContractTest extends EncoderContract {
  @TempDir static Path folder;

  @BeforeAll
  static void writeModel() throws IOException {
    new TinyBertModel(32, 64, true, 7).writeFolder(folder);
  }

  @Override
  protected Encoder openEncoder() {
    try {
      return OnnxTextEncoder.builder().model(TransformerModel.fromFolder(folder)).build();
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException("cannot open the tiny model", e));
    }
  }

  @Override
  protected List<String> sampleTexts() {
    return List.of(
        "I loved the soundtrack.",
        "A boring plot and terrible actors!",
        "great jazz album",
        "the worst song of all, very loud");
  }
}
