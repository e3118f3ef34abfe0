package dev.bulwark.redis.messageid;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.bulwark.messageid.spi.ReplayStore;
import dev.bulwark.messageid.spi.ReplayStoreContract;
import dev.bulwark.redis.RedisTestBackend;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link ReplayStore} contract for the Redis store on a three-master Redis Cluster, with scopes
 * named by the keyed hash (the standalone run covers the unkeyed one).
 */
class RedisReplayStoreClusterTest extends ReplayStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.cluster();

  private static final byte[] SCOPE_HASH_KEY =
      "a scope hash key of 32 bytes or more".getBytes(UTF_8);

  @Override
  protected ReplayStore newStore(InstantSource clock) {
    return RedisReplayStore.builder(REDIS.backend())
        .scopeHashKey(SCOPE_HASH_KEY)
        .clock(clock)
        .build();
  }

  @Override
  protected ReplayStore newStoreWithIdCapacity(InstantSource clock, int ids) {
    return RedisReplayStore.builder(REDIS.backend())
        .scopeHashKey(SCOPE_HASH_KEY)
        .clock(clock)
        .maximumIdsPerScope(ids)
        .build();
  }

  @Override
  protected void timePassed(Duration elapsed) {
    REDIS.timePassed(elapsed);
  }
}
