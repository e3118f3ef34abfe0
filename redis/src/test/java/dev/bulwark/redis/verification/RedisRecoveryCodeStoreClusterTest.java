package dev.bulwark.redis.verification;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisClusterExtension;
import dev.bulwark.verification.spi.RecoveryCodeStore;
import dev.bulwark.verification.spi.RecoveryCodeStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link RecoveryCodeStore} contract for the Redis store on a three-master Redis Cluster. */
class RedisRecoveryCodeStoreClusterTest extends RecoveryCodeStoreContract {
  @RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();

  private static RedisBackend backend;

  @BeforeAll
  static void connect() {
    backend = TestBackends.cluster(CLUSTER.cluster().uris());
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
