package dev.bulwark.benchmarks.redis;

import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.spi.StoreOperation;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.ratelimit.RedisRateLimitStore;
import dev.bulwark.testkit.redis.RedisServer;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * The Bulwark-to-floor ratio of {@link RedisRateLimitBenchmark}, measured so that a shared machine
 * cannot skew it: one JVM and one {@code redis-server}, Bulwark and the bare script alternating in
 * short rounds (100 times 64 decisions in flight), so both see the same load; the median over
 * rounds of each round pair's ratio is reported. A main, not JMH: it trades JMH's rigour on one
 * method for a ratio that drifting load cannot fake.
 *
 * <pre>
 * {@code java -cp benchmarks/target/benchmarks.jar dev.bulwark.benchmarks.redis.RedisRateLimitInterleaved}
 * </pre>
 */
public final class RedisRateLimitInterleaved {
  private static final int IN_FLIGHT = RedisRateLimitBenchmark.IN_FLIGHT;
  private static final int BATCHES = 100;
  private static final int WARM_UP_ROUNDS = 5;
  private static final int ROUNDS = 21;

  private RedisRateLimitInterleaved() {}

  public static void main(String[] args) {
    System.out.printf(
        Locale.ROOT, "%-6s %-6s %14s %14s %10s%n", "keys", "load", "bulwark/s", "floor/s", "ratio");
    try (RedisServer server = RedisServer.start();
        RedisBackend redis =
            RedisBackend.builder()
                .standalone(server.uri())
                .commandTimeout(Duration.ofSeconds(10))
                .build()) {
      String floorSha =
          redis
              .commands()
              .scriptLoad(RedisRateLimitBenchmark.FLOOR_SCRIPT)
              .toCompletableFuture()
              .join();
      RedisRateLimitStore store = RedisRateLimitStore.create(redis);
      for (int keys : new int[] {1, 10_000}) {
        for (String workload : new String[] {"admit", "deny"}) {
          RateLimit limit = RedisRateLimitBenchmark.limit(workload);
          RatePolicy policy = RatePolicy.of("bench", limit);
          byte[] interval = ascii(limit.refillIntervalNanos() / 1_000);
          byte[] window = ascii(limit.refillIntervalNanos() / 1_000 * limit.capacity());
          String[] storeKeys = new String[keys];
          String[][] floorKeys = new String[keys][];
          for (int i = 0; i < keys; i++) {
            storeKeys[i] = "ip4:10.0." + (i >>> 8) + "." + (i & 0xFF);
            floorKeys[i] = new String[] {"floor:{" + storeKeys[i] + "}"};
          }
          redis.commands().flushall().toCompletableFuture().join();
          IntFunction<CompletableFuture<?>> bulwark =
              i ->
                  store
                      .applyAsync(policy, storeKeys[i], StoreOperation.ACQUIRE, 1)
                      .toCompletableFuture();
          IntFunction<CompletableFuture<?>> floor =
              i ->
                  redis
                      .commands()
                      .evalsha(floorSha, ScriptOutputType.INTEGER, floorKeys[i], interval, window)
                      .toCompletableFuture();
          double[] bulwarkRates = new double[ROUNDS];
          double[] floorRates = new double[ROUNDS];
          double[] ratios = new double[ROUNDS];
          long seed = 42;
          for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
            double b = rate(bulwark, keys, seed++);
            double f = rate(floor, keys, seed++);
            if (round >= 0) {
              bulwarkRates[round] = b;
              floorRates[round] = f;
              ratios[round] = b / f;
            }
          }
          System.out.printf(
              Locale.ROOT,
              "%-6d %-6s %,14.0f %,14.0f %10.2f%n",
              keys,
              workload,
              median(bulwarkRates),
              median(floorRates),
              median(ratios));
        }
      }
    }
  }

  /** Decisions per second over one round of {@code BATCHES} batches of 64 in flight. */
  private static double rate(IntFunction<CompletableFuture<?>> decide, int keys, long seed) {
    long state = seed * 0x9E3779B97F4A7C15L | 1;
    CompletableFuture<?>[] inFlight = new CompletableFuture<?>[IN_FLIGHT];
    long start = System.nanoTime();
    for (int batch = 0; batch < BATCHES; batch++) {
      for (int i = 0; i < IN_FLIGHT; i++) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        inFlight[i] = decide.apply((int) ((state >>> 1) % keys));
      }
      for (CompletableFuture<?> f : inFlight) {
        f.join();
      }
    }
    return (double) BATCHES * IN_FLIGHT / ((System.nanoTime() - start) / 1e9);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static byte[] ascii(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }
}
