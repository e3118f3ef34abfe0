package dev.bulwark.redis.ratelimit;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.spi.BlocklistStore;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.internal.AbuseStoreTime;
import dev.bulwark.redis.internal.Calls;
import dev.bulwark.redis.internal.Checks;
import dev.bulwark.redis.internal.LuaScript;
import dev.bulwark.redis.internal.Replies;
import io.lettuce.core.ScriptOutputType;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BlocklistStore} in Redis, shared by every application instance that uses the same
 * backend: standalone or Redis Cluster.
 *
 * <pre>{@code
 * Blocklist blocklist = Blocklist.builder(RedisBlocklistStore.create(redis)).build();
 * }</pre>
 *
 * <p><b>Atomicity.</b> {@link #block}, {@link #remainingNanos} and {@link #unblock} are each one
 * Lua script ({@code blocklist.lua}) in one round trip; {@code block} keeps the later of the
 * current deadline and {@code now + ttl}, so concurrent bans of one key leave the longest. {@link
 * #remainingNanosAsync} runs the same script without blocking the calling thread.
 *
 * <p><b>Time.</b> By default the scripts read the Redis server's {@code TIME}, so every instance
 * agrees. Deadlines are kept in whole microseconds ({@code TIME}'s resolution): a TTL is rounded up
 * to a whole microsecond, so a ban may last up to 999 ns longer than asked and never shorter, and
 * answers are multiples of 1,000 ns. {@link Builder#clock} substitutes a clock of the caller's, for
 * tests.
 *
 * <p><b>Keys.</b> One string per ban at {@code keyPrefix + "blocklist:" + key}, holding the
 * deadline in microseconds since the epoch and expiring with it (rounded up to the next
 * millisecond). Keys arrive as the blocklist's key privacy made them; this class never logs them or
 * puts them in a message.
 *
 * <p><b>Failure.</b> If Redis does not answer within the backend's command timeout, every method
 * throws {@link RateLimitStoreException} (the async form completes with it), as the SPI documents;
 * {@link dev.bulwark.ratelimit.abuse.Blocklist} then applies its failure mode. Bad arguments get
 * {@link IllegalArgumentException} before anything is sent.
 *
 * <p>Thread-safe.
 */
public final class RedisBlocklistStore implements BlocklistStore {
  private static final LuaScript SCRIPT =
      LuaScript.load(RedisBlocklistStore.class, "blocklist.lua");
  private static final byte[] BLOCK = Calls.arg("block");
  private static final byte[] REMAINING = Calls.arg("remaining");
  private static final byte[] UNBLOCK = Calls.arg("unblock");
  private static final byte[] NO_TTL = Calls.arg(0);

  private final RedisBackend redis;
  private final String prefix;
  private final AbuseStoreTime time;

  private RedisBlocklistStore(Builder b) {
    this.redis = b.redis;
    this.prefix = b.redis.keyPrefix() + "blocklist:";
    this.time = b.time;
  }

  /** Returns a store on {@code redis} reading the server's time. */
  public static RedisBlocklistStore create(RedisBackend redis) {
    return builder(redis).build();
  }

  /** Returns a builder of a store on {@code redis}. */
  public static Builder builder(RedisBackend redis) {
    return new Builder(redis);
  }

  @Override
  public long block(String key, long ttlNanos) {
    String redisKey = redisKey(key);
    Checks.requireInRange("ttlNanos", ttlNanos, 1, MAX_TTL_NANOS);
    byte[] ttlMicros = Calls.arg(AbuseStoreTime.ceilMicros(ttlNanos));
    return nanos(await(run(BLOCK, redisKey, ttlMicros)));
  }

  @Override
  public long remainingNanos(String key) {
    return nanos(await(run(REMAINING, redisKey(key), NO_TTL)));
  }

  /**
   * {@inheritDoc} Runs the script without blocking: the stage completes on Lettuce's I/O thread,
   * exceptionally with {@link RateLimitStoreException} if Redis does not answer in time, or with
   * {@link IllegalArgumentException} if the key is out of range.
   */
  @Override
  public CompletionStage<Long> remainingNanosAsync(String key) {
    String redisKey;
    try {
      redisKey = redisKey(key);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletionStage<Long> stage;
    try {
      stage = run(REMAINING, redisKey, NO_TTL);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return Calls.translateFailure(stage, RedisBlocklistStore::unavailable)
        .thenApply(RedisBlocklistStore::nanos);
  }

  @Override
  public boolean unblock(String key) {
    return lifted(await(run(UNBLOCK, redisKey(key), NO_TTL)));
  }

  private CompletionStage<Long> run(byte[] op, String redisKey, byte[] ttlMicros) {
    String[] keys = {redisKey};
    return SCRIPT.run(
        redis, ScriptOutputType.INTEGER, keys, op, time.nowArg(), time.graceArg(), ttlMicros);
  }

  /**
   * The nanoseconds of ban left that the script's answer (microseconds, not negative) stands for;
   * any other answer is not one the script gives: {@link RateLimitStoreException}.
   */
  static long nanos(@Nullable Long micros) {
    if (micros == null || micros < 0 || micros > Long.MAX_VALUE / 1_000) {
      throw unexpectedReply();
    }
    return micros * 1_000;
  }

  /** Whether the script's answer to an unblock (1 lifted, 0 not blocked) says a ban was lifted. */
  static boolean lifted(@Nullable Long answer) {
    return Replies.yesOrNo(answer, RedisBlocklistStore::unexpectedReply);
  }

  private static RateLimitStoreException unexpectedReply() {
    return new RateLimitStoreException("unexpected reply from the Redis blocklist script");
  }

  private @Nullable Long await(CompletionStage<Long> stage) {
    return Calls.await(redis, stage, RedisBlocklistStore::unavailable);
  }

  private static RateLimitStoreException unavailable(Calls.RedisUnavailable e) {
    return new RateLimitStoreException("the Redis blocklist store did not answer", e);
  }

  // Null is an argument error here, like every other bad key, as in the in-memory store.
  private String redisKey(String key) {
    Checks.requireArgument(key != null, "key must not be null");
    Checks.requireInRange("key length", key.length(), 1, MAX_KEY_LENGTH);
    return prefix + key;
  }

  @Override
  public String toString() {
    return "RedisBlocklistStore[" + redis + ", time from " + time + "]";
  }

  /** Configures a {@link RedisBlocklistStore}. */
  public static final class Builder {
    private final RedisBackend redis;
    private AbuseStoreTime time = AbuseStoreTime.server();

    private Builder(RedisBackend redis) {
      this.redis = Checks.requireNonNull(redis, "redis");
    }

    /**
     * Reads time from {@code clock} instead of the Redis server's {@code TIME}; for tests with a
     * manual clock. Every instance sharing the bans must then share the clock. Redis still expires
     * keys by its own clock, so each ban's key is kept ten minutes longer than the caller's clock
     * needs; answers follow the caller's clock alone.
     */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.time = AbuseStoreTime.caller(clock);
      return this;
    }

    /** Returns the store. */
    public RedisBlocklistStore build() {
      return new RedisBlocklistStore(this);
    }
  }
}
