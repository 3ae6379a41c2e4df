package io.github.racrec.training.racrec;

import java.util.Arrays;
import java.util.Random;

/**
 * Draws, for a training pair, a catalog item that its user did not rate: the negative of the BPR
 * ranking term ({@link Correction#UNRATED_ITEMS}).
 *
 * <p>Thread-safety: not thread-safe; one training loop draws from it.
 */
abstract class UnratedItems {

  /** No item is ever drawn: for models without the ranking term, and for validation. */
  static final UnratedItems NONE =
      new UnratedItems() {
        @Override
        int draw(int[] rated) {
          return -1;
        }
      };

  /**
   * Items drawn uniformly from the catalog, rejecting rated ones.
   *
   * @param catalogSize the number of catalog items
   * @param random the seeded source of the draws
   */
  static UnratedItems uniform(int catalogSize, Random random) {
    return new UnratedItems() {
      @Override
      int draw(int[] rated) {
        if (rated.length >= catalogSize) {
          return -1;
        }
        while (true) {
          int item = random.nextInt(catalogSize);
          if (Arrays.binarySearch(rated, item) < 0) {
            return item;
          }
        }
      }
    };
  }

  /**
   * Returns a catalog item not in {@code rated}, or -1 if there is none (or none is drawn).
   *
   * @param rated the user's rated items, sorted and distinct
   */
  abstract int draw(int[] rated);
}
