package dev.bulwark.redis.verification;

import dev.bulwark.redis.RedisTestBackend;
import dev.bulwark.verification.spi.RecoveryCodeStore;
import dev.bulwark.verification.spi.RecoveryCodeStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link RecoveryCodeStore} contract for the Redis store on a standalone server. */
class RedisRecoveryCodeStoreTest extends RecoveryCodeStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.standalone();

  @Override
  protected RecoveryCodeStore newStore() {
    return RedisRecoveryCodeStore.create(REDIS.backend());
  }
}
