package dev.bulwark.redis.verification;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisServer;
import dev.bulwark.testkit.redis.RedisServerExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension for the fault tests: a dedicated server ({@link RedisServerExtension}) that
 * the tests may pause or stop, and for every test a fresh backend on it with the short {@link
 * Outage#COMMAND_TIMEOUT}. After each test the server is resumed and the backend closed.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OutageBackend REDIS = OutageBackend.dedicated(RedisServer.Options.persistent());
 * }</pre>
 */
public final class OutageBackend
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  private final RedisServerExtension server;
  private RedisBackend backend;

  private OutageBackend(RedisServerExtension server) {
    this.server = server;
  }

  /** A server of its own for the test class, started with {@code options}. */
  public static OutageBackend dedicated(RedisServer.Options options) {
    return new OutageBackend(RedisServerExtension.dedicated(options));
  }

  /** The running server; only valid inside the test class's lifecycle. */
  public RedisServer server() {
    return server.server();
  }

  /** This test's backend; only valid inside a test. */
  public RedisBackend backend() {
    if (backend == null) {
      throw new IllegalStateException("the backend is connected before each test");
    }
    return backend;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server.beforeAll(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.beforeEach(context);
    backend =
        RedisBackend.builder()
            .standalone(server().uri())
            .commandTimeout(Outage.COMMAND_TIMEOUT)
            .build();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server().resume();
    if (backend != null) {
      backend.close();
      backend = null;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.afterAll(context);
  }
}
