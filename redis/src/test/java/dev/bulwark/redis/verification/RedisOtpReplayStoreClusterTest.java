package dev.bulwark.redis.verification;

import dev.bulwark.redis.RedisTestBackend;
import dev.bulwark.verification.spi.OtpReplayStore;
import dev.bulwark.verification.spi.OtpReplayStoreContract;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link OtpReplayStore} contract for the Redis store on a three-master Redis Cluster. */
class RedisOtpReplayStoreClusterTest extends OtpReplayStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.cluster();

  @Override
  protected OtpReplayStore newStore(InstantSource clock) {
    return RedisOtpReplayStore.builder(REDIS.backend()).clock(clock).build();
  }

  @Override
  protected void timePassed(Duration elapsed) {
    REDIS.timePassed(elapsed);
  }
}
