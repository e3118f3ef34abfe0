package dev.bulwark.redis.ratelimit;

import dev.bulwark.ratelimit.spi.ChallengeStore;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.internal.Calls;
import dev.bulwark.redis.internal.Checks;
import dev.bulwark.redis.internal.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChallengeStore} in Redis, shared by every application instance that uses the same
 * backend: standalone or Redis Cluster.
 *
 * <pre>{@code
 * ChallengeTokens tokens =
 *     ChallengeTokens.builder(secret).store(RedisChallengeStore.create(redis)).build();
 * }</pre>
 *
 * <p><b>Atomicity.</b> Each method is one round trip: {@link #markUsed} is {@code SET NX PX}, so of
 * any number of concurrent callers exactly one sees {@code true}; {@link #put} is {@code SET PX};
 * {@link #take} is one Lua script ({@code challenge-take.lua}) that reads and deletes, so a digest
 * is handed out at most once.
 *
 * <p><b>Keys and values.</b> One string per identifier at {@code keyPrefix + "challenge:" + id},
 * expiring after its time to live (rounded up to whole milliseconds: an entry never vanishes early)
 * by the Redis server's clock. A used mark holds the single byte {@code 0x00}; a digest is stored
 * as {@code 0x01} followed by its bytes, so that marks and digests share identifiers as in the
 * in-memory store ({@link #take} of a mark answers {@code null} and removes it). Identifiers are
 * never logged or put in a message.
 *
 * <p><b>Values it never writes.</b> A value under the prefix that is neither a mark nor a tagged
 * digest (empty, another tag, a mark with trailing bytes; written by something else) is not read as
 * "no digest", which would look like a used challenge: {@link #take} fails closed with {@link
 * RateLimitStoreException} and leaves the value in place.
 *
 * <p><b>Arguments.</b> Null arguments get {@link NullPointerException}; a time to live that is not
 * in {@code [1 ns, 366 days]} gets {@link IllegalArgumentException}. Either way nothing is stored.
 *
 * <p><b>Failure.</b> Fails closed, as the SPI requires: if Redis does not answer within the
 * backend's command timeout, every method throws {@link RateLimitStoreException} (the ratelimit
 * module's store exception; {@link ChallengeStore} names none of its own), so a token is never
 * accepted without its use being recorded.
 *
 * <p>Thread-safe.
 */
public final class RedisChallengeStore implements ChallengeStore {
  /** The longest time to live accepted. */
  public static final Duration MAX_TTL = ChallengeStore.MAX_TTL;

  private static final byte USED_TAG = 0;
  private static final byte DIGEST_TAG = 1;
  private static final byte[] USED = {USED_TAG};
  private static final LuaScript TAKE =
      LuaScript.load(RedisChallengeStore.class, "challenge-take.lua");

  /** The prefix of the script's error reply for a value not in this store's format. */
  private static final String BAD_RECORD = "BULWARK_BAD_RECORD";

  private final RedisBackend redis;
  private final String prefix;

  private RedisChallengeStore(RedisBackend redis) {
    this.redis = redis;
    this.prefix = redis.keyPrefix() + "challenge:";
  }

  /** Returns a store on {@code redis}. */
  public static RedisChallengeStore create(RedisBackend redis) {
    return new RedisChallengeStore(Checks.requireNonNull(redis, "redis"));
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code ttl} is not in {@code [1 ns, 366 days]}
   * @throws RateLimitStoreException if Redis does not answer in time
   */
  @Override
  public boolean markUsed(String id, Duration ttl) {
    String key = redisKey(id);
    SetArgs args = SetArgs.Builder.nx().px(ttlMillis(ttl));
    return "OK".equals(call(redis.commands().set(key, USED, args)));
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code ttl} is not in {@code [1 ns, 366 days]}
   * @throws RateLimitStoreException if Redis does not answer in time
   */
  @Override
  public void put(String id, byte[] digest, Duration ttl) {
    String key = redisKey(id);
    Checks.requireNonNull(digest, "digest");
    SetArgs args = SetArgs.Builder.px(ttlMillis(ttl));
    String ignored = call(redis.commands().set(key, digestValue(digest), args));
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code id} is null
   * @throws RateLimitStoreException if Redis does not answer in time, or the value under {@code id}
   *     is not one this store writes (it is then left in place)
   */
  @Override
  public byte @Nullable [] take(String id) {
    String[] keys = {redisKey(id)};
    return digestOf(call(TAKE.<byte[]>run(redis, ScriptOutputType.VALUE, keys)));
  }

  /** The value that stores {@code digest}: its tag, then its bytes. */
  static byte[] digestValue(byte[] digest) {
    byte[] value = new byte[digest.length + 1];
    value[0] = DIGEST_TAG;
    System.arraycopy(digest, 0, value, 1, digest.length);
    return value;
  }

  /**
   * The digest a stored {@code value} holds; null if there is none or it is a used mark ({@code
   * 0x00}). Any other value without the digest tag {@code 0x01} is not one this store writes:
   * {@link RateLimitStoreException}, naming none of its bytes.
   */
  static byte @Nullable [] digestOf(byte @Nullable [] value) {
    if (value == null || Arrays.equals(value, USED)) {
      return null;
    }
    if (value.length == 0 || value[0] != DIGEST_TAG) {
      throw notInFormat();
    }
    return Arrays.copyOfRange(value, 1, value.length);
  }

  private static RateLimitStoreException notInFormat() {
    return new RateLimitStoreException("the Redis challenge store holds a value not in its format");
  }

  private <T> T call(CompletionStage<T> stage) {
    return Calls.await(redis, stage, RedisChallengeStore::translate);
  }

  private static RateLimitStoreException translate(Calls.RedisUnavailable e) {
    String reply = e.getCause() == null ? null : e.getCause().getMessage();
    if (reply != null && reply.startsWith(BAD_RECORD)) {
      return new RateLimitStoreException(notInFormat().getMessage(), e);
    }
    return new RateLimitStoreException("the Redis challenge store did not answer", e);
  }

  private String redisKey(String id) {
    return prefix + Checks.requireNonNull(id, "id");
  }

  private static long ttlMillis(Duration ttl) {
    Checks.requireInRange("ttl", ttl, Duration.ofNanos(1), MAX_TTL);
    // Rounded up: an entry never vanishes before its time.
    long millis = ttl.toMillis();
    return ttl.equals(Duration.ofMillis(millis)) ? millis : millis + 1;
  }

  @Override
  public String toString() {
    return "RedisChallengeStore[" + redis + "]";
  }
}
