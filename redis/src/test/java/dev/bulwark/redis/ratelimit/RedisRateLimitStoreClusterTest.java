package dev.bulwark.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.Ticker;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import dev.bulwark.ratelimit.spi.RateLimitStoreContract;
import dev.bulwark.ratelimit.spi.StoreOperation;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.ratelimit.RedisRateLimitStore.Request;
import dev.bulwark.testkit.redis.RedisClusterExtension;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis store on a three-master Redis Cluster: the SPI contract (multi-limit policies need all
 * of a subject's keys in one slot, or Redis refuses the script), and batches that span slots.
 */
class RedisRateLimitStoreClusterTest extends RateLimitStoreContract {
  @RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();

  private final List<RedisBackend> backends = new ArrayList<>();

  private RedisBackend backend() {
    RedisBackend backend =
        RedisBackend.builder()
            .cluster(CLUSTER.cluster().uris())
            .commandTimeout(Duration.ofSeconds(2))
            .build();
    backends.add(backend);
    return backend;
  }

  @Override
  protected RateLimitStore newStore(Ticker ticker) {
    return RedisRateLimitStore.builder(backend()).callerTicker(ticker).build();
  }

  @AfterEach
  void closeBackends() {
    backends.forEach(RedisBackend::close);
  }

  @Test
  void serverTimeWorksOnEveryNode() {
    RedisRateLimitStore store = RedisRateLimitStore.create(backend());
    RatePolicy p =
        RatePolicy.of("nodes", RateLimit.of(1, Duration.ofMinutes(1)), RateLimit.perDay(10));
    Set<Integer> slots = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      String key = "k" + i;
      slots.add(SlotHash.getSlot("bulwark:rl:{nodes:" + key + "}:0"));
      assertThat(store.tryAcquire(p, key)).isTrue();
      assertThat(store.tryAcquire(p, key)).isFalse();
    }
    assertThat(slots).hasSizeGreaterThan(20);
  }

  @Test
  void aBatchTakesOneEvalshaPerSlotAndDecidesEachRequestIndependently() {
    RedisRateLimitStore store =
        RedisRateLimitStore.builder(backend()).callerTicker(() -> 7_000_000_000L).build();
    RatePolicy ip = RatePolicy.of("ip", RateLimit.of(1, Duration.ofMinutes(1)));
    RatePolicy phone =
        RatePolicy.of("phone", RateLimit.of(2, Duration.ofHours(1)), RateLimit.perDay(5));
    RatePolicy global = RatePolicy.of("global", RateLimit.of(1_000, Duration.ofMillis(1)));
    List<Request> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(Request.of(ip, "ip4:" + i));
      batch.add(Request.of(phone, "h:" + i));
    }
    batch.add(Request.of(global, "all"));
    batch.add(Request.of(ip, "ip4:0")); // same subject again: decided after the first, denied
    Set<Integer> slots = new HashSet<>();
    for (Request r : batch) {
      slots.add(SlotHash.getSlot("bulwark:rl:{" + r.policy().name() + ":" + r.key() + "}:0"));
    }
    assertThat(store.tryAcquire(global, "warm-up")).isTrue(); // loads the script where it lands
    for (int node = 0; node < 3; node++) {
      // Load the script on every node so the count below is of EVALSHA alone.
      CLUSTER.cluster().nodes().get(node).command("SCRIPT", "LOAD", gcraSource());
    }
    CLUSTER.cluster().resetStats();
    List<RateLimitDecision> decisions = store.tryAcquireAll(batch);
    assertThat(decisions).hasSize(batch.size());
    assertThat(decisions.subList(0, 11)).allMatch(RateLimitDecision::isAllowed);
    assertThat(decisions.get(11).isAllowed()).isFalse();
    assertThat(CLUSTER.cluster().commandCalls("evalsha")).isEqualTo(slots.size());
    assertThat(store.apply(phone, "h:3", StoreOperation.CHECK, 1).remaining()).isEqualTo(0);
  }

  private static String gcraSource() {
    try (var in = RedisRateLimitStore.class.getResourceAsStream("gcra.lua")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
