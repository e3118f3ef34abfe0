package dev.bulwark.testkit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster of three masters (no replicas) on loopback ports, created with {@code redis-cli
 * --cluster create}, for tests that must hold when keys live in different slots and nodes.
 */
public final class RedisCluster implements AutoCloseable {
  private static final int MASTERS = 3;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final List<RedisServer> nodes;

  private RedisCluster(List<RedisServer> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Starts three cluster nodes and joins them into one cluster with every slot assigned; skips or
   * fails the calling test if {@code redis-server} or {@code redis-cli} is missing (see {@link
   * RedisBinaries}).
   */
  public static RedisCluster start() {
    String cli = RedisBinaries.require("redis-cli").toString();
    List<RedisServer> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < MASTERS; i++) {
        nodes.add(RedisServer.start(RedisServer.Options.clusterNode()));
      }
      List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
      for (RedisServer node : nodes) {
        create.add(node.host() + ":" + node.port());
      }
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      run(create);
      RedisCluster cluster = new RedisCluster(nodes);
      cluster.awaitReady();
      return cluster;
    } catch (RuntimeException | Error e) {
      nodes.forEach(RedisServer::close);
      throw e;
    }
  }

  /** The nodes, each a master owning about a third of the slots. */
  public List<RedisServer> nodes() {
    return nodes;
  }

  /** One {@code redis://127.0.0.1:<port>} URI per node, for a cluster client's seed list. */
  public List<String> uris() {
    return nodes.stream().map(RedisServer::uri).toList();
  }

  /** Deletes every key on every node. */
  public void flushAll() {
    nodes.forEach(RedisServer::flushAll);
  }

  /** Calls of {@code commandName} summed over all nodes (see {@link RedisServer#commandCalls}). */
  public long commandCalls(String commandName) {
    return nodes.stream().mapToLong(node -> node.commandCalls(commandName)).sum();
  }

  /** Resets the command statistics on every node. */
  public void resetStats() {
    nodes.forEach(RedisServer::resetStats);
  }

  /** Stops every node and deletes their directories. */
  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }

  @Override
  public String toString() {
    return "RedisCluster" + nodes;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (nodes.stream().allMatch(RedisCluster::isReady)) {
        return;
      }
      RedisServer.sleep(Duration.ofMillis(50));
    }
    throw new IllegalStateException(
        "the Redis Cluster did not reach cluster_state:ok in " + READY_TIMEOUT);
  }

  private static boolean isReady(RedisServer node) {
    String info = String.valueOf(node.command("CLUSTER", "INFO"));
    return info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:16384");
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "redis-cli --cluster create failed:\n" + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the cluster", e);
    }
  }
}
