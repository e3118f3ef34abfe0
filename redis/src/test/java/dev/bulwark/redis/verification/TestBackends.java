package dev.bulwark.redis.verification;

import dev.bulwark.redis.RedisBackend;
import java.time.Duration;
import java.util.List;

/**
 * Backends for the contract and property tests: a generous command timeout, so that a test machine
 * busy with other builds does not turn a slow answer into a failure. The fault tests, which are
 * about timeouts, build their own backends with a short one.
 */
public final class TestBackends {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private TestBackends() {}

  /** A backend on one standalone server. */
  public static RedisBackend standalone(String uri) {
    return RedisBackend.builder().standalone(uri).commandTimeout(TIMEOUT).build();
  }

  /** A backend on a Redis Cluster. */
  public static RedisBackend cluster(List<String> seedUris) {
    return RedisBackend.builder().cluster(seedUris).commandTimeout(TIMEOUT).build();
  }
}
