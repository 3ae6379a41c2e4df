package io.github.racrec.onnx;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.util.List;

/**
 * Checks texts before they reach the tokenizer and makes them safe to hand to native code.
 *
 * <p>A blank text is refused: it has no content to encode. Unpaired UTF-16 surrogates, which Java
 * strings may hold but UTF-8 cannot, are replaced by U+FFFD, so the tokenizer (written in Rust,
 * which requires valid UTF-8) always receives well-formed text.
 */
final class TextInputs {
  private static final char REPLACEMENT = '\uFFFD';

  private TextInputs() {}

  /**
   * Returns the texts ready for the tokenizer.
   *
   * @throws NullPointerException naming the index of a null text
   * @throws RacrecException with {@link ErrorCode#INVALID_INPUT} naming the index of a blank text
   */
  static String[] prepare(List<String> texts) {
    String[] prepared = new String[texts.size()];
    for (int i = 0; i < prepared.length; i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new NullPointerException("texts[" + i + "] is null");
      }
      if (text.isBlank()) {
        throw new RacrecException(
            ErrorCode.INVALID_INPUT,
            "text " + i + " is empty or blank: a review needs some words to be encoded");
      }
      prepared[i] = replaceUnpairedSurrogates(text);
    }
    return prepared;
  }

  static String replaceUnpairedSurrogates(String text) {
    char[] chars = null;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++; // a valid pair
      } else if (Character.isSurrogate(c)) {
        if (chars == null) {
          chars = text.toCharArray();
        }
        chars[i] = REPLACEMENT;
      }
    }
    return chars == null ? text : new String(chars);
  }
}
