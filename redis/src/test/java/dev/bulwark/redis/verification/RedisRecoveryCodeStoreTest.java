package dev.bulwark.redis.verification;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.TestBackends;
import dev.bulwark.testkit.redis.RedisServerExtension;
import dev.bulwark.verification.spi.RecoveryCodeStore;
import dev.bulwark.verification.spi.RecoveryCodeStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link RecoveryCodeStore} contract for the Redis store on a standalone server. */
class RedisRecoveryCodeStoreTest extends RecoveryCodeStoreContract {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.shared();

  private static RedisBackend backend;

  @BeforeAll
  static void connect() {
    backend = TestBackends.standalone(REDIS.server().uri());
  }

  @AfterAll
  static void disconnect() {
    backend.close();
  }

  @Override
  protected RecoveryCodeStore newStore() {
    return RedisRecoveryCodeStore.create(backend);
  }
}
