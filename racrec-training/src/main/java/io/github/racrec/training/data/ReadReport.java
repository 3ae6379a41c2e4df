package io.github.racrec.training.data;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What reading one data file found: how many lines, how many records, and how many lines were
 * skipped for which reason.
 *
 * <p>Thread-safety: immutable.
 *
 * @param file the file read
 * @param schema the review schema detected, if any line had one (empty for metadata files)
 * @param lines every line, blank ones included
 * @param records the records delivered
 * @param skipped skipped lines by reason; reasons that never occurred are absent
 * @param nanos how long the read took
 */
public record ReadReport(
    Path file,
    Optional<ReviewSchema> schema,
    long lines,
    long records,
    Map<SkipReason, Long> skipped,
    long nanos) {

  /**
   * Copies the skip counts.
   *
   * @throws NullPointerException if a component is null
   */
  public ReadReport {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(schema, "schema");
    skipped = skipped.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(skipped));
  }

  /**
   * Returns the number of lines skipped for a reason.
   *
   * @param reason the reason
   * @return the count, 0 if it never occurred
   */
  public long skipped(SkipReason reason) {
    return skipped.getOrDefault(reason, 0L);
  }

  /**
   * Returns the number of skipped lines, blank lines excluded.
   *
   * @return the number of bad lines
   */
  public long badLines() {
    return skipped.entrySet().stream()
        .filter(e -> e.getKey() != SkipReason.BLANK_LINE)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * Returns a one-line summary for logs and consoles.
   *
   * @return the summary
   */
  public String summary() {
    String skips =
        skipped.isEmpty()
            ? "none skipped"
            : "skipped "
                + new EnumMap<>(skipped)
                    .entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase())
                        .collect(Collectors.joining(", "));
    double seconds = nanos / 1e9;
    return String.format(
        java.util.Locale.ROOT,
        "%s: %,d records from %,d lines in %.2f s%s; %s",
        file.getFileName(),
        records,
        lines,
        seconds,
        schema.map(s -> " (" + s + ")").orElse(""),
        skips);
  }
}
