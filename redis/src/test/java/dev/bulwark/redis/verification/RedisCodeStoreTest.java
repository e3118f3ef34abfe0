package dev.bulwark.redis.verification;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.ServerTime;
import dev.bulwark.redis.TestBackends;
import dev.bulwark.testkit.redis.RedisServerExtension;
import dev.bulwark.verification.spi.CodeStore;
import dev.bulwark.verification.spi.CodeStoreContract;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link CodeStore} contract for the Redis store on a standalone server. */
class RedisCodeStoreTest extends CodeStoreContract {
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
  protected CodeStore newStore(InstantSource clock) {
    return RedisCodeStore.builder(backend).clock(clock).build();
  }

  @Override
  protected void timePassed(Duration elapsed) {
    ServerTime.pass(List.of(REDIS.server()), backend.keyPrefix(), elapsed);
  }
}
