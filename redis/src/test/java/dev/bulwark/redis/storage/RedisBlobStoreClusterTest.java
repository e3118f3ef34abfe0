package dev.bulwark.redis.storage;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.storage.spi.BlobStore;
import dev.bulwark.storage.spi.contract.BlobStoreContract;
import dev.bulwark.testkit.redis.RedisClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RedisBlobStore} on a three-master Redis Cluster passes the same contract as its in-memory
 * twin: each recipient's keys share a hash tag, and the scans cover every node.
 */
class RedisBlobStoreClusterTest extends BlobStoreContract {
  @RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();

  private RedisBackend redis;
  private RedisBlobStore store;

  @BeforeEach
  void connect() {
    redis = Connections.cluster(CLUSTER.cluster());
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
