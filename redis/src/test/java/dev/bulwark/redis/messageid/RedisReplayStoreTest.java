package dev.bulwark.redis.messageid;

import dev.bulwark.messageid.spi.ReplayStore;
import dev.bulwark.messageid.spi.ReplayStoreContract;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.ServerTime;
import dev.bulwark.redis.TestBackends;
import dev.bulwark.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link ReplayStore} contract for the Redis store on a standalone server. */
class RedisReplayStoreTest extends ReplayStoreContract {
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
  protected ReplayStore newStore(InstantSource clock) {
    return RedisReplayStore.builder(backend).clock(clock).build();
  }

  @Override
  protected ReplayStore newStoreWithIdCapacity(InstantSource clock, int ids) {
    return RedisReplayStore.builder(backend).clock(clock).maximumIdsPerScope(ids).build();
  }

  @Override
  protected void timePassed(Duration elapsed) {
    ServerTime.pass(List.of(REDIS.server()), backend.keyPrefix(), elapsed);
  }
}
