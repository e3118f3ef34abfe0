package dev.bulwark.redis.messageid;

import dev.bulwark.messageid.spi.ReplayStore;
import dev.bulwark.messageid.spi.ReplayStoreContract;
import dev.bulwark.redis.RedisTestBackend;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link ReplayStore} contract for the Redis store on a standalone server. */
class RedisReplayStoreTest extends ReplayStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.standalone();

  @Override
  protected ReplayStore newStore(InstantSource clock) {
    return RedisReplayStore.builder(REDIS.backend()).clock(clock).build();
  }

  @Override
  protected ReplayStore newStoreWithIdCapacity(InstantSource clock, int ids) {
    return RedisReplayStore.builder(REDIS.backend()).clock(clock).maximumIdsPerScope(ids).build();
  }

  @Override
  protected void timePassed(Duration elapsed) {
    REDIS.timePassed(elapsed);
  }
}
