package dev.bulwark.benchmarks.redis;

import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.spi.StoreOperation;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.ratelimit.RedisRateLimitStore;
import dev.bulwark.testkit.redis.RedisServer;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Rate-limit decisions in Redis, 64 in flight through one Lettuce connection per implementation
 * (each invocation issues 64 asynchronous decisions, then waits for all of them), against a real
 * {@code redis-server} on loopback: one started for the fork with testkit's {@link RedisServer}
 * (same binary and settings for every benchmark), or the one named by {@code
 * -Dbulwark.redis.uri=redis://127.0.0.1:6379}.
 *
 * <ul>
 *   <li>{@code bulwark}: {@link RedisRateLimitStore#applyAsync}, one {@code EVALSHA} of the whole
 *       GCRA script per decision, on the Redis server's clock.
 *   <li>{@code bucket4jLettuce}: Bucket4j's Lettuce proxy manager (compare-and-swap: read the
 *       bucket, then a script that writes it if unchanged, retried on conflict).
 *   <li>{@code floorBareScript}: the floor, a bare GCRA script of a few lines in this class, one
 *       {@code EVALSHA} per decision on the same connection type.
 * </ul>
 *
 * <p>{@code keys=1} is one hot key; {@code keys=10000} a random one of 10,000 per request. {@code
 * workload=admit} never denies; {@code deny} admits one request per key per day, so almost every
 * decision is a denial. At the end of each trial the number of {@code evalsha} calls in the
 * server's {@code INFO commandstats} must equal the number of decisions for {@code bulwark} and the
 * floor, or the trial fails.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RedisRateLimitBenchmark {
  static final int IN_FLIGHT = 64;

  /** The floor: a bare GCRA decision on the server's clock, for one key and one limit. */
  static final String FLOOR_SCRIPT =
      String.join(
          "\n",
          "local t = redis.call('TIME')",
          "local now = t[1] * 1000000 + t[2]",
          "local tat = tonumber(redis.call('GET', KEYS[1])) or now",
          "if tat < now then tat = now end",
          "local new = tat + tonumber(ARGV[1])",
          "if new - now > tonumber(ARGV[2]) then return 0 end",
          "redis.call('SET', KEYS[1], string.format('%.0f', new),",
          "  'PX', string.format('%.0f', math.ceil((new - now) / 1000)))",
          "return 1");

  @Param({"1", "10000"})
  public int keys;

  @Param({"admit", "deny"})
  public String workload;

  private RedisServer server;
  private RedisBackend backend;
  private RedisRateLimitStore store;
  private RatePolicy policy;
  private String[] storeKeys;
  private String[] floorKeys;
  private String floorSha;
  private byte[] floorInterval;
  private byte[] floorWindow;
  private RedisClient bucket4jClient;
  private StatefulRedisConnection<String, byte[]> bucket4jConnection;
  private LettuceBasedProxyManager<String> bucket4j;
  private Supplier<CompletableFuture<BucketConfiguration>> bucket4jConfiguration;
  private final AtomicLong decisions = new AtomicLong();

  /** Each benchmark thread walks its own pseudo-random sequence of key indexes. */
  @State(Scope.Thread)
  public static class Cursor {
    private long state = System.identityHashCode(this) | 1L;

    int next(int bound) {
      state ^= state << 13;
      state ^= state >>> 7;
      state ^= state << 17;
      return (int) ((state >>> 1) % bound);
    }
  }

  @Setup
  public void setUp(BenchmarkParams params) {
    String uri = System.getProperty("bulwark.redis.uri");
    if (uri == null) {
      server = RedisServer.start();
      uri = server.uri();
    }
    RateLimit limit = limit(workload);
    policy = RatePolicy.of("bench", limit);
    storeKeys = new String[keys];
    floorKeys = new String[keys];
    for (int i = 0; i < keys; i++) {
      storeKeys[i] = "ip4:10.0." + (i >>> 8) + "." + (i & 0xFF);
      floorKeys[i] = "floor:{" + storeKeys[i] + "}";
    }
    backend = RedisBackend.builder().standalone(uri).commandTimeout(Duration.ofSeconds(10)).build();
    store = RedisRateLimitStore.create(backend);

    long intervalMicros = limit.refillIntervalNanos() / 1_000;
    floorInterval = arg(intervalMicros);
    floorWindow = arg(intervalMicros * limit.capacity());
    floorSha = join(backend.commands().scriptLoad(FLOOR_SCRIPT));

    bucket4jClient = RedisClient.create(uri);
    bucket4jConnection =
        bucket4jClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    bucket4j =
        Bucket4jLettuce.casBasedBuilder(bucket4jConnection)
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    Duration.ofDays(2)))
            .build();
    Bandwidth bandwidth =
        BandwidthBuilder.builder()
            .capacity(limit.capacity())
            .refillGreedy(limit.capacity(), Duration.ofNanos(limit.burstWindowNanos()))
            .build();
    BucketConfiguration configuration = BucketConfiguration.builder().addLimit(bandwidth).build();
    CompletableFuture<BucketConfiguration> ready = CompletableFuture.completedFuture(configuration);
    bucket4jConfiguration = () -> ready;

    // Load the Bulwark script before counting, so every counted EVALSHA is a decision.
    RateLimitDecision ignored = store.apply(policy, "warm-up", StoreOperation.CHECK, 1);
    flushAndResetStats();
    decisions.set(0);
  }

  private void flushAndResetStats() {
    join(backend.commands().flushall());
    join(backend.commands().configResetstat());
  }

  @TearDown
  public void tearDown(BenchmarkParams params) {
    try {
      String benchmark = params.getBenchmark();
      if (!benchmark.endsWith("bucket4jLettuce")) {
        String stats = evalshaStats();
        long evalsha = stats.isEmpty() ? 0 : Long.parseLong(field(stats, "calls"));
        System.out.printf(
            Locale.ROOT,
            "%n%s: %,d decisions, %,d EVALSHA, %s us of server time per EVALSHA%n",
            benchmark,
            decisions.get(),
            evalsha,
            stats.isEmpty() ? "-" : field(stats, "usec_per_call"));
        if (evalsha != decisions.get()) {
          throw new IllegalStateException(
              "expected exactly one EVALSHA per decision: "
                  + decisions.get()
                  + " decisions, "
                  + evalsha
                  + " EVALSHA");
        }
      }
    } finally {
      bucket4jConnection.close();
      bucket4jClient.shutdown();
      backend.close();
      if (server != null) {
        server.close();
      }
    }
  }

  /** The {@code cmdstat_evalsha} line of {@code INFO commandstats}, or "" if none. */
  private String evalshaStats() {
    String info = join(backend.commands().info("commandstats"));
    for (String line : info.split("\r\n")) {
      if (line.startsWith("cmdstat_evalsha:")) {
        return line.substring("cmdstat_evalsha:".length());
      }
    }
    return "";
  }

  private static String field(String stats, String name) {
    for (String part : stats.split(",")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    throw new IllegalStateException("no " + name + " in INFO commandstats");
  }

  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  @SuppressWarnings("unchecked")
  public int bulwark(Cursor cursor) {
    CompletableFuture<RateLimitDecision>[] inFlight = new CompletableFuture[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      inFlight[i] =
          store
              .applyAsync(policy, storeKeys[cursor.next(keys)], StoreOperation.ACQUIRE, 1)
              .toCompletableFuture();
    }
    int allowed = 0;
    for (CompletableFuture<RateLimitDecision> f : inFlight) {
      allowed += f.join().isAllowed() ? 1 : 0;
    }
    decisions.addAndGet(IN_FLIGHT);
    return allowed;
  }

  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  @SuppressWarnings("unchecked")
  public int bucket4jLettuce(Cursor cursor) {
    CompletableFuture<Boolean>[] inFlight = new CompletableFuture[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      inFlight[i] =
          bucket4j
              .asAsync()
              .builder()
              .build(storeKeys[cursor.next(keys)], bucket4jConfiguration)
              .tryConsume(1);
    }
    int allowed = 0;
    for (CompletableFuture<Boolean> f : inFlight) {
      allowed += f.join() ? 1 : 0;
    }
    return allowed;
  }

  /** The floor: a bare GCRA script, one EVALSHA per decision, nothing around it. */
  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  @SuppressWarnings("unchecked")
  public int floorBareScript(Cursor cursor) {
    CompletableFuture<Long>[] inFlight = new CompletableFuture[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      String[] key = {floorKeys[cursor.next(keys)]};
      inFlight[i] =
          backend
              .commands()
              .<Long>evalsha(floorSha, ScriptOutputType.INTEGER, key, floorInterval, floorWindow)
              .toCompletableFuture();
    }
    int allowed = 0;
    for (CompletableFuture<Long> f : inFlight) {
      allowed += f.join().intValue();
    }
    decisions.addAndGet(IN_FLIGHT);
    return allowed;
  }

  /** The limit of a workload: {@code admit} never denies here, {@code deny} admits once a day. */
  static RateLimit limit(String workload) {
    return workload.equals("admit")
        // 10^9 in a burst, one back every microsecond: never runs dry here.
        ? RateLimit.of(1_000_000_000, Duration.ofNanos(1_000))
        : RateLimit.of(1, Duration.ofDays(1));
  }

  private static byte[] arg(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }
}
