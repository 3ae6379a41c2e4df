package io.github.racrec.benchmarks.encode;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Review-like texts of an exact length in MiniLM tokens (special tokens included), so that every
 * engine in a comparison gets the same work and tokens/s is exact.
 */
final class TokenTexts {
  private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
  private static final String[] WORDS =
      ("the a film movie soundtrack music album song great terrible quiet loud beautiful story"
              + " actors plot pacing guitar piano strings voice lyrics chorus scene ending loved"
              + " hated boring moving funny dark bright slow fast best worst and but with of in on"
              + " for it was is very really not quite")
          .split(" ");

  private TokenTexts() {}

  /**
   * Returns {@code count} texts of exactly {@code tokens} tokens each.
   *
   * @param count how many texts
   * @param tokens tokens per text, special tokens included, at least 3
   * @param seed the word sequence's seed
   * @return the texts
   */
  static List<String> generate(int count, int tokens, long seed) {
    try (HuggingFaceTokenizer tokenizer = untruncatedTokenizer()) {
      List<String> words = singlePieceWords(tokenizer);
      Random random = new Random(seed);
      List<String> texts = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        texts.add(oneText(tokenizer, words, tokens, random));
      }
      return texts;
    }
  }

  /** The words the tokenizer keeps whole, so that each adds exactly one token. */
  private static List<String> singlePieceWords(HuggingFaceTokenizer tokenizer) {
    int special = tokenizer.encode("").getIds().length;
    List<String> words = new ArrayList<>();
    for (String word : WORDS) {
      if (tokenizer.encode(word).getIds().length == special + 1) {
        words.add(word);
      }
    }
    return words;
  }

  private static String oneText(
      HuggingFaceTokenizer tokenizer, List<String> words, int tokens, Random random) {
    int special = tokenizer.encode("").getIds().length;
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < tokens - special; w++) {
      text.append(w == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
    }
    String result = text.toString();
    int length = tokenizer.encode(result).getIds().length;
    if (length != tokens) {
      throw new IllegalStateException(
          "built a text of " + length + " tokens instead of " + tokens + ": " + result);
    }
    return result;
  }

  private static HuggingFaceTokenizer untruncatedTokenizer() {
    try (InputStream in = TokenTexts.class.getClassLoader().getResourceAsStream(TOKENIZER)) {
      if (in == null) {
        throw new IllegalStateException(TOKENIZER + " is not on the class path");
      }
      return HuggingFaceTokenizer.newInstance(
          in, Map.of("truncation", "false", "padding", "false", "maxLength", "100000"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
