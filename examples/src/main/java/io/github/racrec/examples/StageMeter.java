package io.github.racrec.examples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures one stage of a long run: wall time, the heap's peak (the sum of the heap pools' peaks
 * since the stage began, an upper bound of the live heap at any moment) and the process's peak
 * resident memory, sampled every 100 ms from {@code /proc/self/status} (Linux; -1 elsewhere).
 *
 * <p>Thread-safety: one stage at a time, started and finished by one thread.
 */
final class StageMeter implements AutoCloseable {
  private static final Path STATUS = Path.of("/proc/self/status");

  private final long start = System.nanoTime();
  private final AtomicLong peakRssKib = new AtomicLong(-1);
  private final Thread sampler;
  private final Map<String, Object> facts = new LinkedHashMap<>();
  private volatile boolean running = true;

  private StageMeter() {
    List<MemoryPoolMXBean> pools = heapPools();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    sampler =
        new Thread(
            () -> {
              while (running) {
                peakRssKib.accumulateAndGet(residentKib(), Math::max);
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "racrec-stage-meter");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts measuring a stage now. */
  static StageMeter start() {
    return new StageMeter();
  }

  /** Records a fact about the stage (items, texts, epochs ...), kept in the order given. */
  StageMeter put(String name, Object value) {
    facts.put(name, value);
    return this;
  }

  /** Seconds since the stage began. */
  double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Stops sampling and returns the stage's record: seconds, facts, peak heap and peak RSS. */
  Map<String, Object> finish() {
    double seconds = seconds();
    close();
    peakRssKib.accumulateAndGet(residentKib(), Math::max);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("seconds", Math.round(seconds * 10) / 10.0);
    record.putAll(facts);
    long heapPeak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    record.put("peakHeapMiB", heapPeak >> 20);
    record.put("peakRssMiB", peakRssKib.get() < 0 ? -1 : peakRssKib.get() >> 10);
    return record;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
        .toList();
  }

  /** The process's resident set in KiB, or -1 where /proc is not there. */
  private static long residentKib() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
