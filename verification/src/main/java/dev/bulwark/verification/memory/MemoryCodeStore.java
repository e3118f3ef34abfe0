package dev.bulwark.verification.memory;

import static dev.bulwark.verification.internal.Checks.requireInRange;
import static dev.bulwark.verification.internal.Checks.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.verification.CodeVerification;
import dev.bulwark.verification.OneTimeCodePolicy;
import dev.bulwark.verification.internal.CaffeineTime;
import dev.bulwark.verification.spi.CodeStore;
import dev.bulwark.verification.spi.ResendOutcome;
import dev.bulwark.verification.spi.StoredCode;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory {@link CodeStore} for one process, on Caffeine. It never fails.
 *
 * <p>Each session is one immutable {@link StoredCode} that expires with the session (per-entry
 * expiry). Attempts and resends run inside Caffeine's atomic {@code compute} for the session's key,
 * so they are linearizable per session.
 *
 * <p><b>The bound.</b> At most {@link Builder#maximumSessions} sessions are kept; past it Caffeine
 * evicts one, preferring rarely used ones. An evicted session answers {@code NOT_FOUND}, which
 * only ever makes verification stricter; {@link #evictionCount()} counts such evictions.
 *
 * <p>This class is thread-safe.
 */
public final class MemoryCodeStore implements CodeStore {
  /** The default bound on sessions. */
  public static final long DEFAULT_MAXIMUM_SESSIONS = 1_000_000;

  private final InstantSource clock;
  private final Cache<String, StoredCode> sessions;
  private final LongAdder evictions = new LongAdder();

  private MemoryCodeStore(Builder b) {
    this.clock = b.clock;
    this.sessions =
        Caffeine.newBuilder()
            .ticker(CaffeineTime.ticker(b.clock))
            .executor(b.executor)
            .maximumSize(b.maximumSessions)
            .expireAfter(new SessionExpiry())
            .removalListener(
                (String k, StoredCode v, RemovalCause cause) -> {
                  if (cause == RemovalCause.SIZE) {
                    evictions.increment();
                  }
                })
            .build();
  }

  /** Returns a store on the system clock with the default bound. */
  public static MemoryCodeStore create() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean create(String sessionId, StoredCode session) {
    requireNonNull(sessionId, "sessionId");
    requireNonNull(session, "session");
    return sessions.asMap().putIfAbsent(sessionId, session) == null;
  }

  @Override
  public ResendOutcome resend(
      String sessionId, byte[] bindingHash, byte[] newCodeHash, long nowMillis, OneTimeCodePolicy policy) {
    ResendOutcome[] out = {ResendOutcome.notFound()};
    sessions
        .asMap()
        .computeIfPresent(
            sessionId,
            (id, current) -> {
              StoredCode.Transition<ResendOutcome> t =
                  current.resend(bindingHash, newCodeHash, nowMillis, policy);
              out[0] = t.result();
              return t.next();
            });
    return out[0];
  }

  @Override
  public CodeVerification attempt(String sessionId, byte[] candidateHash, long nowMillis) {
    CodeVerification[] out = {CodeVerification.notFound()};
    sessions
        .asMap()
        .computeIfPresent(
            sessionId,
            (id, current) -> {
              StoredCode.Transition<CodeVerification> t = current.attempt(candidateHash, nowMillis);
              out[0] = t.result();
              return t.next();
            });
    return out[0];
  }

  @Override
  public void delete(String sessionId) {
    sessions.invalidate(sessionId);
  }

  /** The approximate number of sessions held. */
  public long estimatedSize() {
    return sessions.estimatedSize();
  }

  /** The number of sessions evicted because the bound was reached (not counting expiry). */
  public long evictionCount() {
    return evictions.sum();
  }

  /** Performs pending maintenance (expiry, eviction) now rather than on a later access. */
  public void cleanUp() {
    sessions.cleanUp();
  }

  /** Each session expires at its own end. */
  private final class SessionExpiry implements Expiry<String, StoredCode> {
    private long remaining(StoredCode value) {
      return CaffeineTime.nanosUntil(value.sessionExpiresAtMillis(), clock);
    }

    @Override
    public long expireAfterCreate(String key, StoredCode value, long currentTime) {
      return remaining(value);
    }

    @Override
    public long expireAfterUpdate(
        String key, StoredCode value, long currentTime, long currentDuration) {
      return remaining(value);
    }

    @Override
    public long expireAfterRead(String key, StoredCode value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }

  /** Builds a {@link MemoryCodeStore}. */
  public static final class Builder {
    private InstantSource clock = InstantSource.system();
    private long maximumSessions = DEFAULT_MAXIMUM_SESSIONS;
    private Executor executor = ForkJoinPool.commonPool();

    private Builder() {}

    /** Sets the clock for expiry; the system clock by default. Use the service's clock. */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the most sessions kept, 1 to 2<sup>40</sup>; one million by default. */
    @CanIgnoreReturnValue
    public Builder maximumSessions(long maximum) {
      this.maximumSessions = requireInRange("maximumSessions", maximum, 1, 1L << 40);
      return this;
    }

    /** Sets the executor for Caffeine's maintenance; the common pool by default. */
    @CanIgnoreReturnValue
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /** Returns the store. */
    public MemoryCodeStore build() {
      return new MemoryCodeStore(this);
    }
  }
}
