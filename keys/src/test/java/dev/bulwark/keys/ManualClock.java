package dev.bulwark.keys;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A wall clock that moves only when told to, in milliseconds; thread-safe. */
public final class ManualClock implements InstantSource {
  /** 2026-01-01T00:00:00Z. */
  public static final long START_MILLIS = 1_767_225_600_000L;

  private final AtomicLong millis;

  public ManualClock() {
    this(START_MILLIS);
  }

  public ManualClock(long millis) {
    this.millis = new AtomicLong(millis);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  public void set(long newMillis) {
    millis.set(newMillis);
  }

  public void advance(Duration d) {
    millis.addAndGet(d.toMillis());
  }
}
