package dev.bulwark.testkit;

import java.util.concurrent.atomic.AtomicLong;

/** A manual clock that an operation advances by the time it "takes". */
final class ManualClock implements NanoClock {
  final AtomicLong now = new AtomicLong(-5_000_000_000L);

  @Override
  public long read() {
    return now.get();
  }
}
