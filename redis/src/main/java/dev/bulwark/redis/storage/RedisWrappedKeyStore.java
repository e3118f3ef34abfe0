package dev.bulwark.redis.storage;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.internal.Calls;
import dev.bulwark.redis.internal.Checks;
import dev.bulwark.redis.internal.LuaScript;
import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.storage.spi.StoreUnavailableException;
import dev.bulwark.storage.spi.WrappedDataKey;
import dev.bulwark.storage.spi.WrappedKeyStore;
import io.lettuce.core.ScriptOutputType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link WrappedKeyStore} on Redis (standalone or Redis Cluster): recipients' data keys, wrapped
 * by the key-encryption key, shared by a fleet of servers.
 *
 * <p>Layout: each recipient reference has two keys under the backend's prefix, sharing the hash tag
 * {@code {<reference in hex>}}: {@code dk:{ref}:h} (hash: data key ID in decimal to the encoded
 * wrapped key) and {@code dk:{ref}:c} (sorted set: data key ID by creation second). The encoding is
 * {@code creation second (8 bytes, big-endian) || length of the KEK ID (4 bytes) || KEK ID (UTF-8)
 * || wrapped key}. No key material leaves the app unwrapped; keys carry no TTL, since deleting them
 * is what shreds.
 *
 * <p>Keep this store out of the blob store's backups (another Redis, or another retention):
 * crypto-shredding means that deleting keys here makes any surviving copy of the blobs unreadable.
 *
 * <p>Every method is one round trip (a Lua script or one command) and atomic, except {@link
 * #deleteCreatedBefore} and {@link #references}, which scan every node. When Redis does not answer
 * within the backend's command timeout, every method throws {@link StoreUnavailableException};
 * nothing is half-written. Thread-safe.
 */
public final class RedisWrappedKeyStore implements WrappedKeyStore {
  private static final String STORE = "Redis wrapped-key store";
  private static final LuaScript PUT = LuaScript.load(RedisWrappedKeyStore.class, "key-put.lua");
  private static final LuaScript REPLACE =
      LuaScript.load(RedisWrappedKeyStore.class, "key-replace.lua");
  private static final LuaScript DELETE_ALL =
      LuaScript.load(RedisWrappedKeyStore.class, "key-delete-all.lua");
  private static final LuaScript DELETE_BEFORE =
      LuaScript.load(RedisWrappedKeyStore.class, "key-delete-before.lua");

  private final RedisBackend redis;
  private final int scanBatch;

  private RedisWrappedKeyStore(Builder b) {
    this.redis = b.redis;
    this.scanBatch = b.scanBatch;
  }

  /** A store on {@code redis} with the defaults. */
  public static RedisWrappedKeyStore create(RedisBackend redis) {
    return builder(redis).build();
  }

  /** A builder for a store on {@code redis}. */
  public static Builder builder(RedisBackend redis) {
    return new Builder(Checks.requireNonNull(redis, "redis"));
  }

  private String[] keys(RecipientRef ref) {
    String stem = StorageCalls.stem(redis, "dk", ref);
    return new String[] {stem + ":h", stem + ":c"};
  }

  /** The encoding of {@code key} (see the class documentation). */
  static byte[] encode(WrappedDataKey key) {
    byte[] kek = key.kekId().getBytes(StandardCharsets.UTF_8);
    byte[] wrapped = key.wrapped();
    return ByteBuffer.allocate(12 + kek.length + wrapped.length)
        .putLong(key.createdAtEpochSecond())
        .putInt(kek.length)
        .put(kek)
        .put(wrapped)
        .array();
  }

  /**
   * The key {@code keyId} encoded in {@code value}, or {@link StoreUnavailableException} if {@code
   * value} is not in this store's format.
   */
  static WrappedDataKey decode(int keyId, byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    if (value.length < 12) {
      throw malformed();
    }
    long createdAt = in.getLong();
    int kekLength = in.getInt();
    if (kekLength < 0 || kekLength > in.remaining()) {
      throw malformed();
    }
    String kekId;
    try {
      kekId =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(value, 12, kekLength))
              .toString();
    } catch (CharacterCodingException notUtf8) {
      throw malformed(); // read leniently, it would name another key-encryption key
    }
    byte[] wrapped = new byte[value.length - 12 - kekLength];
    in.position(12 + kekLength);
    in.get(wrapped);
    return new WrappedDataKey(keyId, kekId, wrapped, createdAt);
  }

  /**
   * The data key ID a hash field names, or {@link StoreUnavailableException} unless {@code field}
   * is exactly the decimal form this store writes (as {@link Integer#toString(int)}: no plus sign,
   * no leading zero, no {@code "-0"}): a field such as {@code "05"} would be listed under an ID
   * that {@link #get} never finds.
   */
  static int keyId(String field) {
    int keyId;
    try {
      keyId = Integer.parseInt(field);
    } catch (NumberFormatException notOurs) {
      throw malformed();
    }
    if (!Integer.toString(keyId).equals(field)) {
      throw malformed();
    }
    return keyId;
  }

  private static StoreUnavailableException malformed() {
    return new StoreUnavailableException(
        STORE + ": a stored key is not in this store's format", null);
  }

  @Override
  public boolean putIfAbsent(RecipientRef ref, WrappedDataKey key) {
    String[] keys = keys(ref);
    Checks.requireNonNull(key, "key");
    Long added =
        StorageCalls.await(
            redis,
            STORE,
            PUT.run(
                redis,
                ScriptOutputType.INTEGER,
                keys,
                Calls.arg(key.keyId()),
                encode(key),
                Calls.arg(key.createdAtEpochSecond())));
    return StorageCalls.yesOrNo(STORE, added);
  }

  @Override
  public Optional<WrappedDataKey> get(RecipientRef ref, int keyId) {
    String hashKey = keys(ref)[0];
    byte[] value =
        StorageCalls.await(redis, STORE, redis.commands().hget(hashKey, Integer.toString(keyId)));
    return value == null ? Optional.empty() : Optional.of(decode(keyId, value));
  }

  @Override
  public List<WrappedDataKey> list(RecipientRef ref) {
    String hashKey = keys(ref)[0];
    Map<String, byte[]> all = StorageCalls.await(redis, STORE, redis.commands().hgetall(hashKey));
    List<WrappedDataKey> out = new ArrayList<>(all.size());
    for (Map.Entry<String, byte[]> e : all.entrySet()) {
      out.add(decode(keyId(e.getKey()), e.getValue()));
    }
    out.sort(Comparator.comparingLong(WrappedDataKey::createdAtEpochSecond).reversed());
    return out;
  }

  @Override
  public boolean replace(RecipientRef ref, WrappedDataKey expected, WrappedDataKey replacement) {
    String[] keys = keys(ref);
    Checks.requireNonNull(expected, "expected");
    Checks.requireNonNull(replacement, "replacement");
    Checks.requireArgument(
        expected.keyId() == replacement.keyId(), "a replacement must keep the data key id");
    Long replaced =
        StorageCalls.await(
            redis,
            STORE,
            REPLACE.run(
                redis,
                ScriptOutputType.INTEGER,
                keys,
                Calls.arg(expected.keyId()),
                encode(expected),
                encode(replacement),
                Calls.arg(replacement.createdAtEpochSecond())));
    return StorageCalls.yesOrNo(STORE, replaced);
  }

  @Override
  public int deleteAll(RecipientRef ref) {
    return StorageCalls.count(redis, STORE, DELETE_ALL, keys(ref));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Scans every node for recipients, then runs one atomic script per recipient. A failure
   * part-way leaves every recipient either swept or untouched; run it again.
   */
  @Override
  public int deleteCreatedBefore(long epochSecond) {
    return StorageCalls.sweep(
        redis,
        STORE,
        redis.keyPrefix() + "dk:{*}:c",
        scanBatch,
        stem -> new String[] {stem + ":h", stem + ":c"},
        DELETE_BEFORE,
        Calls.arg(epochSecond));
  }

  /** {@inheritDoc} Scans every node; recipients added or shredded meanwhile may be missed. */
  @Override
  public List<RecipientRef> references() {
    String prefix = redis.keyPrefix() + "dk:{";
    List<RecipientRef> refs = new ArrayList<>();
    for (String hashKey : StorageCalls.scan(redis, STORE, prefix + "*}:h", scanBatch)) {
      String hex = hashKey.substring(prefix.length(), hashKey.length() - 3);
      if (hex.length() == 2 * RecipientRef.LENGTH && HexFormat.isHexDigit(hex.charAt(0))) {
        try {
          refs.add(RecipientRef.of(HexFormat.of().parseHex(hex)));
        } catch (IllegalArgumentException notOurs) {
          // a key of another layout under the same prefix: not a recipient of this store
        }
      }
    }
    return refs;
  }

  @Override
  public String toString() {
    return "RedisWrappedKeyStore[" + (redis.isCluster() ? "cluster" : "standalone") + "]";
  }

  /** Configures a {@link RedisWrappedKeyStore}. */
  public static final class Builder {
    private final RedisBackend redis;
    private int scanBatch = 500;

    private Builder(RedisBackend redis) {
      this.redis = redis;
    }

    /**
     * How many keys each {@code SCAN} step of {@link RedisWrappedKeyStore#deleteCreatedBefore} and
     * {@link RedisWrappedKeyStore#references} asks for: 10 to 10,000, default 500.
     */
    @CanIgnoreReturnValue
    public Builder scanBatch(int keys) {
      this.scanBatch = Checks.requireInRange("scanBatch", keys, 10, 10_000);
      return this;
    }

    /** Builds the store; nothing is sent to Redis until it is used. */
    public RedisWrappedKeyStore build() {
      return new RedisWrappedKeyStore(this);
    }
  }
}
