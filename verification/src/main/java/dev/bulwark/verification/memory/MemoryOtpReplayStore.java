package dev.bulwark.verification.memory;

import static dev.bulwark.verification.internal.Checks.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.verification.internal.CaffeineTime;
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
 * evicting a live record would let a code be accepted twice.
 *
 * <p><b>The hot path.</b> A {@link #tryAdvance} on a known credential reads the cell without
 * side effects on Caffeine's policy and takes the cell's own monitor; it allocates nothing. Only
 * when the retention outgrows the scheduled expiry does it reschedule, inside Caffeine's atomic
 * {@code compute}, which also proves that the cell is still the live one; a cell that expired or
 * was forgotten in the meantime is retired and the call starts again on a fresh cell, so an advance
 * is never lost.
 *
 * <p>Not durable: a restart forgets every record, which re-opens the window of the codes accepted
 * in the last minute (TOTP) and resets HOTP counters. Production HOTP needs a persistent store.
 *
 * <p>This class is thread-safe.
 */
public final class MemoryOtpReplayStore implements OtpReplayStore {
  /**
   * How much longer than needed a record's expiry is scheduled, so that most advances need not
   * reschedule it.
   */
  private static final long RESCHEDULE_SLACK_MILLIS = TimeUnit.MINUTES.toMillis(5);

  private final InstantSource clock;
  private final Cache<String, Cell> cells;
  private final Policy<String, Cell> policy;

  private MemoryOtpReplayStore(Builder b) {
    this.clock = b.clock;
    this.cells =
        Caffeine.newBuilder()
            .ticker(CaffeineTime.ticker(b.clock))
            .executor(b.executor)
            .expireAfter(new CellExpiry())
            .evictionListener(
                (String k, Cell v, RemovalCause cause) -> {
                  if (v != null) {
                    v.retire();
                  }
                })
            .build();
    this.policy = cells.policy();
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
    requireNonNull(credentialId, "credentialId");
    for (; ; ) {
      Cell cell = policy.getIfPresentQuietly(credentialId);
      if (cell == null) {
        cell = cells.get(credentialId, id -> new Cell());
      }
      int outcome = cell.advance(value, retainUntilEpochMillis);
      if (outcome == Cell.STALE) {
        return false;
      }
      if (outcome == Cell.ADVANCED) {
        return true;
      }
      if (outcome == Cell.RESCHEDULE) {
        // Recomputing the entry makes Caffeine re-read the cell's retention (expireAfterUpdate),
        // atomically with checking that this cell is still the live entry for the key.
        Cell live = cells.asMap().computeIfPresent(credentialId, (id, current) -> current);
        if (live == cell) {
          cell.confirmSchedule();
          return true;
        }
      }
      cell.retire(); // expired, evicted or forgotten under us: start again on a fresh cell
    }
  }

  @Override
  public long lastAccepted(String credentialId) {
    Cell cell = policy.getIfPresentQuietly(requireNonNull(credentialId, "credentialId"));
    return cell == null ? NONE : cell.last();
  }

  @Override
  public void forget(String credentialId) {
    cells
        .asMap()
        .computeIfPresent(
            credentialId,
            (k, cell) -> {
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

  /** One credential's record. Guarded by its own monitor. */
  static final class Cell {
    static final int ADVANCED = 0;
    static final int STALE = 1;
    static final int RESCHEDULE = 2;
    static final int RETIRED = 3;

    private long last = NONE;
    /** The longest retention any accepted value asked for (epoch ms). */
    private long retainUntil = Long.MIN_VALUE;
    /** The expiry to schedule next: retention plus slack (epoch ms). */
    private long target = Long.MIN_VALUE;
    /** An expiry known to be scheduled on the live entry (epoch ms). */
    private long confirmedUntil = Long.MIN_VALUE;
    private boolean retired;

    /**
     * Raises the last accepted value. {@link #ADVANCED} if the scheduled expiry already covers the
     * retention; {@link #RESCHEDULE} if the caller must reschedule and confirm before reporting
     * success; {@link #STALE} for a value at or below the last; {@link #RETIRED} if the cell left
     * the cache.
     */
    synchronized int advance(long value, long retainUntilMillis) {
      if (retired) {
        return RETIRED;
      }
      if (last != NONE && value <= last) {
        return STALE;
      }
      last = value;
      if (retainUntilMillis > retainUntil) {
        retainUntil = retainUntilMillis;
        target =
            retainUntil > Long.MAX_VALUE - RESCHEDULE_SLACK_MILLIS
                ? Long.MAX_VALUE
                : retainUntil + RESCHEDULE_SLACK_MILLIS;
      }
      return retainUntil <= confirmedUntil ? ADVANCED : RESCHEDULE;
    }

    /** The expiry Caffeine should schedule now (epoch ms). */
    synchronized long target() {
      return target;
    }

    /** Records that {@link #target} was scheduled on the live entry (it only grows). */
    synchronized void confirmSchedule() {
      confirmedUntil = Math.max(confirmedUntil, target);
    }

    synchronized long last() {
      return retired ? NONE : last;
    }

    synchronized void retire() {
      retired = true;
    }
  }

  /** Expires each cell at its target; reads leave the expiry alone. */
  private final class CellExpiry implements Expiry<String, Cell> {
    /** A new cell lives this long before its first advance schedules it. */
    private static final long NEW_CELL_NANOS = 60_000_000_000L;

    private long remaining(Cell cell) {
      long until = cell.target();
      if (until == Long.MIN_VALUE) {
        return NEW_CELL_NANOS;
      }
      return CaffeineTime.nanosUntil(until, clock);
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
      return currentDuration;
    }
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
