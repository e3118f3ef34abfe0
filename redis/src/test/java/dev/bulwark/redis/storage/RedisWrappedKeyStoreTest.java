package dev.bulwark.redis.storage;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.storage.spi.WrappedKeyStore;
import dev.bulwark.storage.spi.contract.WrappedKeyStoreContract;
import dev.bulwark.testkit.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RedisWrappedKeyStore} on a standalone redis-server passes the same contract as its
 * in-memory twin.
 */
class RedisWrappedKeyStoreTest extends WrappedKeyStoreContract {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.shared();

  private RedisBackend redis;
  private RedisWrappedKeyStore store;

  @BeforeEach
  void connect() {
    redis = RedisBackend.standalone(REDIS.server().uri());
    store = RedisWrappedKeyStore.create(redis);
  }

  @AfterEach
  void disconnect() {
    redis.close();
  }

  @Override
  protected WrappedKeyStore store() {
    return store;
  }
}
