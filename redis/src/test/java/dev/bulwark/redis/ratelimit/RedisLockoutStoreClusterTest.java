package dev.bulwark.redis.ratelimit;

import dev.bulwark.ratelimit.spi.ContractClock;
import dev.bulwark.ratelimit.spi.LockoutStore;
import dev.bulwark.ratelimit.spi.LockoutStoreContract;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RedisLockoutStore} on a three-master Redis Cluster, against the contract. */
class RedisLockoutStoreClusterTest extends LockoutStoreContract {
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
  protected LockoutStore newStore(ContractClock clock) {
    return RedisLockoutStore.builder(redis).clock(clock.instantSource()).build();
  }
}
