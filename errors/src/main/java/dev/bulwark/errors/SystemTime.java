package dev.bulwark.errors;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The production ticker and sleeper; an enum so it is an allocation-free singleton. */
enum SystemTime implements Ticker, Sleeper {
  INSTANCE;

  @Override
  public long read() {
    return System.nanoTime();
  }

  @Override
  public void sleepUntil(Ticker ticker, long deadline) {
    boolean interrupted = false;
    long remaining;
    while ((remaining = deadline - ticker.read()) > 0) {
      LockSupport.parkNanos(remaining);
      interrupted |= Thread.interrupted();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The lazily created shared scheduler (holder idiom). */
  enum SharedScheduler implements DelayScheduler {
    INSTANCE;

    private final ScheduledThreadPoolExecutor executor = newExecutor();

    private static ScheduledThreadPoolExecutor newExecutor() {
      ScheduledThreadPoolExecutor e =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "bulwark-timing-equalizer");
                t.setDaemon(true);
                return t;
              });
      e.setRemoveOnCancelPolicy(true);
      return e;
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
      executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }
  }
}
