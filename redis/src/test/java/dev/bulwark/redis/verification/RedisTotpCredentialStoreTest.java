package dev.bulwark.redis.verification;

import dev.bulwark.redis.RedisTestBackend;
import dev.bulwark.verification.spi.TotpCredentialStore;
import dev.bulwark.verification.spi.TotpCredentialStoreContract;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link TotpCredentialStore} contract for the Redis store on a standalone server. */
class RedisTotpCredentialStoreTest extends TotpCredentialStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.standalone();

  @Override
  protected TotpCredentialStore newStore(InstantSource clock) {
    return RedisTotpCredentialStore.builder(REDIS.backend()).clock(clock).build();
  }

  @Override
  protected void timePassed(Duration elapsed) {
    REDIS.timePassed(elapsed);
  }
}
