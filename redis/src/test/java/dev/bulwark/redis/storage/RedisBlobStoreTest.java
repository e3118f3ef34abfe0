package dev.bulwark.redis.storage;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.storage.spi.BlobStore;
import dev.bulwark.storage.spi.contract.BlobStoreContract;
import dev.bulwark.testkit.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RedisBlobStore} on a standalone redis-server passes the same contract as its in-memory
 * twin.
 */
class RedisBlobStoreTest extends BlobStoreContract {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.shared();

  private RedisBackend redis;
  private RedisBlobStore store;

  @BeforeEach
  void connect() {
    redis = RedisBackend.standalone(REDIS.server().uri());
    store = RedisBlobStore.create(redis);
  }

  @AfterEach
  void disconnect() {
    redis.close();
  }

  @Override
  protected BlobStore store() {
    return store;
  }
}
