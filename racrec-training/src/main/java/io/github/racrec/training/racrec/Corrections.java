package io.github.racrec.training.racrec;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The corrections switched on, and the towers' shape.
 *
 * <p>Thread-safety: immutable.
 *
 * @param switches the corrections that are on
 * @param hiddenSize 0 for affine towers; otherwise E_c and E_p get a hidden ReLU layer of this
 *     width (explanations then become leave-one-review-out)
 */
public record Corrections(Set<Correction> switches, int hiddenSize) {

  /**
   * Copies the switches.
   *
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if the hidden size is negative
   */
  public Corrections {
    switches =
        switches.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(switches));
    if (hiddenSize < 0) {
      throw new RacrecException(ErrorCode.INVALID_ARGUMENT, "hiddenSize must be 0 or more");
    }
  }

  /**
   * Reads corrections back from {@link RacRecConfig#toMap()}'s {@code corrections} entry.
   *
   * @param map {@code switches} (a list of {@link Correction} names) and {@code hiddenSize}
   * @return the corrections
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if an entry is missing or a
   *     name is not a correction
   */
  static Corrections fromMap(Map<?, ?> map) {
    Set<Correction> switches = EnumSet.noneOf(Correction.class);
    for (Object name : RacRecConfig.setting(map, "switches", List.class)) {
      try {
        switches.add(Correction.valueOf(String.valueOf(name)));
      } catch (IllegalArgumentException e) {
        throw new RacrecException(
            ErrorCode.INVALID_ARGUMENT, "unknown RACRec correction " + name, e);
      }
    }
    return new Corrections(switches, RacRecConfig.number(map, "hiddenSize").intValue());
  }

  /**
   * Returns no correction: the original model.
   *
   * @return no switch on, affine towers
   */
  public static Corrections none() {
    return new Corrections(Set.of(), 0);
  }

  /**
   * Returns the given corrections with affine towers.
   *
   * @param first a correction
   * @param more more corrections
   * @return those switches on
   */
  public static Corrections of(Correction first, Correction... more) {
    return new Corrections(EnumSet.of(first, more), 0);
  }

  /**
   * Returns every correction with affine towers (exact explanations).
   *
   * @return all switches on
   */
  public static Corrections all() {
    return new Corrections(EnumSet.allOf(Correction.class), 0);
  }

  /**
   * Returns these corrections with another hidden layer width.
   *
   * @param width 0 for affine towers
   * @return the changed corrections
   */
  public Corrections withHiddenSize(int width) {
    return new Corrections(switches, width);
  }

  /**
   * Returns whether a correction is on.
   *
   * @param correction the correction
   * @return {@code true} if it is on
   */
  public boolean has(Correction correction) {
    return switches.contains(correction);
  }

  /**
   * Returns whether the towers are affine, which keeps explanations exact.
   *
   * @return {@code true} if {@link #hiddenSize()} is 0
   */
  public boolean linear() {
    return hiddenSize == 0;
  }
}
