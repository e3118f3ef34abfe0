package dev.bulwark.verification.memory;

import static dev.bulwark.verification.internal.Checks.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.verification.spi.OtpReplayStore;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory {@link OtpReplayStore} for one process, on Caffeine with per-entry expiry. It never
 * fails.
 *
 * <p>Each credential has one small cell (its last accepted value and retention time) that expires
 * at its retention time, scheduled with a few minutes of slack so that steady use rarely has to
 * reschedule it: TOTP records vanish within minutes of their last use, while HOTP counters
 * (retained forever) stay until {@link #forget}. The store is not bounded by size on purpose:
 * evicting a live record would let a code be accepted twice. A {@link #tryAdvance} on a known credential is lock-free apart from the cell's own monitor
 * and allocates nothing.
 *
 * <p>Not durable: a restart forgets every record, which re-opens the window of the codes accepted
 * in the last minute (TOTP) and resets HOTP counters. Production HOTP needs a persistent store.
 *
 * <p>This class is thread-safe.
 */
public final class MemoryOtpReplayStore implements OtpReplayStore {
  /**
   * Every read grants a cell at least this long before expiry, so a cell found by a read cannot
   * expire before the write that follows it has extended its retention.
   */
  private static final long GRACE_NANOS = TimeUnit.MINUTES.toNanos(1);

  /**
   * How much longer than needed a record's expiry is scheduled, so that most advances need not
   * reschedule it.
   */
  private static final long RESCHEDULE_SLACK_MILLIS = TimeUnit.MINUTES.toMillis(5);

  private final InstantSource clock;
  private final Cache<String, Cell> cells;
  private final Policy.VarExpiration<String, Cell> expiration;

  private MemoryOtpReplayStore(Builder b) {
    this.clock = b.clock;
    this.cells =
        Caffeine.newBuilder()
            .ticker(millisTicker(b.clock))
            .executor(b.executor)
            .expireAfter(new CellExpiry(clock))
            .evictionListener((String k, Cell v, com.github.benmanes.caffeine.cache.RemovalCause c) -> {
              if (v != null) {
                v.retire();
              }
            })
            .build();
    this.expiration = cells.policy().expireVariably().orElseThrow();
  }

  /** Returns a store on the system clock. */
  public static MemoryOtpReplayStore create() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean tryAdvance(String credentialId, long value, long retainUntilEpochMillis) {
    for (; ; ) {
      Cell cell = cells.getIfPresent(credentialId);
      if (cell == null) {
        cell = cells.get(credentialId, id -> new Cell());
      }
      long scheduleUntil = cell.advance(value, retainUntilEpochMillis);
      if (scheduleUntil == Cell.RETIRED) {
        continue; // expired or forgotten between the read and the write: start again
      }
      if (scheduleUntil == Cell.STALE) {
        return false;
      }
      if (scheduleUntil != Cell.ADVANCED) {
        // the retention outgrew the expiry scheduled last time: push it out, with slack, so that
        // a credential in steady use reschedules only once every few minutes
        expiration.setExpiresAfter(credentialId, remainingNanos(scheduleUntil), TimeUnit.NANOSECONDS);
      }
      return true;
    }
  }

  @Override
  public long lastAccepted(String credentialId) {
    Cell cell = cells.getIfPresent(credentialId);
    return cell == null ? NONE : cell.last();
  }

  @Override
  public void forget(String credentialId) {
    cells.asMap().computeIfPresent(credentialId, (k, cell) -> {
      cell.retire();
      return null;
    });
  }

  /** The approximate number of credentials with a record. */
  public long estimatedSize() {
    return cells.estimatedSize();
  }

  /** Performs pending maintenance (expiry) now rather than on a later access. */
  public void cleanUp() {
    cells.cleanUp();
  }

  private long remainingNanos(long retainUntilMillis) {
    if (retainUntilMillis == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    long millis = retainUntilMillis - clock.millis();
    return millis <= 0 ? 0 : (millis >= Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : millis * 1_000_000L);
  }

  /** One credential's record. Guarded by its own monitor. */
  static final class Cell {
    /** {@link #advance} result: advanced, and the scheduled expiry already covers the retention. */
    static final long ADVANCED = Long.MIN_VALUE;
    /** {@link #advance} result: the value was at or below the last accepted one. */
    static final long STALE = Long.MIN_VALUE + 1;
    /** {@link #advance} result: the cell left the cache; retry with a fresh one. */
    static final long RETIRED = Long.MIN_VALUE + 2;

    private long last = NONE;
    private long retainUntil = Long.MIN_VALUE;
    private long scheduledUntil = Long.MIN_VALUE;
    private boolean retired;

    /**
     * Raises the last accepted value; returns {@link #ADVANCED}, {@link #STALE}, {@link #RETIRED},
     * or the new expiry (epoch ms) to schedule when the retention outgrew the scheduled one.
     */
    synchronized long advance(long value, long retainUntilMillis) {
      if (retired) {
        return RETIRED;
      }
      if (last != NONE && value <= last) {
        return STALE;
      }
      last = value;
      retainUntil = Math.max(retainUntil, retainUntilMillis);
      if (retainUntil <= scheduledUntil) {
        return ADVANCED;
      }
      scheduledUntil =
          retainUntil > Long.MAX_VALUE - RESCHEDULE_SLACK_MILLIS ? Long.MAX_VALUE : retainUntil + RESCHEDULE_SLACK_MILLIS;
      return scheduledUntil;
    }

    synchronized long last() {
      return retired ? NONE : last;
    }

    synchronized long retainUntil() {
      return retainUntil;
    }

    synchronized void retire() {
      retired = true;
    }
  }

  /** Expires each cell at its retention time, never sooner than the grace after a read. */
  private static final class CellExpiry implements Expiry<String, Cell> {
    private final InstantSource clock;

    CellExpiry(InstantSource clock) {
      this.clock = clock;
    }

    private long remaining(Cell cell) {
      long until = cell.retainUntil();
      if (until == Long.MAX_VALUE) {
        return Long.MAX_VALUE;
      }
      if (until == Long.MIN_VALUE) {
        return GRACE_NANOS;
      }
      long millis = until - clock.millis();
      long nanos = millis <= 0 ? 0 : (millis >= Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : millis * 1_000_000L);
      return Math.max(GRACE_NANOS, nanos);
    }

    @Override
    public long expireAfterCreate(String key, Cell value, long currentTime) {
      return remaining(value);
    }

    @Override
    public long expireAfterUpdate(String key, Cell value, long currentTime, long currentDuration) {
      return remaining(value);
    }

    @Override
    public long expireAfterRead(String key, Cell value, long currentTime, long currentDuration) {
      return Math.max(currentDuration, GRACE_NANOS);
    }
  }

  /**
   * Caffeine's ticker from the clock: nanoseconds since the store was built, so only differences
   * matter and the product cannot overflow for centuries either way.
   */
  private static com.github.benmanes.caffeine.cache.Ticker millisTicker(InstantSource clock) {
    long base = clock.millis();
    return () -> (clock.millis() - base) * 1_000_000L;
  }

  /** Builds a {@link MemoryOtpReplayStore}. */
  public static final class Builder {
    private InstantSource clock = InstantSource.system();
    private Executor executor = ForkJoinPool.commonPool();

    private Builder() {}

    /** Sets the clock for retention; the system clock by default. Use the verifier's clock. */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the executor for Caffeine's maintenance; the common pool by default. */
    @CanIgnoreReturnValue
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /** Returns the store. */
    public MemoryOtpReplayStore build() {
      return new MemoryOtpReplayStore(this);
    }
  }
}
