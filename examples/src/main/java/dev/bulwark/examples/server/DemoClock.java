package dev.bulwark.examples.server;

import dev.bulwark.ratelimit.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one clock every module of the demo server reads (rate limits, lockouts, codes, TOTP, replay
 * windows, storage expiry). In a simulation it stands still until the attacker {@linkplain #advance
 * advances} it, so that an hour of attack is simulated honestly in seconds; with {@link
 * #followingRealTime()} it follows the machine's clock, for a server tried by hand.
 */
public final class DemoClock implements InstantSource {
  /** Where simulated time starts. */
  public static final Instant START = Instant.parse("2026-01-01T12:00:00Z");

  private final AtomicLong simulatedNanos = new AtomicLong();
  private final Instant origin;
  private final long realOrigin;
  private final boolean realTime;

  private DemoClock(boolean realTime) {
    this.realTime = realTime;
    this.origin = realTime ? Instant.now() : START;
    this.realOrigin = System.nanoTime();
  }

  /** A clock that moves only when {@link #advance} is called. */
  public static DemoClock simulated() {
    return new DemoClock(false);
  }

  /** A clock that starts at the machine's time now and follows its monotonic clock. */
  public static DemoClock followingRealTime() {
    return new DemoClock(true);
  }

  /** Nanoseconds since the clock's origin ({@link #START} for a simulated clock). */
  public long nanos() {
    return realTime ? System.nanoTime() - realOrigin : simulatedNanos.get();
  }

  /** Moves simulated time forward. */
  public void advance(Duration duration) {
    if (realTime) {
      throw new IllegalStateException("a real-time clock cannot be advanced");
    }
    simulatedNanos.addAndGet(duration.toNanos());
  }

  /** The clock as the rate-limit module's ticker. */
  public Ticker ticker() {
    return this::nanos;
  }

  @Override
  public Instant instant() {
    return origin.plusNanos(nanos());
  }

  @Override
  public long millis() {
    return origin.toEpochMilli() + nanos() / 1_000_000;
  }
}
