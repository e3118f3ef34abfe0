package dev.bulwark.redis.ratelimit;

import dev.bulwark.ratelimit.spi.BlocklistStore;
import dev.bulwark.ratelimit.spi.BlocklistStoreContract;
import dev.bulwark.ratelimit.spi.ContractClock;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RedisBlocklistStore} on a three-master Redis Cluster, against the contract. */
class RedisBlocklistStoreClusterTest extends BlocklistStoreContract {
  @RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();

  private static RedisBackend redis;

  @BeforeAll
  static void connect() {
    redis = RedisAbuseStoresCluster.connect(CLUSTER.cluster());
  }

  @AfterAll
  static void disconnect() {
    redis.close();
  }

  @Override
  protected BlocklistStore newStore(ContractClock clock) {
    return RedisBlocklistStore.builder(redis).clock(clock.instantSource()).build();
  }

  @Override
  protected long resolutionNanos() {
    return 1_000; // deadlines in microseconds, TIME's resolution
  }
}
