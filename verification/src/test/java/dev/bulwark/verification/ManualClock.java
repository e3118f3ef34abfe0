package dev.bulwark.verification;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock for tests: it moves only when told to. */
final class ManualClock implements InstantSource {
  private final AtomicLong millis;

  ManualClock(long epochMillis) {
    this.millis = new AtomicLong(epochMillis);
  }

  /** A clock at 2026-01-01T00:00:00Z. */
  static ManualClock fixed() {
    return new ManualClock(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
  }

  void advance(Duration d) {
    millis.addAndGet(d.toMillis());
  }

  void set(long epochMillis) {
    millis.set(epochMillis);
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }
}
