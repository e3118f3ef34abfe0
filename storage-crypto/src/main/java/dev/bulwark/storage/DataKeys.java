package dev.bulwark.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import dev.bulwark.storage.internal.TinkInit;
import dev.bulwark.storage.spi.KeyEncryptionKeyProvider;
import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.storage.spi.WrappedDataKey;
import dev.bulwark.storage.spi.WrappedKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Envelope data keys: one active data key per recipient for sealing (replaced by age and use
 * count), a bounded cache of unwrapped keys for opening (bounded by entries, age and uses, as the
 * AWS Encryption SDK's caching materials manager is), wrapping by the key-encryption key with the
 * owner bound as associated data, shredding and rewrapping. Thread-safe.
 */
final class DataKeys {
  static {
    TinkInit.ensure();
  }

  private static final byte[] LABEL =
      "bulwark.storage.datakey.v1".getBytes(StandardCharsets.US_ASCII);

  /** Why a data key could not be had for opening a record. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;
    final UnreadableReason reason;

    Unavailable(UnreadableReason reason) {
      super(reason.name(), null, false, false);
      this.reason = reason;
    }
  }

  /** The key a recipient's new records are sealed with. */
  static final class Active {
    final int keyId;
    final Aead aead;
    final long createdAtEpochSecond;
    final AtomicLong uses = new AtomicLong();

    Active(int keyId, Aead aead, long createdAtEpochSecond) {
      this.keyId = keyId;
      this.aead = aead;
      this.createdAtEpochSecond = createdAtEpochSecond;
    }
  }

  private record Slot(RecipientRef ref, int keyId) {}

  private static final class Opened {
    final Aead aead;
    final AtomicLong uses = new AtomicLong();

    Opened(Aead aead) {
      this.aead = aead;
    }
  }

  private final WrappedKeyStore store;
  private final KeyEncryptionKeyProvider kek;
  private final AeadAlgorithm algorithm;
  private final byte[] namespace;

  /**
   * The time of the latest operation, which the store read from its clock before calling in: the
   * caches' ticker, so that a cache lookup costs no second clock read. Between operations nothing
   * reads the caches, so a value that only moves when operations arrive loses nothing.
   */
  private volatile long operationMillis;

  private final SecureRandom random;
  private final long rotateAfterSeconds;
  private final long rotateAfterUses;
  private final long cacheMaxUses;
  private final Cache<RecipientRef, Active> active;
  private final Cache<Slot, Opened> opened;
  private final AtomicLong shreds = new AtomicLong();

  DataKeys(
      WrappedKeyStore store,
      KeyEncryptionKeyProvider kek,
      AeadAlgorithm algorithm,
      byte[] namespace,
      InstantSource clock,
      SecureRandom random,
      Duration rotateAfter,
      long rotateAfterUses,
      int cacheMaxEntries,
      Duration cacheMaxAge,
      long cacheMaxUses) {
    this.store = store;
    this.kek = kek;
    this.algorithm = algorithm;
    this.namespace = namespace;
    this.operationMillis = clock.millis();
    this.random = random;
    this.rotateAfterSeconds = rotateAfter.toSeconds();
    this.rotateAfterUses = rotateAfterUses;
    this.cacheMaxUses = cacheMaxUses;
    Ticker ticker = () -> operationMillis * 1_000_000L;
    this.active =
        Caffeine.newBuilder()
            .ticker(ticker)
            .maximumSize(cacheMaxEntries)
            .expireAfterWrite(cacheMaxAge)
            .build();
    this.opened =
        Caffeine.newBuilder()
            .ticker(ticker)
            .maximumSize(cacheMaxEntries)
            .expireAfterWrite(cacheMaxAge)
            .build();
  }

  /**
   * Advances the caches' ticker. Written only when it moves forward, so threads share the line
   * read-only and a slow operation's earlier reading never winds the caches back for the others.
   */
  private void observe(long nowMillis) {
    if (nowMillis > operationMillis) {
      operationMillis = nowMillis;
    }
  }

  /** The key to seal {@code ref}'s next record with at {@code nowMillis}; counts one use of it. */
  Active forSealing(RecipientRef ref, long nowMillis) throws GeneralSecurityException {
    observe(nowMillis);
    long nowEpochSecond = Math.floorDiv(nowMillis, 1000L);
    Active a = active.getIfPresent(ref);
    if (a != null && usable(a, nowEpochSecond) && a.uses.incrementAndGet() <= rotateAfterUses) {
      return a;
    }
    long shredsBefore = shreds.get();
    Active[] chosen = new Active[1];
    GeneralSecurityException[] failure = new GeneralSecurityException[1];
    active
        .asMap()
        .compute(
            ref,
            (k, cur) -> {
              if (cur != null && usable(cur, nowEpochSecond) && cur.uses.get() < rotateAfterUses) {
                chosen[0] = cur;
                return cur;
              }
              try {
                chosen[0] = reuseOrCreate(ref, cur, nowEpochSecond);
                return chosen[0];
              } catch (GeneralSecurityException e) {
                failure[0] = e;
                return cur;
              }
            });
    if (failure[0] != null) {
      throw failure[0];
    }
    if (shreds.get() != shredsBefore) {
      active.asMap().remove(ref, chosen[0]);
    }
    chosen[0].uses.incrementAndGet();
    return chosen[0];
  }

  private boolean usable(Active a, long nowEpochSecond) {
    return nowEpochSecond - a.createdAtEpochSecond < rotateAfterSeconds;
  }

  /** The newest stored key if it is young enough and not the one just retired, else a new one. */
  private Active reuseOrCreate(RecipientRef ref, Active retiring, long now)
      throws GeneralSecurityException {
    List<WrappedDataKey> stored = retiring == null ? store.list(ref) : List.of();
    if (!stored.isEmpty() && now - stored.get(0).createdAtEpochSecond() < rotateAfterSeconds) {
      WrappedDataKey newest = stored.get(0);
      try {
        return new Active(newest.keyId(), unwrap(ref, newest), newest.createdAtEpochSecond());
      } catch (GeneralSecurityException e) {
        // wrapped by a retired key-encryption key: start a fresh data key instead
      }
    }
    for (int attempt = 0; attempt < 16; attempt++) {
      int keyId = random.nextInt();
      // Tink's key ID is the data key ID, so Tink's ciphertext prefix is the record header.
      KeysetHandle handle =
          KeysetHandle.newBuilder()
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(algorithm.tinkParameters())
                      .withFixedId(keyId)
                      .makePrimary())
              .build();
      byte[] serialized =
          TinkProtoKeysetFormat.serializeKeyset(
              handle, InsecureSecretKeyAccess.get(), RegistryConfiguration.get());
      try {
        KeyEncryptionKeyProvider.Wrapped w = kek.wrap(serialized, associatedData(ref, keyId));
        if (store.putIfAbsent(ref, new WrappedDataKey(keyId, w.kekId(), w.ciphertext(), now))) {
          Aead aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
          opened.put(new Slot(ref, keyId), new Opened(aead));
          return new Active(keyId, aead, now);
        }
      } finally {
        Arrays.fill(serialized, (byte) 0);
      }
    }
    throw new GeneralSecurityException("no free data key id");
  }

  /** The key that opens {@code ref}'s records sealed under {@code keyId}, at {@code nowMillis}. */
  Aead forOpening(RecipientRef ref, int keyId, long nowMillis) throws Unavailable {
    observe(nowMillis);
    Slot slot = new Slot(ref, keyId);
    Opened o = opened.getIfPresent(slot);
    if (o != null) {
      if (o.uses.incrementAndGet() <= cacheMaxUses) {
        return o.aead;
      }
      opened.asMap().remove(slot, o);
    }
    long shredsBefore = shreds.get();
    Optional<WrappedDataKey> stored = store.get(ref, keyId);
    if (stored.isEmpty()) {
      throw new Unavailable(UnreadableReason.UNKNOWN_DATA_KEY);
    }
    Aead aead;
    try {
      aead = unwrap(ref, stored.get());
    } catch (GeneralSecurityException e) {
      throw new Unavailable(UnreadableReason.KEY_UNWRAP_FAILED);
    }
    Opened fresh = new Opened(aead);
    fresh.uses.incrementAndGet();
    opened.put(slot, fresh);
    if (shreds.get() != shredsBefore) {
      opened.asMap().remove(slot, fresh);
    }
    return aead;
  }

  private Aead unwrap(RecipientRef ref, WrappedDataKey key) throws GeneralSecurityException {
    byte[] serialized = kek.unwrap(key.kekId(), key.wrapped(), associatedData(ref, key.keyId()));
    try {
      KeysetHandle handle =
          TinkProtoKeysetFormat.parseKeyset(
              serialized, InsecureSecretKeyAccess.get(), RegistryConfiguration.get());
      if (handle.size() != 1 || handle.getPrimary().getId() != key.keyId()) {
        throw new GeneralSecurityException("data key does not match its ID");
      }
      if (!AeadAlgorithm.isDataKeyParameters(handle.getPrimary().getKey().getParameters())) {
        throw new GeneralSecurityException("data key is not of a data key's parameters");
      }
      return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } finally {
      Arrays.fill(serialized, (byte) 0);
    }
  }

  /** Binds a wrapped data key to its owner and ID. */
  private byte[] associatedData(RecipientRef ref, int keyId) {
    byte[] ad = new byte[LABEL.length + 1 + namespace.length + RecipientRef.LENGTH + 4];
    int p = 0;
    System.arraycopy(LABEL, 0, ad, p, LABEL.length);
    p += LABEL.length;
    ad[p++] = (byte) namespace.length;
    System.arraycopy(namespace, 0, ad, p, namespace.length);
    p += namespace.length;
    ref.copyTo(ad, p);
    p += RecipientRef.LENGTH;
    ad[p++] = (byte) (keyId >>> 24);
    ad[p++] = (byte) (keyId >>> 16);
    ad[p++] = (byte) (keyId >>> 8);
    ad[p] = (byte) keyId;
    return ad;
  }

  /** Destroys every data key of {@code ref}, stored and cached; returns how many were stored. */
  int shred(RecipientRef ref) {
    try {
      return store.deleteAll(ref);
    } finally {
      // Also when the store failed: no unwrapped key of a recipient being shredded stays cached.
      shreds.incrementAndGet();
      active.invalidate(ref);
      opened.asMap().keySet().removeIf(slot -> slot.ref().equals(ref));
    }
  }

  /** Deletes data keys created before {@code epochSecond}; no live record can use them. */
  int deleteCreatedBefore(long epochSecond) {
    int deleted = store.deleteCreatedBefore(epochSecond);
    if (deleted > 0) {
      shreds.incrementAndGet();
      active.invalidateAll();
      opened.invalidateAll();
    }
    return deleted;
  }

  /** Moves every data key not wrapped by the primary KEK to it, payloads untouched. */
  RewrapResult rewrap() {
    int rewrapped = 0;
    int current = 0;
    int failed = 0;
    for (RecipientRef ref : store.references()) {
      for (WrappedDataKey key : store.list(ref)) {
        String primary = kek.primaryKeyId();
        if (key.kekId().equals(primary)) {
          current++;
          continue;
        }
        byte[] ad = associatedData(ref, key.keyId());
        byte[] plain = null;
        try {
          plain = kek.unwrap(key.kekId(), key.wrapped(), ad);
          KeyEncryptionKeyProvider.Wrapped w = kek.wrap(plain, ad);
          WrappedDataKey moved =
              new WrappedDataKey(
                  key.keyId(), w.kekId(), w.ciphertext(), key.createdAtEpochSecond());
          if (store.replace(ref, key, moved)) {
            rewrapped++;
          } else {
            current++; // changed concurrently (shredded or rewrapped by another node)
          }
        } catch (GeneralSecurityException e) {
          failed++;
        } finally {
          if (plain != null) {
            Arrays.fill(plain, (byte) 0);
          }
        }
      }
    }
    return new RewrapResult(rewrapped, current, failed);
  }
}
