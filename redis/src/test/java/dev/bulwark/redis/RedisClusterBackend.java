package dev.bulwark.redis;

import dev.bulwark.testkit.redis.RedisCluster;
import dev.bulwark.testkit.redis.RedisClusterExtension;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension for the cluster contract tests: the shared three-master Redis Cluster of
 * {@link RedisClusterExtension}, emptied before every test, and one backend on it for the test
 * class ({@link TestBackends#cluster}), connected to every node before the first test and closed
 * after the last.
 *
 * <pre>{@code
 * @RegisterExtension static final RedisClusterBackend REDIS = RedisClusterBackend.shared();
 * }</pre>
 */
public final class RedisClusterBackend
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private final RedisClusterExtension cluster = RedisClusterExtension.shared();
  private RedisBackend backend;

  private RedisClusterBackend() {}

  /** A backend on the cluster shared by every class that asks for it. */
  public static RedisClusterBackend shared() {
    return new RedisClusterBackend();
  }

  /** The running cluster; only valid inside the test class's lifecycle. */
  public RedisCluster cluster() {
    return cluster.cluster();
  }

  /** The test class's backend on the cluster; only valid inside the test class's lifecycle. */
  public RedisBackend backend() {
    if (backend == null) {
      throw new IllegalStateException("the backend is connected before the first test");
    }
    return backend;
  }

  /** Lets {@code elapsed} pass for the backend's keys on every node ({@link ServerTime}). */
  public void timePassed(Duration elapsed) {
    ServerTime.pass(cluster().nodes(), backend().keyPrefix(), elapsed);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster.beforeAll(context);
    backend = TestBackends.cluster(cluster());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    cluster.beforeEach(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (backend != null) {
      backend.close();
      backend = null;
    }
  }
}
