package dev.bulwark.redis.ratelimit;

import dev.bulwark.ratelimit.spi.BlocklistStore;
import dev.bulwark.ratelimit.spi.BlocklistStoreContract;
import dev.bulwark.ratelimit.spi.ContractClock;
import dev.bulwark.redis.RedisTestBackend;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RedisBlocklistStore} on a three-master Redis Cluster, against the contract. */
class RedisBlocklistStoreClusterTest extends BlocklistStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.cluster();

  @Override
  protected BlocklistStore newStore(ContractClock clock) {
    return RedisBlocklistStore.builder(REDIS.backend()).clock(clock.instantSource()).build();
  }

  @Override
  protected long resolutionNanos() {
    return 1_000; // deadlines in microseconds, TIME's resolution
  }
}
