package dev.bulwark.ratelimit.spi;

import dev.bulwark.ratelimit.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The manual clock of the store contracts: it moves only when a test says so, and is read by the
 * store under test either as a {@link Ticker} (in-memory stores) or as an {@link InstantSource}
 * (stores that take wall time, such as Redis stores with a caller clock). Both views move together.
 */
public final class ContractClock {
  /** Where the wall-time view starts. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** Where the ticker view starts: an arbitrary value, since only differences mean anything. */
  private static final long TICKER_START = 7_000_000_000L;

  private final AtomicLong elapsed = new AtomicLong();

  /** The clock as a nanosecond ticker. */
  public Ticker ticker() {
    return () -> TICKER_START + elapsed.get();
  }

  /** The clock as wall time. */
  public InstantSource instantSource() {
    return () -> START.plusNanos(elapsed.get());
  }

  /** Moves the clock forward by {@code d}. */
  public void advance(Duration d) {
    advanceNanos(d.toNanos());
  }

  /** Moves the clock forward by {@code nanos}. */
  public void advanceNanos(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("a contract clock never goes back");
    }
    elapsed.addAndGet(nanos);
  }
}
