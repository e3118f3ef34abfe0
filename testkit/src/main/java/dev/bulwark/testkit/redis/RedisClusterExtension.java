package dev.bulwark.testkit.redis;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that gives a test class a three-master Redis Cluster on loopback, shared by
 * the whole test run (creating one takes a few seconds) and emptied before every test.
 *
 * <pre>{@code
 * @RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();
 *
 * @Test void works() {
 *   RedisClusterClient client = RedisClusterClient.create(CLUSTER.cluster().uris().get(0));
 *   ...
 * }
 * }</pre>
 */
public final class RedisClusterExtension implements BeforeAllCallback, BeforeEachCallback {
  private static @Nullable RedisCluster sharedCluster;

  private @Nullable RedisCluster cluster;

  private RedisClusterExtension() {}

  /** One cluster shared by every class that asks for it, stopped when the JVM exits. */
  public static RedisClusterExtension shared() {
    return new RedisClusterExtension();
  }

  /** The running cluster; only valid inside the test class's lifecycle. */
  public RedisCluster cluster() {
    RedisCluster current = cluster;
    if (current == null) {
      throw new IllegalStateException("the Redis Cluster is started before the first test");
    }
    return current;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = sharedCluster();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    cluster().flushAll();
  }

  private static synchronized RedisCluster sharedCluster() {
    RedisCluster current = sharedCluster;
    if (current == null || !current.nodes().stream().allMatch(RedisServer::isAlive)) {
      if (current != null) {
        current.close();
      }
      current = RedisCluster.start();
      sharedCluster = current;
    }
    return current;
  }
}
