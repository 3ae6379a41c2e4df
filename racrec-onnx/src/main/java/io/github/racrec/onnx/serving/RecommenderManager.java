package io.github.racrec.onnx.serving;

import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves recommendations from a {@link ServingSet} that can be replaced while requests are in
 * flight, in the spirit of Lucene's {@code SearcherManager}.
 *
 * <p>Each call takes a reference to the current set and gives it back when done; {@link
 * #swap(ServingSet)} installs a new set at once, and the old one is closed when its last call
 * finishes, so a call always runs start to end on one set. A set whose parts do not belong together
 * cannot be built (see {@link ServingSet}), so it never goes live.
 *
 * <p>Thread-safety: safe for concurrent use. Lifecycle: {@link #close()} is idempotent, refuses new
 * calls with {@link IllegalStateException}, waits for the calls in progress and closes the current
 * set.
 */
public final class RecommenderManager implements Recommender {
  private static final Logger LOG = LoggerFactory.getLogger(RecommenderManager.class);

  private final AtomicReference<Lease> current;
  private final Object lifecycle = new Object();
  private volatile boolean closed;

  /**
   * Starts serving a first set.
   *
   * @param initial the set; the manager owns it from now on
   */
  public RecommenderManager(ServingSet initial) {
    this.current = new AtomicReference<>(new Lease(requireOpen(initial)));
  }

  /**
   * A result and the name of the set that produced it.
   *
   * @param <T> the result type
   * @param value the result
   * @param setName the {@linkplain ServingSet#name() name} of the set that served the call
   */
  public record Served<T>(T value, String setName) {}

  /**
   * Runs {@code work} on the current set; the set stays open until {@code work} returns.
   *
   * @param <T> the result type
   * @param work what to do with the set
   * @return the result and the set's name
   * @throws IllegalStateException if the manager is closed
   */
  public <T> Served<T> call(Function<ServingSet, T> work) {
    Objects.requireNonNull(work, "work");
    Lease lease = acquire();
    try {
      return new Served<>(work.apply(lease.set), lease.set.name());
    } finally {
      lease.release();
    }
  }

  @Override
  public List<Recommendation> recommend(
      List<Review> sourceReviews, int k, Set<String> excludedItemIds) {
    return call(set -> set.recommender().recommend(sourceReviews, k, excludedItemIds)).value();
  }

  /**
   * Makes {@code next} the set new calls use; calls in progress finish on the old set, which is
   * closed after the last of them.
   *
   * @param next the new set; the manager owns it from now on
   * @throws IllegalStateException if the manager or {@code next} is closed
   */
  public void swap(ServingSet next) {
    requireOpen(next);
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("the recommender manager is closed");
      }
      Lease old = current.getAndSet(new Lease(next));
      LOG.info("serving set {} replaces {}", next.name(), old.set.name());
      old.release();
    }
  }

  /**
   * Returns the name of the set new calls use now.
   *
   * @return the name
   */
  public String currentSetName() {
    return current.get().set.name();
  }

  /** Refuses new calls, waits for the calls in progress, and closes the current set. */
  @Override
  public void close() {
    Lease last;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      last = current.get();
      last.release();
    }
    last.awaitClosed();
  }

  private Lease acquire() {
    while (true) {
      if (closed) {
        throw new IllegalStateException("the recommender manager is closed");
      }
      Lease lease = current.get();
      if (lease.tryAcquire()) {
        return lease;
      }
      // That set was retired between reading and acquiring it: read the new one.
    }
  }

  private static ServingSet requireOpen(ServingSet set) {
    Objects.requireNonNull(set, "set");
    if (set.isClosed()) {
      throw new IllegalStateException("serving set " + set.name() + " is already closed");
    }
    return set;
  }

  /** A set and its reference count: one for the manager while current, one per call in flight. */
  private static final class Lease {
    final ServingSet set;
    final AtomicInteger references = new AtomicInteger(1);
    final CountDownLatch closedSignal = new CountDownLatch(1);

    Lease(ServingSet set) {
      this.set = set;
    }

    boolean tryAcquire() {
      while (true) {
        int count = references.get();
        if (count == 0) {
          return false;
        }
        if (references.compareAndSet(count, count + 1)) {
          return true;
        }
      }
    }

    void release() {
      if (references.decrementAndGet() == 0) {
        set.close();
        closedSignal.countDown();
      }
    }

    void awaitClosed() {
      try {
        closedSignal.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
