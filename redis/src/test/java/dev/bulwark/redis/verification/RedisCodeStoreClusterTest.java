package dev.bulwark.redis.verification;

import dev.bulwark.redis.RedisTestBackend;
import dev.bulwark.verification.spi.CodeStore;
import dev.bulwark.verification.spi.CodeStoreContract;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link CodeStore} contract for the Redis store on a three-master Redis Cluster. */
class RedisCodeStoreClusterTest extends CodeStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.cluster();

  @Override
  protected CodeStore newStore(InstantSource clock) {
    return RedisCodeStore.builder(REDIS.backend()).clock(clock).build();
  }

  @Override
  protected void timePassed(Duration elapsed) {
    REDIS.timePassed(elapsed);
  }
}
