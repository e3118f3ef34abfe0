package dev.bulwark.verification.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.InstantSource;

/** Time conversions between a store's {@link InstantSource} and Caffeine's nanosecond ticker. */
public final class CaffeineTime {
  private CaffeineTime() {}

  /**
   * Caffeine's ticker from the clock: nanoseconds since this call, so only differences matter and
   * the product cannot overflow for centuries either way.
   */
  public static Ticker ticker(InstantSource clock) {
    long base = clock.millis();
    return () -> (clock.millis() - base) * 1_000_000L;
  }

  /**
   * Nanoseconds from now until the epoch millisecond {@code untilMillis}: 0 if it has passed,
   * {@link Long#MAX_VALUE} for {@code Long.MAX_VALUE} or anything too far to count in nanoseconds.
   */
  public static long nanosUntil(long untilMillis, InstantSource clock) {
    if (untilMillis == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    long millis = untilMillis - clock.millis();
    if (millis <= 0) {
      return 0;
    }
    return millis >= Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : millis * 1_000_000L;
  }
}
