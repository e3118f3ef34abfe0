package dev.bulwark.redis.verification;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisClusterExtension;
import dev.bulwark.verification.spi.CodeStore;
import dev.bulwark.verification.spi.CodeStoreContract;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link CodeStore} contract for the Redis store on a three-master Redis Cluster. */
class RedisCodeStoreClusterTest extends CodeStoreContract {
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
  protected CodeStore newStore(InstantSource clock) {
    return RedisCodeStore.builder(backend).clock(clock).build();
  }

  @Override
  protected void timePassed(Duration elapsed) {
    ServerTime.pass(CLUSTER.cluster().nodes(), backend.keyPrefix(), elapsed);
  }
}
