package dev.bulwark.redis.storage;

import dev.bulwark.redis.RedisTestBackend;
import dev.bulwark.storage.spi.BlobStore;
import dev.bulwark.storage.spi.contract.BlobStoreContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RedisBlobStore} on a three-master Redis Cluster passes the same contract as its in-memory
 * twin: each recipient's keys share a hash tag, and the scans cover every node.
 */
class RedisBlobStoreClusterTest extends BlobStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.cluster();

  private RedisBlobStore store;

  @BeforeEach
  void createStore() {
    store = RedisBlobStore.create(REDIS.backend());
  }

  @Override
  protected BlobStore store() {
    return store;
  }
}
