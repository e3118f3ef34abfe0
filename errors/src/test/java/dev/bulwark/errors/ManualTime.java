package dev.bulwark.errors;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A manual ticker, a sleeper that advances it instead of waiting, and a scheduler whose tasks run
 * when the test advances the time past their due time.
 */
final class ManualTime implements Ticker, Sleeper, DelayScheduler {
  final AtomicLong now = new AtomicLong(Long.MAX_VALUE - 1_000_000_000L);
  final List<Long> sleptUntil = new ArrayList<>();
  private final List<long[]> dueAt = new ArrayList<>();
  private final List<Runnable> tasks = new ArrayList<>();

  @Override
  public long read() {
    return now.get();
  }

  @Override
  public synchronized void sleepUntil(Ticker ticker, long deadline) {
    sleptUntil.add(deadline);
    if (deadline - now.get() > 0) {
      now.set(deadline);
    }
  }

  @Override
  public synchronized void schedule(Runnable task, long delayNanos) {
    dueAt.add(new long[] {now.get() + delayNanos});
    tasks.add(task);
  }

  synchronized int pending() {
    return tasks.size();
  }

  /** Advances the time by {@code nanos} and runs the tasks that became due. */
  void advance(long nanos) {
    now.addAndGet(nanos);
    List<Runnable> due = new ArrayList<>();
    synchronized (this) {
      Iterator<long[]> d = dueAt.iterator();
      Iterator<Runnable> t = tasks.iterator();
      while (d.hasNext()) {
        long at = d.next()[0];
        Runnable task = t.next();
        if (now.get() - at >= 0) {
          due.add(task);
          d.remove();
          t.remove();
        }
      }
    }
    due.forEach(Runnable::run);
  }
}
