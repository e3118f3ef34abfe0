package dev.bulwark.keys;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.keys.KeyRejectedException.Reason;
import dev.bulwark.keys.internal.Checks;
import dev.bulwark.keys.internal.Crypto;
import dev.bulwark.keys.spi.DeviceKeys;
import dev.bulwark.keys.spi.PublicKeyStore;
import dev.bulwark.keys.spi.StoredSignedPreKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A directory of client public keys in the Signal style, per {@link DeviceAddress}.
 *
 * <ul>
 *   <li>The identity key (Ed25519) anchors trust: a signed prekey or last-resort key is stored only
 *       if its signature verifies under it. Setting a different identity key drops every other key
 *       of the device.
 *   <li>One-time prekeys are uploaded in batches of at most {@link Builder#maxBatchSize} with
 *       distinct IDs and served by {@link #fetchBundle} at most once each, atomically, even under
 *       concurrent fetches; when none is left the last-resort key is served instead.
 *   <li>A signed prekey older than {@link Builder#maxSignedPreKeyAge} is reported {@link
 *       Freshness#STALE}; a replaced one stays findable by ID for {@link
 *       Builder#previousSignedPreKeyRetention} for sessions in flight.
 *   <li>A revoked key is never served again and a re-upload of it (same ID or same value) is
 *       refused.
 * </ul>
 *
 * <p>Every mutation is a compare-and-set of the device's snapshot in the {@link PublicKeyStore},
 * retried on contention; a rejected upload stores nothing. Thread-safe.
 */
public final class KeyDirectory {
  /** The most one-time prekeys one upload may carry. */
  public static final int MAX_BATCH_SIZE = 100;

  private final PublicKeyStore store;
  private final InstantSource clock;
  private final Duration maxSignedPreKeyAge;
  private final Duration previousRetention;
  private final int maxBatchSize;
  private final int maxStoredOneTimePreKeys;

  private KeyDirectory(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.maxSignedPreKeyAge = b.maxSignedPreKeyAge;
    this.previousRetention = b.previousSignedPreKeyRetention;
    this.maxBatchSize = b.maxBatchSize;
    this.maxStoredOneTimePreKeys = b.maxStoredOneTimePreKeys;
  }

  /** A builder with the defaults: 14-day signed prekeys, 2-day retention, an in-memory store. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the identity key of {@code device}. The same key again changes nothing; a different key
   * replaces the device's keys (everything signed by the old identity is dropped), keeping
   * revocation marks.
   *
   * @throws KeyRejectedException with {@link Reason#UNSUPPORTED_ALGORITHM} unless the key can sign
   */
  public void setIdentityKey(DeviceAddress device, ClientPublicKey identityKey) {
    Checks.requireNonNull(device, "device");
    Checks.requireNonNull(identityKey, "identityKey");
    if (!identityKey.algorithm().signs()) {
      throw new KeyRejectedException(
          Reason.UNSUPPORTED_ALGORITHM, "identity key must use a signing algorithm");
    }
    mutate(
        device,
        current -> {
          if (current == null) {
            return DeviceKeys.initial(identityKey);
          }
          if (identityKey.equals(current.identityKey())) {
            return current;
          }
          return current.next(identityKey, null, null, null, null, List.of());
        });
  }

  /**
   * Verifies and stores {@code key} as the device's signed prekey; the one it replaces stays
   * findable by ID for the retention period.
   *
   * @throws KeyRejectedException with {@link Reason#NO_IDENTITY_KEY}, {@link Reason#BAD_SIGNATURE}
   *     or {@link Reason#REVOKED_KEY}; nothing is stored
   */
  public void uploadSignedPreKey(DeviceAddress device, SignedPreKey key) {
    Checks.requireNonNull(key, "key");
    Instant now = clock.instant();
    mutate(
        device,
        current -> {
          DeviceKeys keys = requireVerified(current, PreKeyType.SIGNED, key);
          StoredSignedPreKey previous = keys.signedPreKey();
          if (previous != null && previous.key().equals(key)) {
            return keys;
          }
          return keys.next(
              keys.identityKey(),
              new StoredSignedPreKey(key, now),
              previous,
              previous == null ? null : now.plus(previousRetention),
              keys.lastResortKey(),
              keys.oneTimePreKeys());
        });
  }

  /**
   * Verifies and stores {@code key} as the device's last-resort key, replacing any previous one.
   *
   * @throws KeyRejectedException as {@link #uploadSignedPreKey}
   */
  public void uploadLastResortKey(DeviceAddress device, SignedPreKey key) {
    Checks.requireNonNull(key, "key");
    Instant now = clock.instant();
    mutate(
        device,
        current -> {
          DeviceKeys keys = requireVerified(current, PreKeyType.LAST_RESORT, key);
          return keys.next(
              keys.identityKey(),
              keys.signedPreKey(),
              keys.previousSignedPreKey(),
              keys.previousRetainedUntil(),
              new StoredSignedPreKey(key, now),
              keys.oneTimePreKeys());
        });
  }

  /**
   * Adds a batch of one-time prekeys, all or nothing.
   *
   * @return how many one-time prekeys the device now has
   * @throws KeyRejectedException with {@link Reason#BAD_BATCH_SIZE} (empty or over the maximum),
   *     {@link Reason#DUPLICATE_KEY_ID} (twice in the batch, or already stored), {@link
   *     Reason#REVOKED_KEY}, {@link Reason#TOO_MANY_KEYS} or {@link Reason#NO_IDENTITY_KEY}
   */
  @CanIgnoreReturnValue
  public int uploadOneTimePreKeys(DeviceAddress device, List<OneTimePreKey> batch) {
    Checks.requireNonNull(batch, "batch");
    if (batch.isEmpty() || batch.size() > maxBatchSize) {
      throw new KeyRejectedException(
          Reason.BAD_BATCH_SIZE,
          "a batch must hold 1 to " + maxBatchSize + " one-time prekeys, got " + batch.size());
    }
    Set<Integer> ids = new HashSet<>();
    for (OneTimePreKey key : batch) {
      Checks.requireNonNull(key, "batch element");
      if (!ids.add(key.keyId())) {
        throw new KeyRejectedException(
            Reason.DUPLICATE_KEY_ID, "key ID " + key.keyId() + " appears twice in the batch");
      }
    }
    int[] count = {0};
    mutate(
        device,
        current -> {
          DeviceKeys keys = requireIdentity(current);
          for (OneTimePreKey stored : keys.oneTimePreKeys()) {
            if (ids.contains(stored.keyId())) {
              throw new KeyRejectedException(
                  Reason.DUPLICATE_KEY_ID, "key ID " + stored.keyId() + " is already stored");
            }
          }
          for (OneTimePreKey key : batch) {
            requireNotRevoked(keys, PreKeyType.ONE_TIME, key.keyId(), key.publicKey());
          }
          if (keys.oneTimePreKeys().size() + batch.size() > maxStoredOneTimePreKeys) {
            throw new KeyRejectedException(
                Reason.TOO_MANY_KEYS,
                "a device may hold at most " + maxStoredOneTimePreKeys + " one-time prekeys");
          }
          List<OneTimePreKey> all = new ArrayList<>(keys.oneTimePreKeys());
          all.addAll(batch);
          count[0] = all.size();
          return keys.next(
              keys.identityKey(),
              keys.signedPreKey(),
              keys.previousSignedPreKey(),
              keys.previousRetainedUntil(),
              keys.lastResortKey(),
              all);
        });
    return count[0];
  }

  /**
   * The bundle a sender needs to reach {@code device}, taking one one-time prekey (atomically: no
   * other fetch ever gets it) or, when none is left, serving the last-resort key.
   *
   * @return empty if the device has no identity key or no current signed prekey; no one-time prekey
   *     is consumed then
   */
  public Optional<PreKeyBundle> fetchBundle(DeviceAddress device) {
    Checks.requireNonNull(device, "device");
    return bundle(device, store.takeOneTimePreKey(device));
  }

  /**
   * The asynchronous form of {@link #fetchBundle}, with the same take-once guarantee, for stores
   * that do I/O.
   */
  public CompletionStage<Optional<PreKeyBundle>> fetchBundleAsync(DeviceAddress device) {
    Checks.requireNonNull(device, "device");
    return store.takeOneTimePreKeyAsync(device).thenApply(keys -> bundle(device, keys));
  }

  private static Optional<PreKeyBundle> bundle(DeviceAddress device, @Nullable DeviceKeys keys) {
    if (keys == null || keys.identityKey() == null || keys.signedPreKey() == null) {
      return Optional.empty();
    }
    OneTimePreKey oneTime = keys.oneTimePreKeys().isEmpty() ? null : keys.oneTimePreKeys().get(0);
    StoredSignedPreKey lastResort = keys.lastResortKey();
    return Optional.of(
        new PreKeyBundle(
            device,
            keys.identityKey(),
            keys.signedPreKey().key(),
            oneTime,
            oneTime == null && lastResort != null ? lastResort.key() : null));
  }

  /** How current the device's signed prekey is at the clock's present time. */
  public Freshness signedPreKeyFreshness(DeviceAddress device) {
    DeviceKeys keys = store.get(device);
    if (keys == null || keys.signedPreKey() == null) {
      return Freshness.MISSING;
    }
    Instant staleAt = keys.signedPreKey().uploadedAt().plus(maxSignedPreKeyAge);
    return clock.instant().isBefore(staleAt) ? Freshness.FRESH : Freshness.STALE;
  }

  /**
   * The device's signed prekey with {@code keyId}: the current one, or the replaced one while it is
   * retained; never a revoked key.
   */
  public Optional<SignedPreKey> findSignedPreKey(DeviceAddress device, int keyId) {
    DeviceKeys keys = store.get(device);
    if (keys == null) {
      return Optional.empty();
    }
    if (keys.signedPreKey() != null && keys.signedPreKey().key().keyId() == keyId) {
      return Optional.of(keys.signedPreKey().key());
    }
    StoredSignedPreKey previous = keys.previousSignedPreKey();
    Instant until = keys.previousRetainedUntil();
    if (previous != null
        && until != null
        && previous.key().keyId() == keyId
        && clock.instant().isBefore(until)) {
      return Optional.of(previous.key());
    }
    return Optional.empty();
  }

  /** How many one-time prekeys the device has left. */
  public int oneTimePreKeyCount(DeviceAddress device) {
    DeviceKeys keys = store.get(device);
    return keys == null ? 0 : keys.oneTimePreKeys().size();
  }

  /**
   * Revokes one of the device's keys: it is removed, never served again, and a re-upload of it (by
   * ID or by value) is refused. Revoking the current signed prekey leaves the device without one
   * ({@link Freshness#MISSING}) until it uploads a new one.
   *
   * @throws KeyRejectedException with {@link Reason#UNKNOWN_KEY} if the device holds no such key
   */
  public void revoke(DeviceAddress device, PreKeyType type, int keyId, RevocationReason reason) {
    Checks.requireNonNull(type, "type");
    Checks.requireNonNull(reason, "reason");
    mutate(
        device,
        current -> {
          DeviceKeys keys = requireIdentity(current);
          ClientPublicKey value = find(keys, type, keyId);
          if (value == null) {
            throw new KeyRejectedException(
                Reason.UNKNOWN_KEY, "no " + type + " key with ID " + keyId + " for this device");
          }
          DeviceKeys marked =
              keys.withRevocation(DeviceKeys.revocationMark(type, keyId), value.fingerprint());
          return strip(marked, type, keyId);
        });
  }

  /**
   * Removes every key of the device. Revocation marks stay, so a revoked key cannot come back with
   * a re-registered device.
   */
  public void removeDevice(DeviceAddress device) {
    mutate(
        device,
        current -> current == null ? null : current.next(null, null, null, null, null, List.of()));
  }

  /**
   * SHA-256 over the device's repeated-use keys (identity key, signed prekey, last-resort key), in
   * the layout documented in the module README; empty-key markers keep absent keys distinct.
   */
  public byte[] repeatedUseKeysDigest(DeviceAddress device) {
    DeviceKeys keys = store.get(device);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ClientPublicKey identity = keys == null ? null : keys.identityKey();
    writeKey(out, identity == null ? null : identity.encoded());
    writeSigned(out, keys == null ? null : keys.signedPreKey());
    writeSigned(out, keys == null ? null : keys.lastResortKey());
    return Crypto.sha256(out.toByteArray());
  }

  /**
   * Whether {@code clientDigest} equals {@link #repeatedUseKeysDigest}: lets a client confirm the
   * server holds exactly its current keys. The comparison takes time independent of where the
   * digests differ.
   */
  public boolean repeatedUseKeysMatch(DeviceAddress device, byte[] clientDigest) {
    Checks.requireNonNull(clientDigest, "clientDigest");
    return MessageDigest.isEqual(repeatedUseKeysDigest(device), clientDigest);
  }

  private static void writeSigned(ByteArrayOutputStream out, @Nullable StoredSignedPreKey key) {
    if (key == null) {
      writeKey(out, null);
      return;
    }
    writeKey(out, ByteBuffer.allocate(4).putInt(key.key().keyId()).array());
    writeKey(out, key.key().publicKey().encoded());
    writeKey(out, key.key().signature());
  }

  private static void writeKey(ByteArrayOutputStream out, byte @Nullable [] bytes) {
    if (bytes == null) {
      out.write(0);
      return;
    }
    out.write(1);
    out.write(bytes.length);
    out.writeBytes(bytes);
  }

  private static @Nullable ClientPublicKey find(DeviceKeys keys, PreKeyType type, int keyId) {
    switch (type) {
      case SIGNED:
        if (keys.signedPreKey() != null && keys.signedPreKey().key().keyId() == keyId) {
          return keys.signedPreKey().key().publicKey();
        }
        if (keys.previousSignedPreKey() != null
            && keys.previousSignedPreKey().key().keyId() == keyId) {
          return keys.previousSignedPreKey().key().publicKey();
        }
        return null;
      case LAST_RESORT:
        StoredSignedPreKey lastResort = keys.lastResortKey();
        return lastResort != null && lastResort.key().keyId() == keyId
            ? lastResort.key().publicKey()
            : null;
      case ONE_TIME:
        for (OneTimePreKey key : keys.oneTimePreKeys()) {
          if (key.keyId() == keyId) {
            return key.publicKey();
          }
        }
        return null;
    }
    throw new AssertionError(type);
  }

  private static DeviceKeys strip(DeviceKeys keys, PreKeyType type, int keyId) {
    boolean signed = type == PreKeyType.SIGNED;
    StoredSignedPreKey current = keys.signedPreKey();
    StoredSignedPreKey previous = keys.previousSignedPreKey();
    boolean dropCurrent = signed && current != null && current.key().keyId() == keyId;
    boolean dropPrevious = signed && previous != null && previous.key().keyId() == keyId;
    List<OneTimePreKey> oneTime = keys.oneTimePreKeys();
    if (type == PreKeyType.ONE_TIME) {
      oneTime = oneTime.stream().filter(k -> k.keyId() != keyId).toList();
    }
    return new DeviceKeys(
        keys.version(),
        keys.identityKey(),
        dropCurrent ? null : current,
        dropPrevious ? null : previous,
        dropPrevious ? null : keys.previousRetainedUntil(),
        type == PreKeyType.LAST_RESORT ? null : keys.lastResortKey(),
        oneTime,
        keys.revokedKeyIds(),
        keys.revokedFingerprints());
  }

  private static DeviceKeys requireIdentity(@Nullable DeviceKeys keys) {
    if (keys == null || keys.identityKey() == null) {
      throw new KeyRejectedException(
          Reason.NO_IDENTITY_KEY, "the device has no identity key; upload one first");
    }
    return keys;
  }

  private static DeviceKeys requireVerified(
      @Nullable DeviceKeys current, PreKeyType type, SignedPreKey key) {
    DeviceKeys keys = requireIdentity(current);
    requireNotRevoked(keys, type, key.keyId(), key.publicKey());
    if (!key.isSignedBy(keys.identityKey())) {
      throw new KeyRejectedException(
          Reason.BAD_SIGNATURE, type + " key signature does not verify under the identity key");
    }
    return keys;
  }

  private static void requireNotRevoked(
      DeviceKeys keys, PreKeyType type, int keyId, ClientPublicKey value) {
    if (keys.isRevoked(type, keyId, value.fingerprint())) {
      throw new KeyRejectedException(
          Reason.REVOKED_KEY, type + " key " + keyId + " was revoked and cannot be uploaded again");
    }
  }

  /** Applies {@code change} to the device's snapshot with compare-and-set, retrying on conflict. */
  private void mutate(DeviceAddress device, UnaryOperator<@Nullable DeviceKeys> change) {
    Checks.requireNonNull(device, "device");
    while (true) {
      DeviceKeys current = store.get(device);
      DeviceKeys next = change.apply(current);
      if (next == null || next == current) {
        return;
      }
      long expected = current == null ? 0 : current.version();
      if (store.compareAndSet(device, expected, next)) {
        return;
      }
    }
  }

  /** Configures a {@link KeyDirectory}; not thread-safe, {@link #build()} validates. */
  public static final class Builder {
    private PublicKeyStore store = PublicKeyStore.inMemory();
    private InstantSource clock = InstantSource.system();
    private Duration maxSignedPreKeyAge = Duration.ofDays(14);
    private Duration previousSignedPreKeyRetention = Duration.ofDays(2);
    private int maxBatchSize = MAX_BATCH_SIZE;
    private int maxStoredOneTimePreKeys = 10_000;

    private Builder() {}

    /** Where keys are kept; default a new in-memory store. */
    @CanIgnoreReturnValue
    public Builder store(PublicKeyStore store) {
      this.store = Checks.requireNonNull(store, "store");
      return this;
    }

    /** The wall clock for upload times and staleness; default the system clock. */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = Checks.requireNonNull(clock, "clock");
      return this;
    }

    /** Age after which a signed prekey is stale, 1 hour to 365 days; default 14 days. */
    @CanIgnoreReturnValue
    public Builder maxSignedPreKeyAge(Duration age) {
      Checks.requireNonNull(age, "maxSignedPreKeyAge");
      Checks.requireInRange("maxSignedPreKeyAge seconds", age.toSeconds(), 3600, 365L * 86400);
      this.maxSignedPreKeyAge = age;
      return this;
    }

    /** How long a replaced signed prekey stays findable, 0 to 30 days; default 2 days. */
    @CanIgnoreReturnValue
    public Builder previousSignedPreKeyRetention(Duration retention) {
      Checks.requireNonNull(retention, "previousSignedPreKeyRetention");
      Checks.requireInRange(
          "previousSignedPreKeyRetention seconds", retention.toSeconds(), 0, 30L * 86400);
      this.previousSignedPreKeyRetention = retention;
      return this;
    }

    /** The most one-time prekeys per upload, 1 to 100; default 100. */
    @CanIgnoreReturnValue
    public Builder maxBatchSize(int size) {
      this.maxBatchSize = Checks.requireInRange("maxBatchSize", size, 1, MAX_BATCH_SIZE);
      return this;
    }

    /** The most one-time prekeys one device may hold, 1 to 100000; default 10000. */
    @CanIgnoreReturnValue
    public Builder maxStoredOneTimePreKeys(int max) {
      this.maxStoredOneTimePreKeys =
          Checks.requireInRange("maxStoredOneTimePreKeys", max, 1, 100_000);
      return this;
    }

    /** The directory. */
    public KeyDirectory build() {
      return new KeyDirectory(this);
    }
  }
}
