package io.github.racrec.training.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Numbers string ids densely from 0, in the order they are first added, so that datasets can store
 * ints.
 *
 * <p>Thread-safety: not thread-safe while ids are added; safe to read from many threads once
 * complete.
 */
public final class IdDictionary {
  private final Map<String, Integer> indexById = new HashMap<>();
  private final List<String> ids = new ArrayList<>();

  /**
   * Returns the index of an id, adding it if it is new.
   *
   * @param id the id
   * @return its index
   */
  public int add(String id) {
    Integer index = indexById.get(Objects.requireNonNull(id, "id"));
    if (index != null) {
      return index;
    }
    ids.add(id);
    indexById.put(id, ids.size() - 1);
    return ids.size() - 1;
  }

  /**
   * Returns the index of an id.
   *
   * @param id the id
   * @return its index, or -1 if it was never added
   */
  public int indexOf(String id) {
    Integer index = indexById.get(id);
    return index == null ? -1 : index;
  }

  /**
   * Returns the id at an index.
   *
   * @param index the index
   * @return the id
   * @throws IndexOutOfBoundsException if there is no such index
   */
  public String id(int index) {
    return ids.get(index);
  }

  /**
   * Returns the number of ids.
   *
   * @return the count
   */
  public int size() {
    return ids.size();
  }
}
