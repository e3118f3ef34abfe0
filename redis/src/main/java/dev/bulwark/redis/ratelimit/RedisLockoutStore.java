package dev.bulwark.redis.ratelimit;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.lockout.LockoutPolicy;
import dev.bulwark.ratelimit.spi.LockoutState;
import dev.bulwark.ratelimit.spi.LockoutStore;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.internal.AbuseStoreTime;
import dev.bulwark.redis.internal.Calls;
import dev.bulwark.redis.internal.Checks;
import dev.bulwark.redis.internal.LuaScript;
import io.lettuce.core.ScriptOutputType;
import java.time.InstantSource;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LockoutStore} in Redis, shared by every application instance that uses the same backend:
 * standalone or Redis Cluster.
 *
 * <pre>{@code
 * LockoutGuard guard = LockoutGuard.builder().store(RedisLockoutStore.create(redis)).build();
 * }</pre>
 *
 * <p><b>Atomicity.</b> {@link #recordFailure}, {@link #status} and {@link #grantPasses} are each
 * one Lua script ({@code lockout.lua}) in one round trip, which decays, counts, uses up passes and
 * locks exactly as {@link dev.bulwark.ratelimit.memory.MemoryLockoutStore} does, lock durations
 * included ({@link LockoutPolicy#lockNanos}). {@link #clear} is one {@code DEL}.
 *
 * <p><b>Time.</b> By default the scripts read the Redis server's {@code TIME}, so every instance
 * agrees whatever its own clock says. Time is kept in whole microseconds ({@code TIME}'s
 * resolution): a policy whose durations are not whole microseconds has them rounded up, which only
 * ever lengthens a lock or the memory of failures. {@link Builder#clock} substitutes a clock of the
 * caller's, for tests.
 *
 * <p><b>Keys.</b> One hash per counter at {@code keyPrefix + "lockout:" + key} (fields {@code f, l,
 * p, perm, la, lu}: failures, lock-outs, passes, permanence, last activity and lock end). It
 * expires once the counter would read as {@link LockoutState#CLEAR} (a permanent lock never
 * expires). Keys arrive already built and possibly hashed; this class never logs them or puts them
 * in a message.
 *
 * <p><b>Failure.</b> Fails closed, as the SPI requires: if Redis does not answer within the
 * backend's command timeout, every method throws {@link RateLimitStoreException} (the ratelimit
 * module's store exception; {@link LockoutStore} names none of its own), and {@link
 * dev.bulwark.ratelimit.lockout.LockoutGuard} lets it through so that the attempt is refused. Once
 * Redis is back the store answers again without any action. A reply that is not the script's
 * documented answer (which only a script or server other than this store's can give) also throws
 * {@link RateLimitStoreException}.
 *
 * <p>Thread-safe.
 */
public final class RedisLockoutStore implements LockoutStore {
  private static final LuaScript SCRIPT = LuaScript.load(RedisLockoutStore.class, "lockout.lua");
  private static final byte[] FAIL = Calls.arg("fail");
  private static final byte[] STATUS = Calls.arg("status");
  private static final byte[] GRANT = Calls.arg("grant");
  private static final byte[] NO_PASSES = Calls.arg(0);
  private static final byte[] DOUBLING = Calls.arg(0);
  private static final byte[] LINEAR = Calls.arg(1);

  /** The most passes a counter holds, as in the in-memory store. */
  private static final int MAX_PASSES = 1_000;

  private final RedisBackend redis;
  private final String prefix;
  private final AbuseStoreTime time;

  private RedisLockoutStore(Builder b) {
    this.redis = b.redis;
    this.prefix = b.redis.keyPrefix() + "lockout:";
    this.time = b.time;
  }

  /** Returns a store on {@code redis} reading the server's time. */
  public static RedisLockoutStore create(RedisBackend redis) {
    return builder(redis).build();
  }

  /** Returns a builder of a store on {@code redis}. */
  public static Builder builder(RedisBackend redis) {
    return new Builder(redis);
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code key} or {@code policy} is null
   * @throws RateLimitStoreException if Redis does not answer in time
   */
  @Override
  public LockoutState recordFailure(String key, LockoutPolicy policy) {
    return run(FAIL, key, policy, NO_PASSES);
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code key} or {@code policy} is null
   * @throws RateLimitStoreException if Redis does not answer in time
   */
  @Override
  public LockoutState status(String key, LockoutPolicy policy) {
    return run(STATUS, key, policy, NO_PASSES);
  }

  /**
   * {@inheritDoc} A counter holds at most 1,000 passes.
   *
   * @throws IllegalArgumentException if {@code passes} is not in {@code [1, 1000]}; nothing changes
   * @throws NullPointerException if {@code key} or {@code policy} is null
   * @throws RateLimitStoreException if Redis does not answer in time
   */
  @Override
  public LockoutState grantPasses(String key, LockoutPolicy policy, int passes) {
    Checks.requireInRange("passes", passes, 1, MAX_PASSES);
    return run(GRANT, key, policy, Calls.arg(passes));
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code key} is null
   * @throws RateLimitStoreException if Redis does not answer in time
   */
  @Override
  public void clear(String key) {
    String redisKey = redisKey(key);
    Long ignored =
        Calls.await(redis, redis.commands().del(redisKey), RedisLockoutStore::unavailable);
  }

  private LockoutState run(byte[] op, String key, LockoutPolicy policy, byte[] passes) {
    String[] keys = {redisKey(key)};
    Checks.requireNonNull(policy, "policy");
    byte[][] args = {
      op,
      time.nowArg(),
      time.graceArg(),
      Calls.arg(AbuseStoreTime.ceilMicros(policy.decayNanos())),
      Calls.arg(policy.freeFailures()),
      Calls.arg(AbuseStoreTime.ceilMicros(policy.baseLock().toNanos())),
      Calls.arg(AbuseStoreTime.ceilMicros(policy.maxLock().toNanos())),
      policy.growth() == LockoutPolicy.Growth.LINEAR ? LINEAR : DOUBLING,
      Calls.arg(policy.permanentAfterLockouts()),
      passes
    };
    List<Object> reply =
        Calls.await(
            redis,
            SCRIPT.<List<Object>>run(redis, ScriptOutputType.MULTI, keys, args),
            RedisLockoutStore::unavailable);
    return state(reply);
  }

  /**
   * The state the script answers: five integers (failures, lock-outs, microseconds of lock left,
   * permanent 0 or 1, passes), none negative. Any other reply (another length, a non-integer, a
   * value out of range) is not a state this store can have computed: {@link
   * RateLimitStoreException}, so that the guard refuses the attempt.
   */
  static LockoutState state(@Nullable List<?> reply) {
    if (reply == null || reply.size() != 5) {
      throw unexpectedReply();
    }
    int failures = saturatedInt(count(reply.get(0)));
    int lockouts = saturatedInt(count(reply.get(1)));
    long lockedForMicros = count(reply.get(2));
    long permanentFlag = count(reply.get(3));
    int passes = saturatedInt(count(reply.get(4)));
    if (permanentFlag > 1 || lockedForMicros > Long.MAX_VALUE / 1_000) {
      throw unexpectedReply();
    }
    boolean permanent = permanentFlag == 1;
    if (failures == 0 && lockouts == 0 && lockedForMicros == 0 && !permanent && passes == 0) {
      return LockoutState.CLEAR;
    }
    return new LockoutState(failures, lockouts, lockedForMicros * 1_000, permanent, passes);
  }

  /** A non-negative integer of the script's reply. */
  private static long count(@Nullable Object value) {
    if (!(value instanceof Long n) || n < 0) {
      throw unexpectedReply();
    }
    return n;
  }

  private static int saturatedInt(long value) {
    return (int) Math.min(Integer.MAX_VALUE, value);
  }

  private static RateLimitStoreException unexpectedReply() {
    return new RateLimitStoreException("unexpected reply from the Redis lockout script");
  }

  private String redisKey(String key) {
    return prefix + Checks.requireNonNull(key, "key");
  }

  private static RateLimitStoreException unavailable(Calls.RedisUnavailable e) {
    return new RateLimitStoreException("the Redis lockout store did not answer", e);
  }

  @Override
  public String toString() {
    return "RedisLockoutStore[" + redis + ", time from " + time + "]";
  }

  /** Configures a {@link RedisLockoutStore}. */
  public static final class Builder {
    private final RedisBackend redis;
    private AbuseStoreTime time = AbuseStoreTime.server();

    private Builder(RedisBackend redis) {
      this.redis = Checks.requireNonNull(redis, "redis");
    }

    /**
     * Reads time from {@code clock} instead of the Redis server's {@code TIME}; for tests with a
     * manual clock. Every instance sharing the counters must then share the clock. Redis still
     * expires keys by its own clock, so each key is kept ten minutes longer than the caller's clock
     * needs; answers follow the caller's clock alone.
     */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.time = AbuseStoreTime.caller(clock);
      return this;
    }

    /** Returns the store. */
    public RedisLockoutStore build() {
      return new RedisLockoutStore(this);
    }
  }
}
