package dev.bulwark.redis.storage;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisCluster;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/** Backends for the storage tests. */
final class Connections {
  private Connections() {}

  /**
   * A backend on {@code cluster}, returned once it answers on every node. The cluster client opens
   * its connection to each node on first use and rejects commands meanwhile, so a test's first
   * command could otherwise fail for a reason that is not the store's.
   */
  static RedisBackend cluster(RedisCluster cluster) {
    RedisBackend redis = RedisBackend.cluster(cluster.uris());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        for (int tag = 0; tag < 64; tag++) {
          redis.commands().get("warmup:{" + tag + "}").toCompletableFuture().get();
        }
        return redis;
      } catch (ExecutionException notYet) {
        if (System.nanoTime() > deadline) {
          redis.close();
          throw new IllegalStateException("the cluster did not answer on every node", notYet);
        }
        sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
