package dev.bulwark.ratelimit.abuse;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The automatic reaction: an {@link AbuseListener} that bans the key of every {@link
 * AbuseEvent.HeavyHitter} in the dimensions it is configured for, for that dimension's TTL. Rate
 * anomalies (which name an endpoint, not a client) are not banned.
 *
 * <p>Register it with {@link AbuseMonitor.Builder#listener}. A store failure while banning is
 * counted in {@link #failures()} and does not reach the recording thread. Thread-safe.
 *
 * <p><b>Warning:</b> ban what a client controls (sources, accounts). Banning a destination prefix
 * also refuses the real users of that range; prefer challenges there.
 */
public final class AutoBan implements AbuseListener {

  private final Blocklist blocklist;
  private final EnumMap<AbuseMonitor.Dimension, Duration> ttls;
  private final LongAdder bans = new LongAdder();
  private final LongAdder failures = new LongAdder();

  private AutoBan(Builder b) {
    this.blocklist = b.blocklist;
    this.ttls = new EnumMap<>(b.ttls);
  }

  /** Returns a builder that bans into {@code blocklist}. */
  public static Builder builder(Blocklist blocklist) {
    return new Builder(blocklist);
  }

  @Override
  public void onEvent(AbuseEvent event) {
    if (!(event instanceof AbuseEvent.HeavyHitter)) {
      return;
    }
    AbuseEvent.HeavyHitter hit = (AbuseEvent.HeavyHitter) event;
    Duration ttl = ttls.get(hit.dimension());
    if (ttl == null) {
      return;
    }
    try {
      Duration ignored = blocklist.block(hit.key(), ttl);
      bans.increment();
    } catch (RateLimitStoreException e) {
      failures.increment();
    }
  }

  /** The bans placed so far. */
  public long banCount() {
    return bans.sum();
  }

  /** The bans that failed because the store could not answer. */
  public long failures() {
    return failures.sum();
  }

  @Override
  public String toString() {
    return "AutoBan" + ttls;
  }

  /** Builds an {@link AutoBan}. */
  public static final class Builder {
    private final Blocklist blocklist;
    private final EnumMap<AbuseMonitor.Dimension, Duration> ttls =
        new EnumMap<>(AbuseMonitor.Dimension.class);

    private Builder(Blocklist blocklist) {
      this.blocklist = requireNonNull(blocklist, "blocklist");
    }

    /** Bans heavy hitters of {@code dimension} for {@code ttl} (1 second to 366 days). */
    @CanIgnoreReturnValue
    public Builder ban(AbuseMonitor.Dimension dimension, Duration ttl) {
      requireNonNull(dimension, "dimension");
      requireNonNull(ttl, "ttl");
      requireArgument(
          ttl.compareTo(Duration.ofSeconds(1)) >= 0 && ttl.compareTo(Duration.ofDays(366)) <= 0,
          "ttl must be between 1 second and 366 days");
      ttls.put(dimension, ttl);
      return this;
    }

    /**
     * Returns the listener.
     *
     * @throws IllegalArgumentException if no dimension is banned
     */
    public AutoBan build() {
      requireArgument(!ttls.isEmpty(), "at least one dimension must be banned");
      return new AutoBan(this);
    }
  }
}
