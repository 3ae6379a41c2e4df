package io.github.racrec.training.data;

/**
 * Rewrites a Python literal line, as the 2014 Amazon metadata files hold them ({@code {'asin':
 * '0001', 'title': "It's", 'price': 3.99, 'related': None}}), into JSON: single-quoted strings
 * become double-quoted ones, and {@code True}, {@code False} and {@code None} become {@code true},
 * {@code false} and {@code null}. Anything else is copied as it is, so broken input stays broken
 * and the JSON parser reports it.
 */
final class PythonLiterals {
  private PythonLiterals() {}

  static String toJson(String literal) {
    StringBuilder json = new StringBuilder(literal.length() + 16);
    int n = literal.length();
    int i = 0;
    while (i < n) {
      char c = literal.charAt(i);
      if (c == '\'' || c == '"') {
        i = copyString(literal, i, c, json);
      } else if (literal.startsWith("True", i) && isWordEnd(literal, i + 4)) {
        json.append("true");
        i += 4;
      } else if (literal.startsWith("False", i) && isWordEnd(literal, i + 5)) {
        json.append("false");
        i += 5;
      } else if (literal.startsWith("None", i) && isWordEnd(literal, i + 4)) {
        json.append("null");
        i += 4;
      } else {
        json.append(c);
        i++;
      }
    }
    return json.toString();
  }

  /** Copies a Python string starting at {@code start} as a JSON string; returns the next index. */
  private static int copyString(String literal, int start, char quote, StringBuilder json) {
    json.append('"');
    int i = start + 1;
    while (i < literal.length()) {
      char c = literal.charAt(i);
      if (c == '\\' && i + 1 < literal.length()) {
        char next = literal.charAt(i + 1);
        if (next == '\'') {
          json.append('\''); // \' is not a JSON escape
        } else {
          json.append(c).append(next);
        }
        i += 2;
      } else if (c == quote) {
        json.append('"');
        return i + 1;
      } else {
        if (c == '"') {
          json.append('\\');
        }
        json.append(c);
        i++;
      }
    }
    return i; // unterminated: left for the JSON parser to reject
  }

  private static boolean isWordEnd(String text, int index) {
    return index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
  }
}
