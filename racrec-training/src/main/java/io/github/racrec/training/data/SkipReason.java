package io.github.racrec.training.data;

/**
 * Why a line of a data file was skipped. Skipped lines are counted by reason and never stop a read.
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum SkipReason {
  /** An empty or whitespace-only line (many files end with one). */
  BLANK_LINE,
  /** Not a JSON object: cut off, garbled, or another kind of value. */
  MALFORMED_JSON,
  /** A JSON object without a user id. */
  MISSING_USER,
  /** A JSON object without an item id. */
  MISSING_ITEM,
  /** The rating is missing, not a number, or not between 1 and 5. */
  BAD_RATING,
  /** The time is missing, not a whole number, or negative. */
  BAD_TIMESTAMP,
  /** The line is longer than the reader accepts (see {@link JsonLines#MAX_LINE_BYTES}). */
  LINE_TOO_LONG
}
