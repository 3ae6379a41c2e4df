package io.github.racrec.training.data;

import java.util.regex.Pattern;

/** Builds a review's text from its title and body, as the original work did: "title. body". */
public final class ReviewText {
  private static final Pattern HTML_BREAK = Pattern.compile("(?i)<br\\s*/?>");
  private static final Pattern SPACES = Pattern.compile("[ \\t]{2,}");

  private ReviewText() {}

  /**
   * Joins a title and a body into one text: HTML line breaks become spaces, and a full stop
   * separates a title that does not end in punctuation from the body.
   *
   * @param title the title or summary, or null
   * @param body the body, or null
   * @return the text, trimmed; empty if both parts are empty
   */
  public static String join(String title, String body) {
    String head = clean(title);
    String tail = clean(body);
    if (head.isEmpty()) {
      return tail;
    }
    if (tail.isEmpty()) {
      return head;
    }
    char last = head.charAt(head.length() - 1);
    boolean punctuated = last == '.' || last == '!' || last == '?' || last == ':';
    return head + (punctuated ? " " : ". ") + tail;
  }

  /**
   * Removes HTML line breaks and surrounding white space.
   *
   * @param text a text, or null
   * @return the cleaned text, empty for null
   */
  public static String clean(String text) {
    if (text == null) {
      return "";
    }
    String cleaned = text.indexOf('<') >= 0 ? HTML_BREAK.matcher(text).replaceAll(" ") : text;
    return SPACES.matcher(cleaned).replaceAll(" ").strip();
  }
}
