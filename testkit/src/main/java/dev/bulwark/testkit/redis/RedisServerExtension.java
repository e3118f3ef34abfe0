package dev.bulwark.testkit.redis;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that gives a test class a real {@code redis-server} on loopback, empty at the
 * start of every test (and started again first if a fault test killed it).
 *
 * <pre>{@code
 * @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.shared();
 *
 * @Test void works() {
 *   RedisClient client = RedisClient.create(REDIS.server().uri());
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #shared()} reuses one server for the whole test run (cheap: for contract tests); {@link
 * #dedicated(RedisServer.Options)} starts one for this class alone and stops it after the class
 * (for fault tests, which kill and pause it). Without the binary the class is skipped, or fails
 * under {@value RedisBinaries#REQUIRE_SERVERS}{@code =1}.
 */
public final class RedisServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private static @Nullable RedisServer sharedServer;

  private final RedisServer.@Nullable Options dedicatedOptions;
  private @Nullable RedisServer server;

  private RedisServerExtension(RedisServer.@Nullable Options dedicatedOptions) {
    this.dedicatedOptions = dedicatedOptions;
  }

  /** One ephemeral server shared by every class that asks for it, stopped when the JVM exits. */
  public static RedisServerExtension shared() {
    return new RedisServerExtension(null);
  }

  /** A server of this class's own, started before its first test and stopped after its last. */
  public static RedisServerExtension dedicated(RedisServer.Options options) {
    return new RedisServerExtension(options);
  }

  /** The running server; only valid inside the test class's lifecycle. */
  public RedisServer server() {
    RedisServer current = server;
    if (current == null) {
      throw new IllegalStateException("the Redis server is started before the first test");
    }
    return current;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = dedicatedOptions == null ? sharedServer() : RedisServer.start(dedicatedOptions);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    RedisServer current = server();
    if (!current.isAlive()) {
      current.restart();
    }
    current.resume(); // harmless if it was not paused
    current.flushAll();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    RedisServer current = server;
    if (dedicatedOptions != null && current != null) {
      current.close();
    }
    server = null;
  }

  private static synchronized RedisServer sharedServer() {
    RedisServer current = sharedServer;
    if (current == null || !current.isAlive()) {
      current = RedisServer.start();
      sharedServer = current;
    }
    return current;
  }
}
