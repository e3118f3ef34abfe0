package dev.bulwark.redis.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

/**
 * Where the lockout and blocklist scripts read time: the Redis server's {@code TIME} (the default,
 * so that every application instance agrees), or a clock the caller supplies (for tests with a
 * manual clock). Time travels to the scripts in whole microseconds since the epoch, {@code TIME}'s
 * resolution, which Lua's double-precision numbers hold exactly.
 *
 * <p>With a caller clock, Redis still expires keys by its own clock; the scripts then keep each key
 * {@link #CALLER_CLOCK_EXPIRY_GRACE} longer than the caller's clock requires, so that a manual
 * clock that stands still for a while does not see its state vanish. Their answers are decided by
 * the caller's clock alone.
 */
public final class AbuseStoreTime {
  /** How much longer than needed a key lives in Redis when time comes from the caller. */
  public static final Duration CALLER_CLOCK_EXPIRY_GRACE = Duration.ofMinutes(10);

  /** The script argument that means "read the server's TIME". */
  private static final byte[] SERVER_TIME = Calls.arg(-1);

  private static final byte[] NO_GRACE = Calls.arg(0);

  /**
   * The latest second a caller clock may read: its microseconds plus a year's lock and a year's
   * decay stay below 2<sup>53</sup>, which Lua's doubles hold exactly.
   */
  private static final long MAX_EPOCH_SECOND =
      Instant.parse("2250-01-01T00:00:00Z").getEpochSecond();

  private final @Nullable InstantSource clock;
  private final byte[] graceMillis;

  private AbuseStoreTime(@Nullable InstantSource clock) {
    this.clock = clock;
    this.graceMillis = clock == null ? NO_GRACE : Calls.arg(CALLER_CLOCK_EXPIRY_GRACE.toMillis());
  }

  /** Time from the Redis server's {@code TIME}. */
  public static AbuseStoreTime server() {
    return new AbuseStoreTime(null);
  }

  /** Time from {@code clock}. */
  public static AbuseStoreTime caller(InstantSource clock) {
    return new AbuseStoreTime(Checks.requireNonNull(clock, "clock"));
  }

  /** Whether time comes from the server. */
  public boolean isServerTime() {
    return clock == null;
  }

  /**
   * The "now" argument of a script: {@code -1} for the server's TIME, else the caller clock's
   * microseconds since the epoch.
   *
   * @throws IllegalStateException if the caller's clock reads before 1970 or after 2249
   */
  public byte[] nowArg() {
    InstantSource source = clock;
    if (source == null) {
      return SERVER_TIME;
    }
    Instant now = source.instant();
    long seconds = now.getEpochSecond();
    if (seconds < 0 || seconds >= MAX_EPOCH_SECOND) {
      throw new IllegalStateException("the store's clock reads outside the years 1970 to 2249");
    }
    return Calls.arg(seconds * 1_000_000 + now.getNano() / 1_000);
  }

  /** The "extra expiry" argument of a script, in milliseconds: 0 with server time. */
  public byte[] graceArg() {
    return graceMillis;
  }

  /** {@code nanos} in whole microseconds, rounded up. */
  public static long ceilMicros(long nanos) {
    return -Math.floorDiv(-nanos, 1_000);
  }

  @Override
  public String toString() {
    return clock == null ? "server TIME" : "caller clock";
  }
}
