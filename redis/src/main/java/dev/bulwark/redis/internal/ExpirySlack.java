package dev.bulwark.redis.internal;

import static dev.bulwark.redis.internal.Checks.requireArgument;
import static dev.bulwark.redis.internal.Checks.requireInRange;

import java.time.Duration;

/**
 * The rule for the expiry slack of the stores that keep a record until a time the caller names: how
 * much longer than needed Redis keeps the key, to absorb the difference between the servers' clocks
 * and Redis's.
 */
public final class ExpirySlack {
  private ExpirySlack() {}

  /**
   * Returns {@code slack} if it is from 0 to 1 hour in whole milliseconds.
   *
   * @throws IllegalArgumentException otherwise, naming the rule and the value
   */
  public static Duration check(Duration slack) {
    requireInRange("expirySlack", slack, Duration.ZERO, Duration.ofHours(1));
    requireArgument(
        slack.toNanos() % 1_000_000 == 0, "expirySlack must be whole milliseconds, got %s", slack);
    return slack;
  }
}
