package dev.bulwark.redis.storage;

import dev.bulwark.redis.RedisTestBackend;
import dev.bulwark.storage.spi.WrappedKeyStore;
import dev.bulwark.storage.spi.contract.WrappedKeyStoreContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RedisWrappedKeyStore} on a three-master Redis Cluster passes the same contract as its
 * in-memory twin: each recipient's keys share a hash tag, and the scans cover every node.
 */
class RedisWrappedKeyStoreClusterTest extends WrappedKeyStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.cluster();

  private RedisWrappedKeyStore store;

  @BeforeEach
  void createStore() {
    store = RedisWrappedKeyStore.create(REDIS.backend());
  }

  @Override
  protected WrappedKeyStore store() {
    return store;
  }
}
