package dev.bulwark.ratelimit.memory;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.bulwark.ratelimit.Ticker;
import dev.bulwark.ratelimit.spi.ChallengeStore;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory {@link ChallengeStore} on Caffeine, each entry expiring after its own time to live.
 * Bounded: past {@code maximumEntries}, Caffeine evicts; an evicted "used" mark could let a token
 * be used again before it expires, so size the bound above the tokens issued within one token
 * lifetime (the default, 1,000,000, covers over 3,000 challenges a second for five minutes).
 * Thread-safe.
 */
public final class MemoryChallengeStore implements ChallengeStore {

  /** The default bound on entries. */
  public static final long DEFAULT_MAXIMUM_ENTRIES = 1_000_000;

  private static final byte[] USED = new byte[0];

  private final Cache<String, Entry> entries;

  private MemoryChallengeStore(Ticker ticker, long maximumEntries) {
    this.entries =
        Caffeine.newBuilder()
            .ticker(ticker::read)
            .maximumSize(maximumEntries)
            .expireAfter(new EntryExpiry())
            .build();
  }

  /** Returns a store with the system ticker and the default bound. */
  public static MemoryChallengeStore create() {
    return create(Ticker.system(), DEFAULT_MAXIMUM_ENTRIES);
  }

  /**
   * Returns a store reading time from {@code ticker} and keeping at most {@code maximumEntries}.
   */
  public static MemoryChallengeStore create(Ticker ticker, long maximumEntries) {
    requireNonNull(ticker, "ticker");
    requireInRange("maximumEntries", maximumEntries, 1, 1L << 40);
    return new MemoryChallengeStore(ticker, maximumEntries);
  }

  @Override
  public boolean markUsed(String id, Duration ttl) {
    return entries.asMap().putIfAbsent(id, new Entry(USED, ttlNanos(ttl))) == null;
  }

  @Override
  public void put(String id, byte[] digest, Duration ttl) {
    entries.put(id, new Entry(digest.clone(), ttlNanos(ttl)));
  }

  @Override
  public byte @Nullable [] take(String id) {
    Entry e = entries.asMap().remove(id);
    return e == null || e.value == USED ? null : e.value;
  }

  private static long ttlNanos(Duration ttl) {
    requireNonNull(ttl, "ttl");
    requireArgument(
        ttl.compareTo(Duration.ofNanos(1)) >= 0 && ttl.compareTo(MAX_TTL) <= 0,
        "ttl must be between %s and %s, got %s",
        Duration.ofNanos(1),
        MAX_TTL,
        ttl);
    return ttl.toNanos();
  }

  private record Entry(byte[] value, long ttlNanos) {}

  private static final class EntryExpiry implements Expiry<String, Entry> {
    @Override
    public long expireAfterCreate(String key, Entry value, long currentTime) {
      return value.ttlNanos();
    }

    @Override
    public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
      return value.ttlNanos();
    }

    @Override
    public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
