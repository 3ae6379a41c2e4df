package io.github.racrec.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded default encoder gives the vectors of the reference implementation a Java user would
 * otherwise pick, LangChain4j's in-process all-MiniLM-L6-v2, at maximum length 128.
 */
class MiniLmReferenceTest {
  /** Short and long, accented, non-Latin, emoji, punctuation-only, markup, numbers. */
  static final List<String> TEXTS =
      List.of(
          "Great album.",
          "I loved every song on this record, especially the second half.",
          "Terrible. The plot made no sense and the actors looked bored.",
          "wow",
          "!!!???...",
          "Le film était très émouvant, une vraie réussite du cinéma français.",
          "Ein großartiger Soundtrack, über alle Erwartungen hinaus.",
          "Это лучший фильм, который я видел в этом году.",
          "这部电影的音乐非常好听，我很喜欢。",
          "映画の音楽が素晴らしかった！",
          "Absolutely loved it 😍🎶🔥 would watch again 👍",
          "🎉🎉🎉",
          "Five stars <br /><br />The best jazz I have heard since 1998, track 7 is 10/10.",
          "   leading and trailing spaces   ",
          "MIXED case TEXT With Odd CAPITALS and numb3rs like 42 and 3.14159",
          "tab\tseparated\nnew lines\r\nand carriage returns",
          "A review with \"quotes\", 'apostrophes', (parentheses) and [brackets] & ampersands.",
          "Don't, can't, won't: contractions everywhere; it's the director's best.",
          "This movie is long. ".repeat(60),
          "The soundtrack carried the whole film: strings swelling under the quiet scenes, a "
              + "pulsing synth line in the chases, and a final piano theme that stayed with me "
              + "for days. I bought the album the next morning and have played it on repeat "
              + "while working, cooking and driving. Some tracks are too short, and the middle "
              + "of the record drags a little, but the opening and closing pieces are among "
              + "the most beautiful film music I know. If you liked the movie at all, get "
              + "this album; if you did not, the music might still win you over, because it "
              + "tells the story better than the script ever did.",
          "naïve café résumé coöperate",
          "😀");

  static OnnxTextEncoder encoder;
  static AllMiniLmL6V2EmbeddingModel reference;

  @BeforeAll
  static void load() {
    encoder = OnnxTextEncoder.builder().build();
    reference = new AllMiniLmL6V2EmbeddingModel();
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void encode_variedTexts_matchLangChain4jWithinCosine99990() {
    assertEquals(384, encoder.dimension());
    assertEquals(128, encoder.maxLength(), "the truncation length of the bundled tokenizer.json");
    float[][] ours = encoder.encode(TEXTS);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      float[] theirs = reference.embed(TEXTS.get(i)).content().vector();
      double cosine = cosine(ours[i], theirs);
      if (cosine < 0.9999) {
        failures.add(i + " (cosine " + cosine + "): " + TEXTS.get(i));
      }
    }
    assertTrue(failures.isEmpty(), "texts below cosine 0.9999: " + failures);
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
