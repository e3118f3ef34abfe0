package dev.bulwark.redis;

import dev.bulwark.testkit.redis.RedisCluster;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Backends for the contract and property tests: a generous command timeout, so that a test machine
 * busy with other builds does not turn a slow answer into a failure. The fault tests, which are
 * about timeouts, build their own backends with a short one.
 */
public final class TestBackends {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int PROBE_KEYS = 64; // spread over the slots of all three masters

  private TestBackends() {}

  /** A backend on one standalone server. */
  public static RedisBackend standalone(String uri) {
    return RedisBackend.builder().standalone(uri).commandTimeout(TIMEOUT).build();
  }

  /**
   * A backend on {@code cluster}, returned once every node has answered. A cluster backend opens
   * its connections to the nodes in the background and rejects commands to a node until that node's
   * connection is up (a few tens of milliseconds), so a test's first command could otherwise fail
   * for a reason that is not the store's.
   */
  public static RedisBackend cluster(RedisCluster cluster) {
    RedisBackend redis =
        RedisBackend.builder().cluster(cluster.uris()).commandTimeout(TIMEOUT).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!everyNodeAnswers(redis)) {
      if (System.nanoTime() > deadline) {
        redis.close();
        throw new IllegalStateException("the cluster backend did not connect to every node");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        redis.close();
        throw new IllegalStateException("interrupted", e);
      }
    }
    return redis;
  }

  private static boolean everyNodeAnswers(RedisBackend redis) {
    for (int i = 0; i < PROBE_KEYS; i++) {
      try {
        Long ignored =
            redis.commands().exists("probe:" + i).toCompletableFuture().get(1, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    return true;
  }
}
