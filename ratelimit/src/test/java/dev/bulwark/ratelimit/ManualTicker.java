package dev.bulwark.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker that moves only when a test says so. */
final class ManualTicker implements Ticker {
  private final AtomicLong nanos;

  ManualTicker() {
    this(0);
  }

  ManualTicker(long start) {
    this.nanos = new AtomicLong(start);
  }

  @Override
  public long read() {
    return nanos.get();
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  void advanceNanos(long n) {
    nanos.addAndGet(n);
  }
}
