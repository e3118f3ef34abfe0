package dev.bulwark.redis.verification;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisClusterExtension;
import dev.bulwark.verification.spi.TotpCredentialStore;
import dev.bulwark.verification.spi.TotpCredentialStoreContract;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link TotpCredentialStore} contract for the Redis store on a three-master Redis Cluster. */
class RedisTotpCredentialStoreClusterTest extends TotpCredentialStoreContract {
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
  protected TotpCredentialStore newStore(InstantSource clock) {
    return RedisTotpCredentialStore.builder(backend).clock(clock).build();
  }

  @Override
  protected void timePassed(Duration elapsed) {
    ServerTime.pass(CLUSTER.cluster().nodes(), backend.keyPrefix(), elapsed);
  }
}
