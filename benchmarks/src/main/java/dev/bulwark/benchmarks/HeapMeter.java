package dev.bulwark.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.function.Supplier;

/**
 * Retained heap by difference: used heap after full collections, before and after building a
 * structure that is then held until the second reading. Build structures whose maintenance runs in
 * the calling thread, so that nothing is still being allocated or freed when the heap is read.
 */
public final class HeapMeter {
  private HeapMeter() {}

  /** The bytes {@code build}'s result retains. */
  public static long retainedBytes(Supplier<Object> build) {
    long before = usedAfterGc();
    Object structure = build.get();
    long after = usedAfterGc();
    Reference.reachabilityFence(structure);
    return after - before;
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
