package dev.bulwark.redis.ratelimit;

import dev.bulwark.ratelimit.spi.ChallengeStore;
import dev.bulwark.ratelimit.spi.ChallengeStoreContract;
import dev.bulwark.ratelimit.spi.ContractClock;
import dev.bulwark.redis.RedisTestBackend;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RedisChallengeStore} on a three-master Redis Cluster, against the contract. Entries expire
 * by the servers' clocks, so letting time pass means waiting.
 */
class RedisChallengeStoreClusterTest extends ChallengeStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.cluster();

  @Override
  protected ChallengeStore newStore(ContractClock clock) {
    return RedisChallengeStore.create(REDIS.backend());
  }

  @Override
  protected void elapse(Duration d) {
    RedisChallengeStoreTest.sleep(d);
  }
}
