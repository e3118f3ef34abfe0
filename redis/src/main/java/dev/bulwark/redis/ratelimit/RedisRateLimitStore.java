package dev.bulwark.redis.ratelimit;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.Ticker;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import dev.bulwark.ratelimit.spi.StoreOperation;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.internal.Calls;
import dev.bulwark.redis.internal.Checks;
import dev.bulwark.redis.internal.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.SlotHash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RateLimitStore} in Redis (standalone or Cluster): the whole GCRA decision over all of a
 * policy's limits is one Lua script, run with {@code EVALSHA} in one round trip, so every
 * application server sharing the Redis enforces one limit together.
 *
 * <pre>{@code
 * RedisBackend redis = RedisBackend.standalone("redis://127.0.0.1:6379");
 * RateLimiterRegistry registry = RateLimiterRegistry.builder()
 *     .store(RedisRateLimitStore.create(redis))
 *     .presets()
 *     .build();
 * }</pre>
 *
 * <p><b>Semantics</b> are those of the in-memory store ({@link
 * dev.bulwark.ratelimit.memory.MemoryRateLimitStore}): each {@link #apply} is atomic over all of
 * the policy's limits for the key (Redis runs a script without interleaving), an {@link
 * StoreOperation#ACQUIRE} that any limit denies changes nothing, a refund never makes a key fuller
 * than full, and a reset forgets the key. A key with no state is full.
 *
 * <p><b>Time and rounding.</b> By default the script reads the Redis server's clock ({@code TIME}),
 * so application servers with skewed clocks still agree. {@link Builder#callerTicker(Ticker)} uses
 * the caller's ticker instead. Arithmetic is in whole microseconds (exact in Lua's doubles, whose
 * integers are exact below 2<sup>53</sup>): a limit's refill interval is rounded <em>up</em> to a
 * whole microsecond (so a limit is stricter than asked by under 1 µs per permit, never looser, and
 * its capacity is kept exactly) and the caller's ticker is rounded down to a microsecond. Durations
 * in decisions are whole microseconds, reported in nanoseconds.
 *
 * <p><b>Key layout.</b> Limit {@code i} of a policy for a store key is held in the Redis string
 * {@code <prefix>rl:{<policy>:<key>}:<i>} ({@code <prefix>} is the backend's {@linkplain
 * RedisBackend#keyPrefix() key prefix}) as the microsecond at which that limit is full again, and
 * expires at that moment ({@code PX}, rounded up to a millisecond): idle keys cost nothing. The
 * hash tag puts all limits of one subject in one cluster slot. The key is the store key exactly as
 * the limiter hands it over (normalized, and hashed if the policy's {@link
 * dev.bulwark.ratelimit.KeyPrivacy} says so); nothing else is written, and keys never appear in
 * exceptions or logs.
 *
 * <p><b>Failures.</b> Every command has the backend's timeout. A store that gets no answer
 * (timeout, connection refused or lost, an error reply) throws {@link RateLimitStoreException}, or
 * completes the asynchronous form with it; the {@link dev.bulwark.ratelimit.RateLimiter} then
 * applies the policy's {@link dev.bulwark.ratelimit.FailureMode}. A reply that is not the script's
 * documented answer counts as none (also {@link RateLimitStoreException}). No other exception comes
 * from a store call with valid arguments.
 *
 * <p><b>Batches.</b> {@link #tryAcquireAll} decides several (policy, key) requests, say an IP, a
 * phone number and a global limit, in one round trip per cluster slot (one in all on a standalone
 * Redis). See there for what it guarantees.
 *
 * <p>This class is thread-safe and holds no connection of its own: it uses the backend's.
 */
public final class RedisRateLimitStore implements RateLimitStore {
  private static final LuaScript GCRA = LuaScript.load(RedisRateLimitStore.class, "gcra.lua");

  /** The largest batch {@link #tryAcquireAll} takes. */
  public static final int MAX_BATCH = 64;

  /** The largest microsecond reading of a caller's ticker: Lua doubles are exact up to 2^53. */
  static final long MAX_CALLER_MICROS = 1L << 52;

  private static final byte[] SERVER_TIME = new byte[0];
  private static final byte[] ONE = Calls.arg(1);
  private static final byte[][] OPERATIONS = {
    Calls.arg(1), Calls.arg(2), Calls.arg(3), Calls.arg(4)
  };

  private final RedisBackend redis;
  private final @Nullable Ticker callerTicker;
  private final String keyPrefix;
  // The encoded limits of the policy used last: most calls repeat one policy.
  private volatile @Nullable PolicyArgs lastPolicy;

  private RedisRateLimitStore(Builder b) {
    this.redis = b.redis;
    this.callerTicker = b.callerTicker;
    this.keyPrefix = b.redis.keyPrefix() + "rl:{";
  }

  /** Returns a store on {@code redis} that reads time from the Redis server. */
  public static RedisRateLimitStore create(RedisBackend redis) {
    return builder(redis).build();
  }

  /** Returns a builder for a store on {@code redis}. */
  public static Builder builder(RedisBackend redis) {
    return new Builder(redis);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One {@code EVALSHA}; blocks for at most about the backend's command timeout.
   *
   * @throws IllegalArgumentException if {@code permits} is outside the range the SPI allows ({@code
   *     [1, policy.minCapacity()]}, or {@code [1, RateLimit.MAX_CAPACITY]} for a refund); nothing
   *     was sent
   * @throws RateLimitStoreException if Redis does not answer in time or answers with an error
   */
  @Override
  public RateLimitDecision apply(
      RatePolicy policy, String key, StoreOperation operation, int permits) {
    return Calls.await(redis, run(policy, key, operation, permits), RedisRateLimitStore::failed);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Never blocks: the stage completes on Lettuce's I/O thread (keep dependent work short, or
   * continue on an executor of your own), with the decision or with {@link
   * RateLimitStoreException}.
   */
  @Override
  public CompletionStage<RateLimitDecision> applyAsync(
      RatePolicy policy, String key, StoreOperation operation, int permits) {
    // Every failure of the stage is already a RateLimitStoreException (see execute).
    return run(policy, key, operation, permits);
  }

  /**
   * Decides several acquisitions in one round trip per cluster slot: each {@link Request} is
   * decided <b>independently</b>, exactly as {@code apply(policy, key, ACQUIRE, permits)} would
   * decide it alone (all-or-nothing over that request's limits), and in list order where requests
   * share a slot. A denied request does not undo the others: a caller that wants "all or none"
   * across subjects (say, an IP and a phone number that live in different cluster slots, which no
   * single atomic step can span) gives back the granted ones with {@link StoreOperation#REFUND}.
   *
   * @return one decision per request, in order
   * @throws IllegalArgumentException if the list is empty, longer than {@link #MAX_BATCH}, or a
   *     request's permits exceed its policy's smallest capacity; nothing was sent
   * @throws RateLimitStoreException if Redis did not answer for some slot; requests of other slots
   *     may have been decided and taken
   */
  public List<RateLimitDecision> tryAcquireAll(List<Request> requests) {
    return Calls.await(redis, runBatch(requests), RedisRateLimitStore::failed);
  }

  /**
   * The asynchronous form of {@link #tryAcquireAll}: never blocks; the stage fails with {@link
   * RateLimitStoreException} if Redis did not answer for some slot.
   *
   * @throws IllegalArgumentException as {@link #tryAcquireAll} does, before anything is sent
   */
  public CompletionStage<List<RateLimitDecision>> tryAcquireAllAsync(List<Request> requests) {
    return runBatch(requests);
  }

  /** Whether decisions read the Redis server's clock (the default) rather than the caller's. */
  public boolean usesServerTime() {
    return callerTicker == null;
  }

  @Override
  public String toString() {
    return "RedisRateLimitStore[" + (callerTicker == null ? "server time" : "caller time") + "]";
  }

  private CompletionStage<RateLimitDecision> run(
      RatePolicy policy, String key, StoreOperation operation, int permits) {
    Checks.requireNonNull(policy, "policy");
    Checks.requireNonNull(key, "key");
    Checks.requireNonNull(operation, "operation");
    if (operation == StoreOperation.REFUND) {
      Checks.requireInRange("permits", permits, 1, RateLimit.MAX_CAPACITY);
    } else if (operation != StoreOperation.RESET) {
      Checks.requireInRange("permits", permits, 1, policy.minCapacity());
    }
    PolicyArgs limits = policyArgs(policy);
    if (limits.count == 1) {
      return runCompact(now(), limits, key, operation, permits);
    }
    String[] keys = new String[limits.count];
    byte[][] args = new byte[5 + 2 * limits.count][];
    args[0] = now();
    args[1] = ONE;
    fill(keys, 0, args, 2, limits, key, operation, permits);
    return execute(keys, args, 1).thenApply(decisions -> decisions.get(0));
  }

  /** One subject with one limit: the script's short form, without {@code now} on server time. */
  private CompletionStage<RateLimitDecision> runCompact(
      byte[] now, PolicyArgs limits, String key, StoreOperation operation, int permits) {
    String[] keys = {keyPrefix + limits.name + ":" + key + "}:0"};
    byte[] op = OPERATIONS[operation.ordinal()];
    byte[] count = permits == 1 ? ONE : Calls.arg(permits);
    byte[][] args =
        now == SERVER_TIME
            ? new byte[][] {op, count, limits.intervals[0], limits.windows[0]}
            : new byte[][] {op, count, limits.intervals[0], limits.windows[0], now};
    return executeCompact(keys, args, limits, permits);
  }

  private CompletionStage<List<RateLimitDecision>> runBatch(List<Request> requests) {
    Checks.requireNonNull(requests, "requests");
    Checks.requireInRange("number of requests", requests.size(), 1, MAX_BATCH);
    List<PolicyArgs> encoded = new ArrayList<>(requests.size());
    for (Request r : requests) {
      Checks.requireNonNull(r, "request");
      encoded.add(policyArgs(r.policy()));
    }
    // Group by cluster slot, keeping list order within a group; a standalone Redis is one group.
    Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      int slot = redis.isCluster() ? SlotHash.getSlot(subjectKey(requests.get(i))) : 0;
      groups.computeIfAbsent(slot, s -> new ArrayList<>()).add(i);
    }
    byte[] now = now();
    RateLimitDecision[] results = new RateLimitDecision[requests.size()];
    List<CompletableFuture<Void>> calls = new ArrayList<>(groups.size());
    for (List<Integer> group : groups.values()) {
      if (group.size() == 1 && encoded.get(group.get(0)).count == 1) {
        int i = group.get(0);
        Request r = requests.get(i);
        calls.add(
            runCompact(now, encoded.get(i), r.key(), StoreOperation.ACQUIRE, r.permits())
                .thenAccept(decision -> results[i] = decision)
                .toCompletableFuture());
        continue;
      }
      int keyCount = 0;
      for (int i : group) {
        keyCount += encoded.get(i).count;
      }
      String[] keys = new String[keyCount];
      byte[][] args = new byte[2 + 3 * group.size() + 2 * keyCount][];
      args[0] = now;
      args[1] = Calls.arg(group.size());
      int k = 0;
      int a = 2;
      for (int i : group) {
        Request r = requests.get(i);
        PolicyArgs limits = encoded.get(i);
        fill(keys, k, args, a, limits, r.key(), StoreOperation.ACQUIRE, r.permits());
        k += limits.count;
        a += 3 + 2 * limits.count;
      }
      calls.add(
          execute(keys, args, group.size())
              .thenAccept(
                  decisions -> {
                    for (int j = 0; j < group.size(); j++) {
                      results[group.get(j)] = decisions.get(j);
                    }
                  })
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
        .handle(
            (done, error) -> {
              if (error != null) {
                throw unavailable(error);
              }
              return List.of(results);
            });
  }

  private void fill(
      String[] keys,
      int keyOffset,
      byte[][] args,
      int argOffset,
      PolicyArgs limits,
      String key,
      StoreOperation operation,
      int permits) {
    String base = keyPrefix + limits.name + ":" + key + "}:";
    args[argOffset] = OPERATIONS[operation.ordinal()];
    args[argOffset + 1] = permits == 1 ? ONE : Calls.arg(permits);
    args[argOffset + 2] = limits.countArg;
    for (int i = 0; i < limits.count; i++) {
      keys[keyOffset + i] = base + i;
      args[argOffset + 3 + 2 * i] = limits.intervals[i];
      args[argOffset + 4 + 2 * i] = limits.windows[i];
    }
  }

  private CompletionStage<List<RateLimitDecision>> execute(
      String[] keys, byte[][] args, int subjects) {
    CompletionStage<List<Object>> reply;
    try {
      reply = GCRA.run(redis, ScriptOutputType.MULTI, keys, args);
    } catch (RuntimeException e) {
      // Lettuce reports most failures through the stage; a rejected command may also throw.
      return CompletableFuture.failedFuture(unavailable(e));
    }
    // One stage that decodes or fails with the SPI's exception: it runs on Lettuce's I/O thread,
    // where every extra stage costs throughput.
    return reply.handle(
        (values, error) -> {
          if (error != null) {
            throw unavailable(error);
          }
          return decode(values, subjects);
        });
  }

  /**
   * Runs the script for one subject with one limit, which answers with one integer: {@code n >= 0}
   * allowed and full again in {@code n} µs, {@code n < 0} denied with a debt of {@code -n - 1} µs.
   * The rest of the decision follows exactly from the limit.
   */
  private CompletionStage<RateLimitDecision> executeCompact(
      String[] keys, byte[][] args, PolicyArgs limits, int permits) {
    CompletionStage<Long> reply;
    try {
      reply = GCRA.run(redis, ScriptOutputType.INTEGER, keys, args);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(unavailable(e));
    }
    long interval = limits.intervalMicros[0];
    long tau = limits.windowMicros[0];
    return reply.handle(
        (value, error) -> {
          if (error != null) {
            throw unavailable(error);
          }
          return decodeCompact(value, interval, tau, permits);
        });
  }

  /**
   * The decision the one-integer reply {@code value} of the compact form stands for, for a limit of
   * refill interval {@code interval} and burst window {@code tau} (microseconds, both positive) and
   * {@code permits} permits: {@code 0 <= n <= tau} allowed and full again in {@code n} µs, {@code
   * -tau - 1 <= n < 0} denied with a debt of {@code -n - 1} µs (see {@code gcra.lua}). Anything
   * else (null, a value out of range, a denial the limit could not have given) throws {@link
   * RateLimitStoreException}.
   */
  static RateLimitDecision decodeCompact(
      @Nullable Long value, long interval, long tau, int permits) {
    if (value == null || value > tau || value < -tau - 1) {
      throw unexpectedReply();
    }
    long n = value;
    try {
      if (n >= 0) {
        return RateLimitDecision.allowed((tau - n) / interval, Math.multiplyExact(n, 1_000L));
      }
      long debt = -n - 1;
      long retryAfter =
          Math.addExact(debt, Math.subtractExact(Math.multiplyExact(permits, interval), tau));
      return RateLimitDecision.denied(
          (tau - debt) / interval,
          Math.multiplyExact(retryAfter, 1_000L),
          Math.multiplyExact(debt, 1_000L));
    } catch (ArithmeticException | IllegalArgumentException notADecision) {
      throw unexpectedReply();
    }
  }

  /**
   * The decisions of the general form's reply: per subject, allowed (1 or 0), remaining permits,
   * retry-after and reset-after in microseconds, none negative, a denial with a positive
   * retry-after. Anything else (null, another length, a non-integer, a value out of range) throws
   * {@link RateLimitStoreException}.
   */
  static List<RateLimitDecision> decode(@Nullable List<?> values, int subjects) {
    if (values == null || values.size() != 4 * subjects) {
      throw unexpectedReply();
    }
    List<RateLimitDecision> decisions = new ArrayList<>(subjects);
    for (int s = 0; s < subjects; s++) {
      long allowed = number(values.get(4 * s));
      long remaining = number(values.get(4 * s + 1));
      if (allowed != 0 && allowed != 1) {
        throw unexpectedReply();
      }
      try {
        long retryAfterNanos = Math.multiplyExact(number(values.get(4 * s + 2)), 1_000L);
        long resetAfterNanos = Math.multiplyExact(number(values.get(4 * s + 3)), 1_000L);
        decisions.add(
            allowed == 1
                ? RateLimitDecision.allowed(remaining, resetAfterNanos)
                : RateLimitDecision.denied(remaining, retryAfterNanos, resetAfterNanos));
      } catch (ArithmeticException | IllegalArgumentException notADecision) {
        throw unexpectedReply();
      }
    }
    return decisions;
  }

  private static long number(@Nullable Object value) {
    if (!(value instanceof Long n)) {
      throw unexpectedReply();
    }
    return n;
  }

  private static RateLimitStoreException unexpectedReply() {
    return new RateLimitStoreException("unexpected reply from the rate-limit script");
  }

  private byte[] now() {
    Ticker ticker = callerTicker;
    if (ticker == null) {
      return SERVER_TIME;
    }
    long micros = Math.floorDiv(ticker.read(), 1_000L);
    if (micros > MAX_CALLER_MICROS || micros < -MAX_CALLER_MICROS) {
      throw new IllegalStateException(
          "the caller ticker read beyond +-2^52 microseconds, which Lua cannot hold exactly");
    }
    return Calls.arg(micros);
  }

  private String subjectKey(Request r) {
    return keyPrefix + r.policy().name() + ":" + r.key() + "}:0";
  }

  private PolicyArgs policyArgs(RatePolicy policy) {
    PolicyArgs last = lastPolicy;
    if (last != null && last.policy == policy) {
      return last;
    }
    PolicyArgs computed = new PolicyArgs(policy);
    lastPolicy = computed;
    return computed;
  }

  /** The exception for a failed wait: the stage's own one if it already failed with it. */
  private static RateLimitStoreException failed(Calls.RedisUnavailable e) {
    return unavailable(e.getCause() instanceof RateLimitStoreException s ? s : e);
  }

  /**
   * The SPI's exception for a failure to get an answer: a timeout, a lost or refused connection, an
   * error reply, or a reply this store cannot read. Lettuce's and Redis's messages name the
   * failure, never keys or arguments.
   */
  private static RateLimitStoreException unavailable(Throwable error) {
    Throwable cause =
        error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause()
            : error;
    if (cause instanceof RateLimitStoreException already) {
      return already;
    }
    return new RateLimitStoreException("Redis rate-limit store unavailable", cause);
  }

  /** A policy's limits as script arguments, in microseconds. */
  private static final class PolicyArgs {
    final RatePolicy policy;
    final String name;
    final int count;
    final byte[] countArg;
    final byte[][] intervals;
    final byte[][] windows;
    final long[] intervalMicros;
    final long[] windowMicros;

    PolicyArgs(RatePolicy policy) {
      this.policy = policy;
      this.name = policy.name();
      this.count = policy.limitCount();
      this.countArg = Calls.arg(count);
      this.intervals = new byte[count][];
      this.windows = new byte[count][];
      this.intervalMicros = new long[count];
      this.windowMicros = new long[count];
      for (int i = 0; i < count; i++) {
        RateLimit limit = policy.limits().get(i);
        intervalMicros[i] = intervalMicros(limit);
        windowMicros[i] = intervalMicros[i] * limit.capacity();
        intervals[i] = Calls.arg(intervalMicros[i]);
        windows[i] = Calls.arg(windowMicros[i]);
      }
    }
  }

  /** A limit's refill interval in whole microseconds, rounded up (stricter, never looser). */
  static long intervalMicros(RateLimit limit) {
    return Math.floorDiv(limit.refillIntervalNanos() + 999, 1_000L);
  }

  /**
   * One acquisition in a {@link #tryAcquireAll} batch: {@code permits} for the store key {@code
   * key} under {@code policy}. Its {@code toString()} never shows the key.
   *
   * @param policy the policy whose limits apply
   * @param key the store key, normalized (and hashed, if the policy says so) as a limiter hands it
   *     to a store; see {@link dev.bulwark.ratelimit.RateLimitKey#canonical()} and {@link
   *     dev.bulwark.ratelimit.KeyPrivacy#apply(String)}
   * @param permits from 1 to the policy's smallest capacity
   */
  public record Request(RatePolicy policy, String key, int permits) {
    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if {@code permits} is not in {@code [1,
     *     policy.minCapacity()]} or the key is empty
     */
    public Request {
      Checks.requireNonNull(policy, "policy");
      Checks.requireNonNull(key, "key");
      Checks.requireArgument(!key.isEmpty(), "key must not be empty");
      Checks.requireInRange("permits", permits, 1, policy.minCapacity());
    }

    /** One permit of {@code key} under {@code policy}. */
    public static Request of(RatePolicy policy, String key) {
      return new Request(policy, key, 1);
    }

    @Override
    public String toString() {
      return "Request[" + policy.name() + ", permits=" + permits + "]";
    }
  }

  /** Configures a {@link RedisRateLimitStore}. */
  public static final class Builder {
    private final RedisBackend redis;
    private @Nullable Ticker callerTicker;

    private Builder(RedisBackend redis) {
      this.redis = Checks.requireNonNull(redis, "redis");
    }

    /**
     * Decides with this ticker's readings instead of the Redis server's {@code TIME}. Every process
     * writing the same keys must then share one time base (a wall-clock ticker such as {@code () ->
     * clock.instant()} in nanoseconds since the epoch, not {@link System#nanoTime()}, whose origin
     * differs per JVM), and readings divided by 1,000 must stay within &plusmn;2<sup>52</sup>
     * microseconds (past that, calls throw {@link IllegalStateException}). Keys still expire on the
     * server's clock, so the ticker must run at real speed. For tests and for hosts that keep their
     * own trusted time; server time is the right choice otherwise.
     */
    @CanIgnoreReturnValue
    public Builder callerTicker(Ticker ticker) {
      this.callerTicker = Checks.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Decides with the Redis server's clock; the default. */
    @CanIgnoreReturnValue
    public Builder serverTime() {
      this.callerTicker = null;
      return this;
    }

    /** Returns the store. */
    public RedisRateLimitStore build() {
      return new RedisRateLimitStore(this);
    }
  }
}
