package dev.bulwark.redis.ratelimit;

import dev.bulwark.ratelimit.spi.ChallengeStore;
import dev.bulwark.ratelimit.spi.ChallengeStoreContract;
import dev.bulwark.ratelimit.spi.ContractClock;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisClusterExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RedisChallengeStore} on a three-master Redis Cluster, against the contract. Entries expire
 * by the servers' clocks, so letting time pass means waiting.
 */
class RedisChallengeStoreClusterTest extends ChallengeStoreContract {
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
  protected ChallengeStore newStore(ContractClock clock) {
    return RedisChallengeStore.create(redis);
  }

  @Override
  protected void elapse(Duration d) {
    RedisChallengeStoreTest.sleep(d);
  }
}
