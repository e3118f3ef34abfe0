package dev.bulwark.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.storage.internal.RecipientHasher;
import dev.bulwark.storage.spi.RecipientRef;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The recipient references of one store: the keyed hash of each recipient, memoized in a bounded
 * cache so that a recipient active in a burst (put, fetch, acknowledge) is hashed once.
 *
 * <p>The last reference is also memoized on the {@link Recipient} object itself (tagged with this
 * store), so a host that keeps one {@code Recipient} per session skips even the cache lookup; that
 * memo holds only the keyed hash, next to the identifier the object holds anyway.
 *
 * <p>The cache trades memory residency for speed: it keeps up to {@code maxEntries} {@link
 * Recipient}s, whose raw identifiers are then reachable from this store (in a heap dump, say) for
 * up to {@code maxIdle} after their last use, where without the cache they live only as long as the
 * caller's own objects. Nothing in it is ever logged or printed ({@link Recipient#toString()} and
 * {@link RecipientRef#toString()} are redacted), {@link #forget} drops a recipient at once
 * (shredding does), and a size of zero turns the cache off. Thread-safe.
 */
final class RecipientRefs {
  private final RecipientHasher hasher;
  private final @Nullable Cache<Recipient, RecipientRef> cache;
  private final Function<Recipient, RecipientRef> compute;
  private final Object token = new Object();

  RecipientRefs(RecipientHasher hasher, int maxEntries, Duration maxIdle, InstantSource clock) {
    this.hasher = hasher;
    this.compute = this::hash;
    this.cache =
        maxEntries == 0
            ? null
            : Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .maximumSize(maxEntries)
                .expireAfterAccess(maxIdle)
                .build();
  }

  private RecipientRef hash(Recipient recipient) {
    return hasher.hash(recipient.utf8View());
  }

  /** The reference of {@code recipient}. */
  RecipientRef of(Recipient recipient) {
    if (cache == null) {
      return hash(recipient);
    }
    RecipientRef ref = recipient.memoizedRef(token);
    if (ref == null) {
      ref = cache.get(recipient, compute);
      recipient.memoizeRef(token, ref);
    }
    return ref;
  }

  /** Drops {@code recipient} from the cache, if it is there. */
  void forget(Recipient recipient) {
    if (cache != null) {
      cache.invalidate(recipient);
    }
  }

  /** How many recipients the cache holds now (approximately), for tests. */
  long cachedCount() {
    if (cache == null) {
      return 0;
    }
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
