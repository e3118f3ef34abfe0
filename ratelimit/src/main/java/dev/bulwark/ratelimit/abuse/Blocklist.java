package dev.bulwark.ratelimit.abuse;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.KeyPrivacy;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.memory.MemoryBlocklistStore;
import dev.bulwark.ratelimit.spi.BlocklistStore;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * Temporary bans: a key {@linkplain #block blocked} for a TTL is {@linkplain #isBlocked blocked}
 * until exactly that TTL has passed on the store's clock, and never after. Blocking again never
 * shortens a ban.
 *
 * <p>State lives in a {@link BlocklistStore} ({@link MemoryBlocklistStore} for one process). With
 * {@link KeyPrivacy#hmacSha256(byte[])} the store sees only keyed hashes of the keys.
 *
 * <p><b>Errors.</b> A null key or a TTL outside {@code [1 ns, 366 days]} gets {@link
 * IllegalArgumentException} and stores nothing. If the store fails ({@link
 * RateLimitStoreException}), {@link #isBlocked} answers per {@link Builder#failClosed(boolean)} (by
 * default it fails open: a blocklist sits in front of limiters that still apply) and counts the
 * failure in {@link #storeFailures()}; {@link #block} and {@link #unblock} let the exception
 * through, since a ban silently not taken must not look taken.
 *
 * <p>This class is thread-safe; {@code toString()} shows no key.
 */
public final class Blocklist {

  private final BlocklistStore store;
  private final KeyPrivacy privacy;
  private final boolean failClosed;
  private final LongAdder storeFailures = new LongAdder();

  private Blocklist(Builder b) {
    this.store = b.store;
    this.privacy = b.privacy;
    this.failClosed = b.failClosed;
  }

  /** Returns a blocklist over its own {@link MemoryBlocklistStore} with the system ticker. */
  public static Blocklist inMemory() {
    return builder(MemoryBlocklistStore.create()).build();
  }

  /** Returns a builder over {@code store}. */
  public static Builder builder(BlocklistStore store) {
    return new Builder(store);
  }

  /**
   * Blocks {@code key} for at least {@code ttl}, keeping a longer ban already in place.
   *
   * @return the time until the key's ban ends
   * @throws IllegalArgumentException if {@code key} is null or {@code ttl} is not in {@code [1 ns,
   *     366 days]}; nothing is stored
   * @throws RateLimitStoreException if the store cannot answer
   */
  @CanIgnoreReturnValue
  public Duration block(RateLimitKey key, Duration ttl) {
    String storeKey = storeKey(key);
    requireArgument(ttl != null, "ttl must not be null");
    requireArgument(
        !ttl.isNegative() && !ttl.isZero() && ttl.compareTo(MAX_TTL) <= 0,
        "ttl must be between 1 ns and 366 days");
    return Duration.ofNanos(store.block(storeKey, ttl.toNanos()));
  }

  /**
   * Whether {@code key} is blocked now. If the store fails, answers {@code true} when failing
   * closed and {@code false} otherwise.
   *
   * @throws IllegalArgumentException if {@code key} is null
   */
  public boolean isBlocked(RateLimitKey key) {
    return remainingNanos(key) > 0;
  }

  /**
   * The time until {@code key}'s ban ends, or zero if it is not blocked. If the store fails: zero
   * when failing open, one second when failing closed.
   *
   * @throws IllegalArgumentException if {@code key} is null
   */
  public Duration remaining(RateLimitKey key) {
    return Duration.ofNanos(remainingNanos(key));
  }

  /** The asynchronous form of {@link #isBlocked}, for stores that do I/O. */
  public CompletionStage<Boolean> isBlockedAsync(RateLimitKey key) {
    String storeKey = storeKey(key);
    CompletionStage<Long> stage;
    try {
      stage = store.remainingNanosAsync(storeKey);
    } catch (RateLimitStoreException e) {
      stage = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    return stage.handle(
        (remaining, failure) -> {
          if (failure == null) {
            return remaining > 0;
          }
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          if (cause instanceof RateLimitStoreException) {
            return failedAnswer() > 0;
          }
          throw failure instanceof CompletionException
              ? (CompletionException) failure
              : new CompletionException(failure);
        });
  }

  /**
   * Lifts {@code key}'s ban.
   *
   * @return whether it was blocked
   * @throws IllegalArgumentException if {@code key} is null
   * @throws RateLimitStoreException if the store cannot answer
   */
  @CanIgnoreReturnValue
  public boolean unblock(RateLimitKey key) {
    return store.unblock(storeKey(key));
  }

  /** The number of store failures answered by the failure mode so far. */
  public long storeFailures() {
    return storeFailures.sum();
  }

  long remainingNanos(RateLimitKey key) {
    String storeKey = storeKey(key);
    try {
      return store.remainingNanos(storeKey);
    } catch (RateLimitStoreException e) {
      return failedAnswer();
    }
  }

  private long failedAnswer() {
    storeFailures.increment();
    return failClosed ? FAIL_CLOSED_RETRY_NANOS : 0;
  }

  private String storeKey(RateLimitKey key) {
    requireArgument(key != null, "key must not be null");
    return privacy.apply(key.canonical());
  }

  @Override
  public String toString() {
    return "Blocklist[" + privacy + (failClosed ? ", fail closed" : ", fail open") + "]";
  }

  private static final Duration MAX_TTL = Duration.ofNanos(BlocklistStore.MAX_TTL_NANOS);
  private static final long FAIL_CLOSED_RETRY_NANOS = 1_000_000_000L;

  /** Builds a {@link Blocklist}. */
  public static final class Builder {
    private final BlocklistStore store;
    private KeyPrivacy privacy = KeyPrivacy.none();
    private boolean failClosed;

    private Builder(BlocklistStore store) {
      this.store = requireNonNull(store, "store");
    }

    /** Sets how keys reach the store; {@link KeyPrivacy#none()} by default. */
    @CanIgnoreReturnValue
    public Builder keyPrivacy(KeyPrivacy privacy) {
      this.privacy = requireNonNull(privacy, "privacy");
      return this;
    }

    /**
     * Whether a failing store makes every key look blocked ({@code true}) or none ({@code false},
     * the default).
     */
    @CanIgnoreReturnValue
    public Builder failClosed(boolean failClosed) {
      this.failClosed = failClosed;
      return this;
    }

    /** Returns the blocklist. */
    public Blocklist build() {
      return new Blocklist(this);
    }
  }
}
