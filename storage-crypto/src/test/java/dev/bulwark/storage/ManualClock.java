package dev.bulwark.storage;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A wall clock that moves only when a test says so. */
final class ManualClock implements InstantSource {
  private volatile Instant now;

  ManualClock(Instant start) {
    this.now = start;
  }

  ManualClock() {
    this(Instant.parse("2026-01-01T00:00:00.250Z"));
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
