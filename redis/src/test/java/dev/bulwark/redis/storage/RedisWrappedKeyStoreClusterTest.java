package dev.bulwark.redis.storage;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.storage.spi.WrappedKeyStore;
import dev.bulwark.storage.spi.contract.WrappedKeyStoreContract;
import dev.bulwark.testkit.redis.RedisClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RedisWrappedKeyStore} on a three-master Redis Cluster passes the same contract as its
 * in-memory twin: each recipient's keys share a hash tag, and the scans cover every node.
 */
class RedisWrappedKeyStoreClusterTest extends WrappedKeyStoreContract {
  @RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();

  private RedisBackend redis;
  private RedisWrappedKeyStore store;

  @BeforeEach
  void connect() {
    redis = Connections.cluster(CLUSTER.cluster());
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
