package dev.bulwark.redis;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.redis.internal.Checks;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One connection to Redis that all of Bulwark's Redis stores share: standalone or Redis Cluster,
 * with a timeout on every command and reconnection within a fraction of a second after an outage.
 *
 * <pre>{@code
 * try (RedisBackend redis = RedisBackend.standalone("redis://127.0.0.1:6379")) {
 *   RateLimitStore limits = RedisRateLimitStore.create(redis);
 *   ...
 * }
 * }</pre>
 *
 * <p>Keys are strings under a prefix ({@code "bulwark:"} by default) followed by the store's own
 * layout; values are bytes. Commands are pipelined over one connection (Lettuce multiplexes it), so
 * one backend serves a whole application. While Redis is unreachable commands fail at once rather
 * than queue, so stores can apply their failure policy without waiting.
 *
 * <p>Thread-safe. {@link #close()} closes the connection and the client it created.
 */
public final class RedisBackend implements AutoCloseable {
  /** The default timeout of each command. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(500);

  /** The default prefix of every key. */
  public static final String DEFAULT_KEY_PREFIX = "bulwark:";

  private static final Duration MAX_COMMAND_TIMEOUT = Duration.ofMinutes(1);
  private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9_.:-]{0,64}");

  private final ClientResources resources;
  private final AutoCloseable client;
  private final StatefulConnection<String, byte[]> connection;
  private final RedisClusterAsyncCommands<String, byte[]> commands;
  private final boolean cluster;
  private final Duration commandTimeout;
  private final String keyPrefix;

  private RedisBackend(Builder builder) {
    this.commandTimeout = builder.commandTimeout;
    this.keyPrefix = builder.keyPrefix;
    this.cluster = builder.clusterUris != null;
    this.resources =
        ClientResources.builder()
            // Back within about a second of Redis returning, not Lettuce's default of up to 30 s.
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(20),
                    Duration.ofMillis(500),
                    2,
                    java.util.concurrent.TimeUnit.MILLISECONDS))
            .build();
    RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    SocketOptions socket =
        SocketOptions.builder().connectTimeout(commandTimeout.multipliedBy(2)).build();
    TimeoutOptions timeouts = TimeoutOptions.enabled(commandTimeout);
    try {
      if (cluster) {
        List<RedisURI> uris =
            java.util.Objects.requireNonNull(builder.clusterUris).stream()
                .map(RedisBackend::parse)
                .toList();
        RedisClusterClient clusterClient = RedisClusterClient.create(resources, uris);
        clusterClient.setOptions(
            ClusterClientOptions.builder()
                .socketOptions(socket)
                .timeoutOptions(timeouts)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .topologyRefreshOptions(
                    ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .build())
                .build());
        StatefulRedisClusterConnection<String, byte[]> clusterConnection =
            clusterClient.connect(codec);
        connectToEveryNode(clusterConnection);
        this.client = clusterClient::shutdown;
        this.connection = clusterConnection;
        this.commands = clusterConnection.async();
      } else {
        RedisClient redisClient = RedisClient.create(resources, parse(builder.standaloneUri));
        redisClient.setOptions(
            ClientOptions.builder()
                .socketOptions(socket)
                .timeoutOptions(timeouts)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        StatefulRedisConnection<String, byte[]> standaloneConnection = redisClient.connect(codec);
        this.client = redisClient::shutdown;
        this.connection = standaloneConnection;
        this.commands = standaloneConnection.async();
      }
    } catch (RuntimeException e) {
      resources.shutdown();
      throw e;
    }
  }

  /** Connects to a standalone Redis with the defaults, e.g. {@code "redis://127.0.0.1:6379"}. */
  public static RedisBackend standalone(String uri) {
    return builder().standalone(uri).build();
  }

  /** Connects to a Redis Cluster through one or more of its nodes, with the defaults. */
  public static RedisBackend cluster(List<String> seedUris) {
    return builder().cluster(seedUris).build();
  }

  /** A builder; choose {@link Builder#standalone} or {@link Builder#cluster}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The asynchronous commands, routed by key slot on a cluster. Stores use them; a host may too.
   */
  public RedisClusterAsyncCommands<String, byte[]> commands() {
    return commands;
  }

  /** Whether this backend talks to a Redis Cluster (multi-key scripts need a shared hash tag). */
  public boolean isCluster() {
    return cluster;
  }

  /** The timeout of every command. */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  /** The prefix of every key this backend's stores write. */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** Whether the connection is open (it may be reconnecting after an outage). */
  public boolean isOpen() {
    return connection.isOpen();
  }

  @Override
  public void close() {
    connection.close();
    try {
      client.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the Redis client failed", e);
    } finally {
      resources.shutdown();
    }
  }

  @Override
  public String toString() {
    return "RedisBackend["
        + (cluster ? "cluster" : "standalone")
        + ", timeout="
        + commandTimeout
        + "]";
  }

  /**
   * Lettuce opens a node's connection on the first command for that node and, with {@code
   * REJECT_COMMANDS}, rejects the commands that arrive while it is being opened: so open them all
   * now. A node that cannot be reached yet is connected on first use, like any other later.
   */
  private static void connectToEveryNode(StatefulRedisClusterConnection<String, byte[]> cluster) {
    for (RedisClusterNode node : cluster.getPartitions()) {
      try {
        // By address, as commands routed by slot look their node's connection up.
        cluster.getConnection(node.getUri().getHost(), node.getUri().getPort());
      } catch (RuntimeException unreachableForNow) {
        // connected on first use instead
      }
    }
  }

  private static RedisURI parse(String uri) {
    Checks.requireNonNull(uri, "uri");
    try {
      return RedisURI.create(uri);
    } catch (IllegalArgumentException e) {
      // The URI may carry a password: do not echo it.
      throw new IllegalArgumentException(
          "not a valid Redis URI (redis://host:port or rediss://...)");
    }
  }

  /** Configures a {@link RedisBackend}. */
  public static final class Builder {
    private String standaloneUri = "";
    private @Nullable List<String> clusterUris;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private String keyPrefix = DEFAULT_KEY_PREFIX;

    private Builder() {}

    /** Talk to one standalone Redis (or a primary behind a proxy). */
    @CanIgnoreReturnValue
    public Builder standalone(String uri) {
      parse(uri);
      this.standaloneUri = uri;
      this.clusterUris = null;
      return this;
    }

    /** Talk to a Redis Cluster, discovered from these seed nodes. */
    @CanIgnoreReturnValue
    public Builder cluster(List<String> seedUris) {
      Checks.requireNonNull(seedUris, "seedUris");
      Checks.requireArgument(!seedUris.isEmpty(), "a cluster needs at least one seed URI");
      seedUris.forEach(RedisBackend::parse);
      this.clusterUris = List.copyOf(seedUris);
      return this;
    }

    /** The timeout of every command, in (0, 1 min]; default {@code 500 ms}. */
    @CanIgnoreReturnValue
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout =
          Checks.requireInRange(
              "commandTimeout", timeout, Duration.ofMillis(1), MAX_COMMAND_TIMEOUT);
      return this;
    }

    /**
     * The prefix of every key, up to 64 characters of {@code [A-Za-z0-9_.:-]}; default {@code
     * "bulwark:"}. Lets several applications share one Redis.
     */
    @CanIgnoreReturnValue
    public Builder keyPrefix(String prefix) {
      Checks.requireNonNull(prefix, "keyPrefix");
      Checks.requireArgument(
          KEY_PREFIX.matcher(prefix).matches(),
          "keyPrefix must be at most 64 characters of [A-Za-z0-9_.:-]");
      this.keyPrefix = prefix;
      return this;
    }

    /** Connects. */
    public RedisBackend build() {
      Checks.requireArgument(
          clusterUris != null || !standaloneUri.isEmpty(),
          "choose standalone(uri) or cluster(seedUris) first");
      return new RedisBackend(this);
    }
  }
}
