package dev.bulwark.redis;

import dev.bulwark.testkit.redis.RedisCluster;
import dev.bulwark.testkit.redis.RedisClusterExtension;
import dev.bulwark.testkit.redis.RedisServer;
import dev.bulwark.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension for the contract tests: the shared standalone server of {@link
 * RedisServerExtension} or three-master Redis Cluster of {@link RedisClusterExtension}, emptied
 * before every test, and one backend on it for the test class ({@link TestBackends}), connected
 * before the first test and closed after the last.
 *
 * <pre>{@code
 * @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.cluster();
 * }</pre>
 */
public final class RedisTestBackend
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private final RedisServerExtension server;
  private final RedisClusterExtension cluster;
  private RedisBackend backend;

  private RedisTestBackend(RedisServerExtension server, RedisClusterExtension cluster) {
    this.server = server;
    this.cluster = cluster;
  }

  /** A backend on the standalone server shared by every class that asks for it. */
  public static RedisTestBackend standalone() {
    return new RedisTestBackend(RedisServerExtension.shared(), null);
  }

  /** A backend on the cluster shared by every class that asks for it. */
  public static RedisTestBackend cluster() {
    return new RedisTestBackend(null, RedisClusterExtension.shared());
  }

  /** The running cluster, for a {@link #cluster()} backend inside the test class's lifecycle. */
  public RedisCluster redisCluster() {
    if (cluster == null) {
      throw new IllegalStateException("a standalone backend has no cluster");
    }
    return cluster.cluster();
  }

  /** The running server, for a {@link #standalone()} backend inside the test class's lifecycle. */
  public RedisServer server() {
    if (server == null) {
      throw new IllegalStateException("a cluster backend has no single server");
    }
    return server.server();
  }

  /** The test class's backend; only valid inside the test class's lifecycle. */
  public RedisBackend backend() {
    if (backend == null) {
      throw new IllegalStateException("the backend is connected before the first test");
    }
    return backend;
  }

  /** Lets {@code elapsed} pass for the backend's keys on every server ({@link ServerTime}). */
  public void timePassed(Duration elapsed) {
    List<RedisServer> nodes = server != null ? List.of(server()) : redisCluster().nodes();
    ServerTime.pass(nodes, backend().keyPrefix(), elapsed);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (server != null) {
      server.beforeAll(context);
      backend = TestBackends.standalone(server.server().uri());
    } else {
      cluster.beforeAll(context);
      backend = TestBackends.cluster(cluster.cluster());
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (server != null) {
      server.beforeEach(context);
    } else {
      cluster.beforeEach(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (backend != null) {
      backend.close();
      backend = null;
    }
    if (server != null) {
      server.afterAll(context);
    }
  }
}
