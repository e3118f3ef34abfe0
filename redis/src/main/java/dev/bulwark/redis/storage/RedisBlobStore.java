package dev.bulwark.redis.storage;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.internal.Calls;
import dev.bulwark.redis.internal.Checks;
import dev.bulwark.redis.internal.LuaScript;
import dev.bulwark.storage.RecordId;
import dev.bulwark.storage.spi.BlobEntry;
import dev.bulwark.storage.spi.BlobStore;
import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.storage.spi.StoreUnavailableException;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BlobStore} on Redis (standalone or Redis Cluster), for an {@link
 * dev.bulwark.storage.EphemeralStore} shared by a fleet of servers.
 *
 * <p>Layout: each recipient reference has three keys under the backend's prefix, sharing the hash
 * tag {@code {<reference in hex>}} so that they live in one cluster slot: {@code blob:{ref}:q}
 * (sorted set: record ID by arrival sequence), {@code blob:{ref}:d} (hash: record ID to {@code
 * "<expiry second>:<sealed bytes>"}) and {@code blob:{ref}:e} (sorted set: record ID by expiry
 * second). Record IDs are written as 32 hex digits. Redis sees only what the SPI hands over: the
 * keyed-hash reference, random record IDs, sealed bytes and expiry seconds.
 *
 * <p>Every method is one round trip: a Lua script ({@code EVALSHA}) or a single command, so each is
 * atomic; of several concurrent {@link #delete}s of one record exactly one returns {@code true}.
 * {@link RedisBlobStore#deleteExpired} scans every node for recipients and runs one script per
 * recipient.
 *
 * <p>Expiry is decided by the caller's clock ({@code nowEpochSecond}), as the SPI says. As a
 * backstop for deployments that never sweep, a recipient's keys also expire in Redis {@link
 * Builder#backstopMargin a margin} (default one day) after the newest of its records would expire,
 * by Redis's clock.
 *
 * <p>When Redis does not answer within the backend's command timeout, every method throws {@link
 * StoreUnavailableException}; nothing is half-written. Thread-safe.
 */
public final class RedisBlobStore implements BlobStore {
  private static final String STORE = "Redis blob store";
  private static final HexFormat HEX = HexFormat.of();
  private static final LuaScript PUT = LuaScript.load(RedisBlobStore.class, "blob-put.lua");
  private static final LuaScript LIST = LuaScript.load(RedisBlobStore.class, "blob-list.lua");
  private static final LuaScript DELETE = LuaScript.load(RedisBlobStore.class, "blob-delete.lua");
  private static final LuaScript DELETE_ALL =
      LuaScript.load(RedisBlobStore.class, "blob-delete-all.lua");
  private static final LuaScript DELETE_EXPIRED =
      LuaScript.load(RedisBlobStore.class, "blob-delete-expired.lua");

  /** Backstop expiries further out than this are not set: the keys are kept until deleted. */
  private static final long BACKSTOP_HORIZON_SECONDS = Duration.ofDays(400).toSeconds();

  private final RedisBackend redis;
  private final byte[] backstopMarginSeconds;
  private final int scanBatch;

  private RedisBlobStore(Builder b) {
    this.redis = b.redis;
    this.backstopMarginSeconds = Calls.arg(b.backstopMargin.toSeconds());
    this.scanBatch = b.scanBatch;
  }

  /** A store on {@code redis} with the defaults. */
  public static RedisBlobStore create(RedisBackend redis) {
    return builder(redis).build();
  }

  /** A builder for a store on {@code redis}. */
  public static Builder builder(RedisBackend redis) {
    return new Builder(Checks.requireNonNull(redis, "redis"));
  }

  private String[] keys(RecipientRef ref) {
    String stem = StorageCalls.stem(redis, "blob", ref);
    return new String[] {stem + ":q", stem + ":d", stem + ":e"};
  }

  /** A record ID as Redis holds it: 32 lowercase hex digits (a member and a hash field). */
  private static String hex(RecordId id) {
    return HEX.formatHex(Checks.requireNonNull(id, "id").toBytes());
  }

  private static byte[] id(RecordId id) {
    return Calls.arg(hex(id));
  }

  /**
   * {@inheritDoc}
   *
   * @throws StoreUnavailableException if Redis did not answer; the record is then stored entirely
   *     or not at all
   */
  @Override
  public void put(RecipientRef ref, BlobEntry entry) {
    String[] keys = keys(ref);
    Checks.requireNonNull(entry, "entry");
    Long stored =
        StorageCalls.await(
            redis,
            STORE,
            PUT.run(
                redis,
                ScriptOutputType.INTEGER,
                keys,
                id(entry.id()),
                Calls.arg(entry.expiresAtEpochSecond()),
                entry.blob(),
                backstopMarginSeconds,
                Calls.arg(BACKSTOP_HORIZON_SECONDS)));
    if (!StorageCalls.yesOrNo(STORE, stored)) {
      throw new IllegalStateException("record id already stored for this recipient");
    }
  }

  @Override
  public Optional<BlobEntry> get(RecipientRef ref, RecordId id) {
    String dataKey = keys(ref)[1];
    byte[] value = StorageCalls.await(redis, STORE, redis.commands().hget(dataKey, hex(id)));
    return value == null ? Optional.empty() : Optional.of(decode(id, value));
  }

  @Override
  public boolean delete(RecipientRef ref, RecordId id) {
    Long deleted =
        StorageCalls.await(
            redis, STORE, DELETE.run(redis, ScriptOutputType.INTEGER, keys(ref), id(id)));
    return StorageCalls.yesOrNo(STORE, deleted);
  }

  @Override
  public List<BlobEntry> list(RecipientRef ref, long nowEpochSecond, int limit) {
    String[] keys = keys(ref);
    Checks.requireArgument(limit >= 1, "limit must be at least 1, got %d", limit);
    List<Object> flat =
        StorageCalls.await(
            redis,
            STORE,
            LIST.run(
                redis, ScriptOutputType.MULTI, keys, Calls.arg(nowEpochSecond), Calls.arg(limit)));
    return entries(flat);
  }

  /**
   * The entries of the list script's reply: record ID, value, record ID, value... Any other reply
   * (an odd length, an element that is not a byte string) is not one the script gives, and a record
   * ID or value not in this store's format is not one the store writes: {@link
   * StoreUnavailableException}.
   */
  static List<BlobEntry> entries(@Nullable List<?> flat) {
    if (flat == null || flat.size() % 2 != 0) {
      throw notInFormat();
    }
    List<BlobEntry> out = new ArrayList<>(flat.size() / 2);
    for (int i = 0; i < flat.size(); i += 2) {
      if (!(flat.get(i) instanceof byte[] member) || !(flat.get(i + 1) instanceof byte[] value)) {
        throw notInFormat();
      }
      out.add(decode(recordId(member), value));
    }
    return out;
  }

  @Override
  public long count(RecipientRef ref, long nowEpochSecond) {
    String expiryKey = keys(ref)[2];
    Long n =
        StorageCalls.await(
            redis,
            STORE,
            redis
                .commands()
                .zcount(
                    expiryKey,
                    Range.from(
                        Range.Boundary.excluding(nowEpochSecond), Range.Boundary.unbounded())));
    return n == null ? 0 : n;
  }

  @Override
  public int deleteAll(RecipientRef ref) {
    return StorageCalls.count(redis, STORE, DELETE_ALL, keys(ref));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Scans every node for recipients' expiry keys, then runs one atomic script per recipient. A
   * failure part-way leaves every recipient either swept or untouched; run it again.
   */
  @Override
  public int deleteExpired(long nowEpochSecond) {
    return StorageCalls.sweep(
        redis,
        STORE,
        redis.keyPrefix() + "blob:{*}:e",
        scanBatch,
        stem -> new String[] {stem + ":q", stem + ":d", stem + ":e"},
        DELETE_EXPIRED,
        Calls.arg(nowEpochSecond));
  }

  /**
   * The record ID a listed member names, or {@link StoreUnavailableException} unless it is 32
   * lowercase hex digits, as {@link #hex} writes it.
   */
  static RecordId recordId(byte[] member) {
    String text = new String(member, StandardCharsets.US_ASCII);
    RecordId id;
    try {
      id = RecordId.of(HEX.parseHex(text));
    } catch (IllegalArgumentException notOurs) {
      throw notInFormat();
    }
    if (!hex(id).equals(text)) {
      throw notInFormat();
    }
    return id;
  }

  /**
   * The entry {@code id} whose hash value is {@code value}, or {@link StoreUnavailableException} if
   * {@code value} is not in this store's format: the expiry in decimal as {@link Calls#arg(long)}
   * writes it (no sign but a leading minus, no leading zero), a colon, the sealed bytes.
   */
  static BlobEntry decode(RecordId id, byte[] value) {
    int sep = -1;
    for (int i = 0; i < value.length && i < 21; i++) {
      if (value[i] == ':') {
        sep = i;
        break;
      }
    }
    if (sep <= 0) {
      throw notInFormat();
    }
    String expiry = new String(value, 0, sep, StandardCharsets.US_ASCII);
    long expiresAt;
    try {
      expiresAt = Long.parseLong(expiry);
    } catch (NumberFormatException notOurs) {
      throw notInFormat();
    }
    if (!Long.toString(expiresAt).equals(expiry)) {
      throw notInFormat(); // one spelling per expiry: the one put() writes
    }
    return new BlobEntry(id, Arrays.copyOfRange(value, sep + 1, value.length), expiresAt);
  }

  private static StoreUnavailableException notInFormat() {
    return new StoreUnavailableException(
        STORE + ": a stored record is not in this store's format", null);
  }

  @Override
  public String toString() {
    return "RedisBlobStore[" + (redis.isCluster() ? "cluster" : "standalone") + "]";
  }

  /** Configures a {@link RedisBlobStore}. */
  public static final class Builder {
    private final RedisBackend redis;
    private Duration backstopMargin = Duration.ofDays(1);
    private int scanBatch = 500;

    private Builder(RedisBackend redis) {
      this.redis = redis;
    }

    /**
     * How long after its newest record would expire (by Redis's clock) a recipient's keys are
     * dropped by Redis itself, should no sweeper have deleted them: 1 minute to 30 days, default
     * one day. Keep it above the clock skew between the app servers and Redis.
     */
    @CanIgnoreReturnValue
    public Builder backstopMargin(Duration margin) {
      this.backstopMargin =
          Checks.requireInRange(
              "backstopMargin", margin, Duration.ofMinutes(1), Duration.ofDays(30));
      return this;
    }

    /**
     * How many keys each {@code SCAN} step of {@link RedisBlobStore#deleteExpired} asks for: 10 to
     * 10,000.
     */
    @CanIgnoreReturnValue
    public Builder scanBatch(int keys) {
      this.scanBatch = Checks.requireInRange("scanBatch", keys, 10, 10_000);
      return this;
    }

    /** Builds the store; nothing is sent to Redis until it is used. */
    public RedisBlobStore build() {
      return new RedisBlobStore(this);
    }
  }
}
