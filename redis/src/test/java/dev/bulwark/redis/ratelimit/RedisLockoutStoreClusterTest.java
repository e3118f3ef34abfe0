package dev.bulwark.redis.ratelimit;

import dev.bulwark.ratelimit.spi.ContractClock;
import dev.bulwark.ratelimit.spi.LockoutStore;
import dev.bulwark.ratelimit.spi.LockoutStoreContract;
import dev.bulwark.redis.RedisTestBackend;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RedisLockoutStore} on a three-master Redis Cluster, against the contract. */
class RedisLockoutStoreClusterTest extends LockoutStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.cluster();

  @Override
  protected LockoutStore newStore(ContractClock clock) {
    return RedisLockoutStore.builder(REDIS.backend()).clock(clock.instantSource()).build();
  }
}
