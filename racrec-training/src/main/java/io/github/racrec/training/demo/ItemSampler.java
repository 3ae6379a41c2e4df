package io.github.racrec.training.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * Draws the items a user reviews: item {@code i} with probability proportional to {@code
 * popularity(i) * exp(sharpness * taste[taste(i)])}, without repeats. A taste is drawn first, then
 * an item of that taste by popularity (bisection over cumulative weights), so a draw costs {@code
 * O(log n)} and catalogs of any size are cheap.
 *
 * @param <T> the item type
 */
final class ItemSampler<T> {
  private final List<List<T>> itemsByTaste = new ArrayList<>();
  private final List<double[]> cumulativeByTaste = new ArrayList<>();
  private final double[] totalByTaste;

  ItemSampler(List<T> items, ToIntFunction<T> taste, ToDoubleFunction<T> popularity, int tastes) {
    totalByTaste = new double[tastes];
    for (int g = 0; g < tastes; g++) {
      itemsByTaste.add(new ArrayList<>());
    }
    for (T item : items) {
      itemsByTaste.get(taste.applyAsInt(item)).add(item);
    }
    for (int g = 0; g < tastes; g++) {
      List<T> group = itemsByTaste.get(g);
      double[] cumulative = new double[group.size()];
      double sum = 0;
      for (int i = 0; i < group.size(); i++) {
        sum += popularity.applyAsDouble(group.get(i));
        cumulative[i] = sum;
      }
      cumulativeByTaste.add(cumulative);
      totalByTaste[g] = sum;
    }
  }

  /** Draws {@code count} distinct items for a user with the given taste mix. */
  List<T> sample(Random random, double[] taste, int count, double sharpness) {
    double[] tasteWeights = new double[taste.length];
    double sum = 0;
    for (int g = 0; g < taste.length; g++) {
      sum += totalByTaste[g] * StrictMath.exp(sharpness * taste[g]);
      tasteWeights[g] = sum;
    }
    Set<T> picked = new LinkedHashSet<>();
    for (int attempts = 0; picked.size() < count && attempts < 100 * count; attempts++) {
      int g = search(tasteWeights, random.nextDouble() * sum);
      double[] cumulative = cumulativeByTaste.get(g);
      if (cumulative.length > 0) {
        int i = search(cumulative, random.nextDouble() * totalByTaste[g]);
        picked.add(itemsByTaste.get(g).get(i));
      }
    }
    return new ArrayList<>(picked);
  }

  /** The first index whose cumulative weight exceeds {@code value}. */
  private static int search(double[] cumulative, double value) {
    int found = Arrays.binarySearch(cumulative, value);
    int index = found >= 0 ? found + 1 : -found - 1;
    return Math.min(index, cumulative.length - 1);
  }
}
