package dev.bulwark.examples.server;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.storage.RedisBlobStore;
import dev.bulwark.redis.storage.RedisWrappedKeyStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The demo's Redis: one {@link RedisBackend} (standalone) whose keys all start with a prefix of
 * their own ({@code bulwark-demo:<random>:}), so that two runs against the same Redis never see
 * each other's counters, and whose keys are deleted when it is {@linkplain #close closed}.
 */
public final class DemoRedis implements AutoCloseable {
  private static final String EXAMPLE = "redis://127.0.0.1:6379";

  private final URI uri;
  private final RedisBackend backend;
  private final String prefix;
  private final String address;
  private final AtomicInteger copies = new AtomicInteger();

  private DemoRedis(URI uri, RedisBackend backend, String prefix, String address) {
    this.uri = uri;
    this.backend = backend;
    this.prefix = prefix;
    this.address = address;
  }

  /**
   * Checks a {@code --redis} argument: a {@code redis://} or {@code rediss://} URI with a host and
   * a port. Messages never repeat the argument, which may carry a password.
   *
   * @throws IllegalArgumentException if it is not such a URI
   */
  public static URI parseUri(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--redis: not a URI; expected e.g. " + EXAMPLE);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new IllegalArgumentException(
          "--redis: the URI must start with redis:// or rediss://, e.g. " + EXAMPLE);
    }
    if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65_535) {
      throw new IllegalArgumentException(
          "--redis: the URI needs a host and a port (1 to 65535), e.g. " + EXAMPLE);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!path.isEmpty() && !path.matches("/[0-9]{0,2}")) {
      throw new IllegalArgumentException(
          "--redis: the URI's path may only be a database number, e.g. " + EXAMPLE + "/0");
    }
    try {
      RedisBackend.builder().standalone(value); // Lettuce's own parsing, without connecting
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--redis: " + e.getMessage() + ", e.g. " + EXAMPLE);
    }
    return uri;
  }

  /**
   * Connects to the standalone Redis at {@code uri} (checked by {@link #parseUri}) under a fresh
   * key prefix.
   *
   * @throws IllegalStateException if Redis does not answer (the message names host and port only)
   */
  public static DemoRedis connect(URI uri) {
    byte[] run = new byte[6];
    new SecureRandom().nextBytes(run);
    String prefix = "bulwark-demo:" + HexFormat.of().formatHex(run) + ":";
    String address = uri.getHost() + ":" + uri.getPort();
    RedisBackend backend;
    try {
      backend = backend(uri, prefix);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot connect to Redis at " + address, e);
    }
    DemoRedis redis = new DemoRedis(uri, backend, prefix, address);
    try {
      redis.keys(); // fails now, rather than in the middle of the simulation, if Redis refuses us
    } catch (RuntimeException e) {
      redis.backend.close();
      throw new IllegalStateException(
          "Redis at " + address + " does not answer commands (authentication needed?)", e);
    }
    return redis;
  }

  private static RedisBackend backend(URI uri, String prefix) {
    return RedisBackend.builder()
        .standalone(uri.toString())
        .keyPrefix(prefix)
        .commandTimeout(Duration.ofSeconds(2))
        .build();
  }

  /** The stores on this Redis (and in memory, for the modules it has no store for). */
  public Stores stores(DemoClock clock) {
    return Stores.redis(backend, clock, this::copyMessageQueue);
  }

  /**
   * Copies the message queue's keys ({@code blob:} and {@code dk:}) with {@code COPY} under a
   * prefix of their own, as someone who dumps the Redis would, and opens Redis stores on the copy.
   * The raw records are the values of the copied record hashes, exactly as Redis holds them.
   */
  private CopiedQueue copyMessageQueue() {
    String copyPrefix = prefix + "copy" + copies.incrementAndGet() + ":";
    List<String> copiedRecordHashes = new ArrayList<>();
    for (String namespace : new String[] {"blob:", "dk:"}) {
      scan(
          prefix + namespace + "*",
          batch -> {
            for (String key : batch) {
              String copy = copyPrefix + key.substring(prefix.length());
              await(backend.commands().copy(key, copy));
              if (key.endsWith(":d")) {
                copiedRecordHashes.add(copy);
              }
            }
          });
    }
    List<byte[]> raw = new ArrayList<>();
    for (String hash : copiedRecordHashes) {
      raw.addAll(await(backend.commands().hvals(hash)));
    }
    RedisBackend copyBackend = backend(uri, copyPrefix);
    return new CopiedQueue(
        RedisBlobStore.create(copyBackend),
        RedisWrappedKeyStore.create(copyBackend),
        raw,
        copyBackend::close);
  }

  /** Where it is, as host:port (never the URI, which may carry a password). */
  public String address() {
    return address;
  }

  /** The prefix of every key this run writes. */
  public String keyPrefix() {
    return prefix;
  }

  /** The keys this run has in Redis now, without the run's prefix, sorted. */
  public List<String> keys() {
    TreeSet<String> keys = new TreeSet<>();
    scan(prefix + "*", batch -> batch.forEach(k -> keys.add(k.substring(prefix.length()))));
    return List.copyOf(keys);
  }

  /** Deletes this run's keys and closes the connection. */
  @Override
  public void close() {
    try {
      scan(
          prefix + "*",
          batch -> {
            if (!batch.isEmpty()) {
              await(backend.commands().unlink(batch.toArray(String[]::new)));
            }
          });
    } finally {
      backend.close();
    }
  }

  private void scan(String pattern, Consumer<List<String>> batch) {
    ScanArgs match = ScanArgs.Builder.matches(pattern).limit(1_000);
    KeyScanCursor<String> cursor = await(backend.commands().scan(ScanCursor.INITIAL, match));
    batch.accept(cursor.getKeys());
    while (!cursor.isFinished()) {
      cursor = await(backend.commands().scan(cursor, match));
      batch.accept(cursor.getKeys());
    }
  }

  private <T> T await(CompletionStage<T> stage) {
    try {
      return stage
          .toCompletableFuture()
          .get(backend.commandTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Redis at " + address + " did not answer", e);
    }
  }

  @Override
  public String toString() {
    return "DemoRedis[" + address + "]";
  }
}
