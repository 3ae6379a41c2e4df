package io.github.racrec.training.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Streams the lines of a text file as byte ranges, without decoding them: JSON-lines files of
 * gigabytes pass through a fixed buffer, and the JSON parser reads the bytes directly. Gzip files
 * are recognised by their first bytes, whatever their name.
 *
 * <p>Memory is bounded by the longest line, and lines over {@link #MAX_LINE_BYTES} are skipped, so
 * it never depends on the size of the file.
 */
public final class JsonLines {
  /** The longest line handed on; longer ones are reported as too long and skipped. */
  public static final int MAX_LINE_BYTES = 64 << 20;

  private static final int INITIAL_BUFFER = 1 << 20;

  private JsonLines() {}

  /** Receives the lines of a file. */
  public interface LineHandler {
    /**
     * Called for each line, without its line terminator.
     *
     * @param buffer holds the line; valid only during the call
     * @param offset where the line starts
     * @param length its length in bytes
     * @param lineNumber its number, from 1
     * @throws IOException to stop the read
     */
    void line(byte[] buffer, int offset, int length, long lineNumber) throws IOException;

    /**
     * Called instead of {@link #line} for a line longer than {@link #MAX_LINE_BYTES}.
     *
     * @param lineNumber its number, from 1
     */
    void tooLong(long lineNumber);
  }

  /**
   * Opens a file for reading, decompressing it if it is gzip.
   *
   * @param file the file
   * @return a buffered stream of its content
   * @throws IOException if it cannot be opened
   */
  public static InputStream open(Path file) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    if (first == 0x1f && second == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }

  /**
   * Hands every line of a file to a handler.
   *
   * @param file the file, plain or gzip
   * @param handler the handler
   * @return the number of lines
   * @throws IOException if reading fails or the handler stops it
   */
  public static long forEachLine(Path file, LineHandler handler) throws IOException {
    try (InputStream in = open(file)) {
      return forEachLine(in, handler);
    }
  }

  static long forEachLine(InputStream in, LineHandler handler) throws IOException {
    return forEachLine(in, handler, INITIAL_BUFFER, MAX_LINE_BYTES);
  }

  static long forEachLine(InputStream in, LineHandler handler, int initialBuffer, int maxLineBytes)
      throws IOException {
    byte[] buffer = new byte[initialBuffer];
    int start = 0;
    int filled = 0;
    int scanned = 0;
    long lineNumber = 0;
    boolean discarding = false;
    while (true) {
      int newline = indexOf(buffer, (byte) '\n', scanned, filled);
      if (newline >= 0) {
        lineNumber++;
        if (discarding) {
          handler.tooLong(lineNumber);
          discarding = false;
        } else {
          int end = newline > start && buffer[newline - 1] == '\r' ? newline - 1 : newline;
          handler.line(buffer, start, end - start, lineNumber);
        }
        start = newline + 1;
        scanned = start;
        continue;
      }
      scanned = filled;
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, filled - start);
        filled -= start;
        scanned -= start;
        start = 0;
      }
      if (filled == buffer.length) {
        if (buffer.length >= maxLineBytes) {
          // Drop what we have of the over-long line and skip to its end.
          discarding = true;
          filled = 0;
          scanned = 0;
        } else {
          byte[] bigger = new byte[Math.min(maxLineBytes, buffer.length * 2)];
          System.arraycopy(buffer, 0, bigger, 0, filled);
          buffer = bigger;
        }
      }
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        if (discarding) {
          handler.tooLong(++lineNumber);
        } else if (filled > start) {
          handler.line(buffer, start, filled - start, ++lineNumber);
        }
        return lineNumber;
      }
      filled += n;
    }
  }

  private static int indexOf(byte[] buffer, byte value, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buffer[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
