package dev.bulwark.redis.ratelimit;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisCluster;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connects the cluster tests of the lockout, challenge and blocklist stores. A cluster backend
 * opens its connections to the nodes in the background and rejects commands to a node until that
 * node's connection is up (a few tens of milliseconds), so the tests wait until every node has
 * answered before they start: a contract test is about the store, not about connection start-up.
 */
final class RedisAbuseStoresCluster {
  private static final int PROBE_KEYS = 64; // spread over the slots of all three masters

  private RedisAbuseStoresCluster() {}

  static RedisBackend connect(RedisCluster cluster) {
    RedisBackend redis = RedisBackend.cluster(cluster.uris());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!everyNodeAnswers(redis)) {
      if (System.nanoTime() > deadline) {
        redis.close();
        throw new IllegalStateException("the cluster backend did not connect to every node");
      }
      RedisChallengeStoreTest.sleep(Duration.ofMillis(10));
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
