package io.github.racrec.training.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/**
 * A partition read a group of rows at a time: each group of up to {@code size} rows becomes the
 * rows {@code call} makes of it (one model call per group), so a task never holds its whole
 * partition. The encoding and the item-tower stages are both built on it.
 *
 * <p>Thread-safety: not thread-safe; used by the one task that reads the partition.
 */
final class RowBatches implements Iterator<Row> {
  private final Iterator<Row> rows;
  private final int size;
  private final Function<List<Row>, List<Row>> call;
  private List<Row> ready = List.of();
  private int next;

  RowBatches(Iterator<Row> rows, int size, Function<List<Row>, List<Row>> call) {
    this.rows = rows;
    this.size = size;
    this.call = call;
  }

  @Override
  public boolean hasNext() {
    while (next == ready.size() && rows.hasNext()) {
      List<Row> batch = new ArrayList<>(size);
      while (batch.size() < size && rows.hasNext()) {
        batch.add(rows.next());
      }
      ready = call.apply(batch);
      next = 0;
    }
    return next < ready.size();
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.get(next++);
  }

  /** A vector as a Spark array column value. */
  static Float[] boxed(float[] vector) {
    Float[] boxed = new Float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      boxed[i] = vector[i];
    }
    return boxed;
  }

  /** A Spark array column value as a vector. */
  static float[] floats(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
