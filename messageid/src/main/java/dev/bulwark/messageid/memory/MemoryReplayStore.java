package dev.bulwark.messageid.memory;

import static dev.bulwark.messageid.internal.Checks.requireInRange;
import static dev.bulwark.messageid.internal.Checks.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.messageid.MessageId;
import dev.bulwark.messageid.MessageOutcome;
import dev.bulwark.messageid.ReplayPolicy;
import dev.bulwark.messageid.ReplayScope;
import dev.bulwark.messageid.internal.ScopeState;
import dev.bulwark.messageid.spi.ReplayStore;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory {@link ReplayStore} for one process, on Caffeine. It never throws.
 *
 * <p><b>Scopes.</b> One entry per scope: the window's bitmap ({@code windowBits/64 + 1} longs,
 * created on the scope's first sequence number) and the newest accepted timestamp, under a lock per
 * scope. An entry expires once untouched for the policy's {@link ReplayPolicy#retention()} (plus 1
 * ms), when every message it could catch is too old anyway; so idle scopes vanish without ever
 * re-admitting a replay.
 *
 * <p><b>Seen IDs.</b> One entry per accepted random ID, keyed by (scope, ID), expiring at {@link
 * ReplayPolicy#forgetAfterMillis} of its timestamp through Caffeine's variable expiry (a
 * hierarchical timer wheel: time buckets that are dropped whole). So the set holds at most (rate of
 * accepted IDs) x (maxPast + maxFuture) entries, whatever the history.
 *
 * <p><b>Bounds.</b> {@link Builder#maximumScopes} and {@link Builder#maximumSeenIds} are hard caps
 * that fail closed: past them, new scopes and new IDs get {@link MessageOutcome#STORE_FULL}. The
 * store never evicts live state to make room, since a forgotten window or ID would re-admit
 * replays. The caps are checked against Caffeine's estimated size, so they can be overshot by the
 * number of concurrent inserts.
 *
 * <p><b>Time.</b> Expiry reads the injected {@link InstantSource}; use the same wall clock as the
 * guard's {@link dev.bulwark.messageid.ServerClock}. This class is thread-safe.
 */
public final class MemoryReplayStore implements ReplayStore {

  /** The default cap on live scopes. */
  public static final long DEFAULT_MAXIMUM_SCOPES = 1_000_000;

  /** The default cap on remembered IDs. */
  public static final long DEFAULT_MAXIMUM_SEEN_IDS = 10_000_000;

  private final long maximumScopes;
  private final long maximumSeenIds;
  private final Cache<ReplayScope, ScopeState> scopes;
  private final Cache<SeenKey, Long> seen;

  private MemoryReplayStore(Builder b) {
    this.maximumScopes = b.maximumScopes;
    this.maximumSeenIds = b.maximumSeenIds;
    this.scopes = newCache(b, new ScopeExpiry());
    this.seen = newCache(b, new SeenExpiry());
  }

  /** A cache on the builder's wall clock (as Caffeine's nanosecond ticker) and executor. */
  private static <K, V> Cache<K, V> newCache(Builder b, Expiry<K, V> expiry) {
    InstantSource clock = b.clock;
    return Caffeine.newBuilder()
        .ticker(() -> clock.millis() * 1_000_000L)
        .executor(b.executor)
        .expireAfter(expiry)
        .build();
  }

  /** Returns a store on the system clock with the default caps. */
  public static MemoryReplayStore create() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public MessageOutcome checkSequence(
      ReplayScope scope, long sequence, long clientMillis, ReplayPolicy policy) {
    ScopeState state = scopes.getIfPresent(scope);
    if (state == null) {
      if (sequence < 0) {
        return MessageOutcome.INVALID_SEQUENCE;
      }
      return scopesFull() ? MessageOutcome.STORE_FULL : MessageOutcome.ACCEPTED;
    }
    return state.checkSequence(sequence, clientMillis, policy);
  }

  @Override
  public MessageOutcome commitSequence(
      ReplayScope scope, long sequence, long clientMillis, ReplayPolicy policy) {
    if (sequence < 0) {
      return MessageOutcome.INVALID_SEQUENCE;
    }
    ScopeState state = stateForWrite(scope, policy);
    return state == null
        ? MessageOutcome.STORE_FULL
        : state.commitSequence(sequence, clientMillis, policy);
  }

  @Override
  public MessageOutcome checkId(
      ReplayScope scope, MessageId id, long clientMillis, ReplayPolicy policy) {
    if (seen.getIfPresent(SeenKey.of(scope, id)) != null) {
      return MessageOutcome.DUPLICATE;
    }
    ScopeState state = scopes.getIfPresent(scope);
    if (state != null && state.isOutOfOrder(clientMillis, policy)) {
      return MessageOutcome.OUT_OF_ORDER;
    }
    boolean full = (state == null && scopesFull()) || seenFull();
    return full ? MessageOutcome.STORE_FULL : MessageOutcome.ACCEPTED;
  }

  @Override
  public MessageOutcome commitId(
      ReplayScope scope, MessageId id, long clientMillis, ReplayPolicy policy) {
    if (seen.getIfPresent(SeenKey.of(scope, id)) != null) {
      return MessageOutcome.DUPLICATE;
    }
    ScopeState state = scopes.getIfPresent(scope);
    if (state == null) {
      // A new scope has no ordering to check yet; room is checked before it is created, so that
      // a refusal leaves no empty scope behind.
      state = seenFull() ? null : stateForWrite(scope, policy);
      if (state == null) {
        return MessageOutcome.STORE_FULL;
      }
    }
    SeenKey key = SeenKey.of(state.scope(), id);
    long forgetAfter = policy.forgetAfterMillis(clientMillis);
    return state.commitId(
        clientMillis,
        policy,
        () -> {
          if (seenFull()) {
            return MessageOutcome.STORE_FULL;
          }
          // putIfAbsent is the atomic test-and-set: of two racing inserts exactly one wins.
          Long previous = seen.asMap().putIfAbsent(key, forgetAfter);
          return previous == null ? MessageOutcome.ACCEPTED : MessageOutcome.DUPLICATE;
        });
  }

  @Override
  public void invalidate(ReplayScope scope) {
    scopes.invalidate(requireNonNull(scope, "scope"));
  }

  /** The approximate number of live scopes. */
  public long estimatedScopeCount() {
    return scopes.estimatedSize();
  }

  /** The approximate number of remembered IDs. */
  public long estimatedSeenIdCount() {
    return seen.estimatedSize();
  }

  /** Performs pending maintenance (expiry) now rather than on a later access. */
  public void cleanUp() {
    scopes.cleanUp();
    seen.cleanUp();
  }

  private @Nullable ScopeState stateForWrite(ReplayScope scope, ReplayPolicy policy) {
    ScopeState state = scopes.getIfPresent(scope);
    if (state != null) {
      return state;
    }
    if (scopesFull()) {
      return null;
    }
    return scopes.get(scope, s -> new ScopeState(s, policy));
  }

  private boolean scopesFull() {
    return scopes.estimatedSize() >= maximumScopes;
  }

  private boolean seenFull() {
    return seen.estimatedSize() >= maximumSeenIds;
  }

  @Override
  public String toString() {
    return "MemoryReplayStore[scopes~"
        + estimatedScopeCount()
        + ", seenIds~"
        + estimatedSeenIdCount()
        + "]";
  }

  /** A remembered ID in its scope; 32 bytes with compressed references. */
  private static final class SeenKey {
    final ReplayScope scope;
    final long msb;
    final long lsb;

    private SeenKey(ReplayScope scope, long msb, long lsb) {
      this.scope = scope;
      this.msb = msb;
      this.lsb = lsb;
    }

    static SeenKey of(ReplayScope scope, MessageId id) {
      return new SeenKey(
          requireNonNull(scope, "scope"), id.mostSignificantBits(), id.leastSignificantBits());
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof SeenKey)) {
        return false;
      }
      SeenKey k = (SeenKey) o;
      return msb == k.msb && lsb == k.lsb && scope.equals(k.scope);
    }

    @Override
    public int hashCode() {
      return 31 * scope.hashCode() + Long.hashCode(msb ^ (lsb * 0x9E3779B97F4A7C15L));
    }
  }

  /** Scope entries live for their state's retention after every access. */
  private static final class ScopeExpiry implements Expiry<ReplayScope, ScopeState> {
    @Override
    public long expireAfterCreate(ReplayScope key, ScopeState value, long currentTime) {
      return value.keepNanos();
    }

    @Override
    public long expireAfterUpdate(
        ReplayScope key, ScopeState value, long currentTime, long currentDuration) {
      return value.keepNanos();
    }

    @Override
    public long expireAfterRead(
        ReplayScope key, ScopeState value, long currentTime, long currentDuration) {
      return value.keepNanos();
    }
  }

  /** A seen ID lives until the instant its timestamp becomes too old; reads do not extend it. */
  private static final class SeenExpiry implements Expiry<SeenKey, Long> {
    @Override
    public long expireAfterCreate(SeenKey key, Long forgetAfterMillis, long currentTime) {
      return Math.max(0, forgetAfterMillis * 1_000_000L - currentTime);
    }

    @Override
    public long expireAfterUpdate(
        SeenKey key, Long forgetAfterMillis, long currentTime, long currentDuration) {
      return currentDuration;
    }

    @Override
    public long expireAfterRead(
        SeenKey key, Long forgetAfterMillis, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }

  /** Builds a {@link MemoryReplayStore}. */
  public static final class Builder {
    private InstantSource clock = InstantSource.system();
    private long maximumScopes = DEFAULT_MAXIMUM_SCOPES;
    private long maximumSeenIds = DEFAULT_MAXIMUM_SEEN_IDS;
    private Executor executor = ForkJoinPool.commonPool();

    private Builder() {}

    /** Sets the wall clock expiry reads; {@link InstantSource#system()} by default. */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the cap on live scopes, from 1 to 2<sup>40</sup>; 1,000,000 by default. */
    @CanIgnoreReturnValue
    public Builder maximumScopes(long maximum) {
      this.maximumScopes = requireInRange("maximumScopes", maximum, 1, 1L << 40);
      return this;
    }

    /** Sets the cap on remembered IDs, from 1 to 2<sup>40</sup>; 10,000,000 by default. */
    @CanIgnoreReturnValue
    public Builder maximumSeenIds(long maximum) {
      this.maximumSeenIds = requireInRange("maximumSeenIds", maximum, 1, 1L << 40);
      return this;
    }

    /**
     * Sets the executor for Caffeine's maintenance; the common fork-join pool by default. Tests
     * pass {@code Runnable::run} for determinism.
     */
    @CanIgnoreReturnValue
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /** Returns the store. */
    public MemoryReplayStore build() {
      return new MemoryReplayStore(this);
    }
  }
}
