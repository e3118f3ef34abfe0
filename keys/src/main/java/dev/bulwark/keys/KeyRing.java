package dev.bulwark.keys;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.keys.KeyRingException.Reason;
import dev.bulwark.keys.internal.Checks;
import dev.bulwark.keys.internal.Crypto;
import dev.bulwark.keys.spi.KeyRingStore;
import dev.bulwark.keys.spi.MasterKeyProvider;
import dev.bulwark.keys.spi.StoredKeyRing;
import dev.bulwark.keys.spi.StoredKeyVersion;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The versions of one server key: one primary for new encryptions, older versions kept for
 * decryption, rotation by hand, by age or by use count, reversible revocation, irreversible destroy
 * and HKDF subkeys.
 *
 * <p><b>Guarantees.</b> {@link #encrypt} always seals under the primary. {@link #decrypt} and
 * {@link #deriveKey(int, String, byte[], int)} refuse a version that is revoked (by {@link #revoke}
 * or by being below {@link #minDecryptionVersion()}) or destroyed. {@link #destroy} is final: the
 * wrapped material is deleted from the store and this instance's copy is zeroed, and no call can
 * bring the version back. The primary can be neither revoked nor destroyed, and the minimum
 * decryption version can never exceed it. Rotation never makes a readable ciphertext unreadable:
 * only revoke, raising the minimum decryption version and destroy do.
 *
 * <p><b>Persistence.</b> Every change is a compare-and-set on the {@link KeyRingStore} from the
 * revision this instance last saw. When another node changed the ring first, the change throws
 * {@link KeyRingConflictException} after reloading. Material reaches the store only wrapped by the
 * {@link MasterKeyProvider}, bound to the ring's name and the version. Other instances see a change
 * after {@link #reload()}, or by themselves when they meet a version they do not know yet (at most
 * one reload a second).
 *
 * <p><b>Ciphertext format</b>: {@code 0x01 || version (4 bytes, big-endian) || nonce (12) ||
 * AES-256-GCM ciphertext || tag (16)}; the 5-byte header is authenticated with the caller's
 * associated data.
 *
 * <p>Thread-safe. Reads and encryptions are lock-free; changes are serialized per instance.
 */
public final class KeyRing {
  private static final System.Logger LOG = System.getLogger(KeyRing.class.getName());
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final byte FORMAT = 0x01;
  private static final int HEADER = 5;
  private static final int MATERIAL_BYTES = 32;
  private static final long UNKNOWN_VERSION_RELOAD_MILLIS = 1_000;
  private static final byte[] SUBKEY_SALT = Crypto.utf8("bulwark-keys/subkey/v1");

  private final String name;
  private final KeyRingStore store;
  private final MasterKeyProvider masterKey;
  private final InstantSource clock;
  private final SecureRandom random;
  private final RotationPolicy policy;
  private final List<KeyRingListener> listeners;
  private final Object changeLock = new Object();
  private volatile Snapshot snapshot;
  private volatile long lastUnknownVersionReloadMillis = Long.MIN_VALUE;

  private KeyRing(Builder b) {
    this.name = b.name;
    this.store = b.store;
    this.masterKey = b.masterKey;
    this.clock = b.clock;
    this.random = b.random;
    this.policy = b.policy;
    this.listeners = List.copyOf(b.listeners);
    StoredKeyRing stored = store.load(name);
    if (stored == null) {
      StoredKeyRing first =
          new StoredKeyRing(name, 1, 1, 1, List.of(newVersion(1, clock.instant())));
      if (!store.compareAndSet(name, 0, first)) {
        stored = store.load(name);
      } else {
        stored = first;
      }
    }
    this.snapshot = Snapshot.of(Checks.requireNonNull(stored, "stored ring"), null, this);
  }

  /**
   * A builder for the ring named {@code name} (1 to 64 of {@code A-Z a-z 0-9 . _ -}); the ring is
   * loaded from the store, or created with one version if the store has none.
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The ring's name. */
  public String name() {
    return name;
  }

  /** The version new encryptions use. */
  public int primaryVersion() {
    return snapshot.primary.info.version();
  }

  /** Versions below this are refused for decryption. */
  public int minDecryptionVersion() {
    return snapshot.stored.minDecryptionVersion();
  }

  /** The highest version number. */
  public int latestVersion() {
    return snapshot.entries.length - 1;
  }

  /**
   * What is known about version {@code version}; a lookup in an array, no allocation.
   *
   * @throws IllegalArgumentException if the ring has no such version
   */
  public KeyVersion version(int version) {
    return entry(snapshot, version).info;
  }

  /** Every version, oldest first. */
  public List<KeyVersion> versions() {
    Entry[] entries = snapshot.entries;
    List<KeyVersion> out = new ArrayList<>(entries.length - 1);
    for (int v = 1; v < entries.length; v++) {
      out.add(entries[v].info);
    }
    return List.copyOf(out);
  }

  /** How many encryptions this instance made under version {@code version}. */
  public long encryptionCount(int version) {
    return entry(snapshot, version).uses.get();
  }

  /**
   * Seals {@code plaintext} under the primary, bound to {@code associatedData}. Rotates first if
   * the primary is due by age or by use count (see {@link RotationPolicy}).
   */
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    Checks.requireNonNull(plaintext, "plaintext");
    Checks.requireNonNull(associatedData, "associatedData");
    while (true) {
      Snapshot s = snapshot;
      Entry primary = s.primary;
      if (isTooOld(primary)) {
        rotateAutomatically(s);
        continue;
      }
      if (primary.uses.incrementAndGet() > policy.maxEncryptions()) {
        rotateAutomatically(s);
        continue;
      }
      byte[] nonce = new byte[Crypto.GCM_NONCE_BYTES];
      random.nextBytes(nonce);
      byte[] header = header(primary.info.version());
      byte[] out =
          Crypto.aesGcmSeal(
              primary.requireAeadKey(), nonce, plaintext, aad(header, associatedData), HEADER);
      System.arraycopy(header, 0, out, 0, HEADER);
      return out;
    }
  }

  /**
   * Opens a ciphertext from {@link #encrypt}.
   *
   * @throws KeyRingException if it is malformed, names an unknown, revoked or destroyed version, or
   *     does not authenticate
   */
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws KeyRingException {
    Checks.requireNonNull(associatedData, "associatedData");
    int version = versionOf(ciphertext);
    Entry entry = usable(currentFor(version), version);
    try {
      return Crypto.aesGcmOpen(
          entry.requireAeadKey(),
          ciphertext,
          HEADER,
          aad(Arrays.copyOf(ciphertext, HEADER), associatedData));
    } catch (GeneralSecurityException e) {
      throw new KeyRingException(Reason.AUTHENTICATION_FAILED, "ciphertext does not authenticate");
    }
  }

  /**
   * The version a ciphertext was sealed under.
   *
   * @throws KeyRingException with {@link Reason#MALFORMED} if it is not in this format
   */
  public static int versionOf(byte[] ciphertext) throws KeyRingException {
    Checks.requireNonNull(ciphertext, "ciphertext");
    if (ciphertext.length < HEADER + Crypto.GCM_NONCE_BYTES + Crypto.GCM_TAG_BYTES
        || ciphertext[0] != FORMAT) {
      throw new KeyRingException(Reason.MALFORMED, "not a key-ring ciphertext");
    }
    return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
  }

  /**
   * A subkey of {@code length} bytes (16 to 64) for {@code purpose} and {@code context} from the
   * primary: HKDF-SHA256 with a fixed salt and info {@code len(purpose) || purpose || context}, so
   * distinct (purpose, context) pairs get independent keys.
   */
  public DerivedKey deriveKey(String purpose, byte[] context, int length) {
    try {
      return deriveKey(primaryVersion(), purpose, context, length);
    } catch (KeyRingException e) {
      throw new IllegalStateException("primary version is unusable", e);
    }
  }

  /**
   * As {@link #deriveKey(String, byte[], int)} from version {@code version}, to reopen what an
   * older subkey protected.
   *
   * @throws KeyRingException if the version is unknown, revoked or destroyed
   */
  public DerivedKey deriveKey(int version, String purpose, byte[] context, int length)
      throws KeyRingException {
    Checks.requireNonNull(purpose, "purpose");
    Checks.requireNonNull(context, "context");
    Checks.requireArgument(!purpose.isEmpty(), "purpose must not be empty");
    Checks.requireInRange("length", length, 16, 64);
    Entry entry = usable(currentFor(version), version);
    byte[] purposeBytes = Crypto.utf8(purpose);
    Checks.requireInRange("purpose length in UTF-8 bytes", purposeBytes.length, 1, 255);
    byte[] info = new byte[1 + purposeBytes.length + context.length];
    info[0] = (byte) purposeBytes.length;
    System.arraycopy(purposeBytes, 0, info, 1, purposeBytes.length);
    System.arraycopy(context, 0, info, 1 + purposeBytes.length, context.length);
    byte[] key = Crypto.hkdfSha256(entry.requireMaterial(), SUBKEY_SALT, info, length);
    if (entry.wiped) {
      // destroyed while deriving: the material may have been zeroed under us
      Arrays.fill(key, (byte) 0);
      throw new KeyRingException(Reason.DESTROYED, "version " + version + " was destroyed");
    }
    return new DerivedKey(version, key);
  }

  /**
   * Generates a new version and makes it the primary at once; the old primary becomes {@link
   * KeyState#DECRYPT_ONLY}.
   *
   * @return the new version
   * @throws KeyRingConflictException if another node changed the ring first (reloaded)
   */
  @CanIgnoreReturnValue
  public int rotate() {
    int staged = stage();
    promote(staged);
    return staged;
  }

  /**
   * Generates a new {@link KeyState#ACTIVE} version that is not yet primary, so every node can load
   * it before {@link #promote} makes it the primary.
   *
   * @return the new version
   * @throws KeyRingConflictException if another node changed the ring first (reloaded)
   */
  @CanIgnoreReturnValue
  public int stage() {
    int[] added = {0};
    change(
        ring -> {
          added[0] = ring.versions().size() + 1;
          List<StoredKeyVersion> versions = new ArrayList<>(ring.versions());
          versions.add(newVersion(added[0], clock.instant()));
          return next(ring, ring.primaryVersion(), ring.minDecryptionVersion(), versions);
        },
        at -> new KeyRingEvent.Staged(name, at, added[0]));
    return added[0];
  }

  /**
   * Makes {@code version} (ACTIVE or DECRYPT_ONLY, not below the minimum decryption version) the
   * primary; the old primary becomes DECRYPT_ONLY.
   *
   * @throws IllegalArgumentException if the version is unknown
   * @throws IllegalStateException if it is revoked or destroyed
   * @throws KeyRingConflictException if another node changed the ring first (reloaded)
   */
  public void promote(int version) {
    int[] previous = {0};
    change(
        ring -> {
          StoredKeyVersion target = stored(ring, version);
          requireState(
              target.state().canDecrypt() && version >= ring.minDecryptionVersion(),
              "version %d is %s and cannot become primary",
              version,
              target.state());
          previous[0] = ring.primaryVersion();
          if (previous[0] == version) {
            return ring;
          }
          List<StoredKeyVersion> versions = new ArrayList<>(ring.versions());
          versions.set(
              previous[0] - 1,
              versions.get(previous[0] - 1).withState(KeyState.DECRYPT_ONLY, null, null));
          versions.set(version - 1, target.withState(KeyState.ACTIVE, null, null));
          return next(ring, version, ring.minDecryptionVersion(), versions);
        },
        at -> new KeyRingEvent.Rotated(name, at, previous[0], version));
  }

  /**
   * Revokes {@code version}: nothing decrypts or derives under it until {@link #reinstate}.
   *
   * @throws IllegalStateException if it is the primary or destroyed
   */
  public void revoke(int version, RevocationReason reason) {
    Checks.requireNonNull(reason, "reason");
    change(
        ring -> {
          StoredKeyVersion target = stored(ring, version);
          requireState(ring.primaryVersion() != version, "the primary cannot be revoked");
          requireState(target.state() != KeyState.DESTROYED, "version %d is destroyed", version);
          return replace(ring, target.withState(KeyState.REVOKED, reason, clock.instant()));
        },
        at -> new KeyRingEvent.Revoked(name, at, version, reason));
  }

  /**
   * Undoes {@link #revoke}: the version becomes DECRYPT_ONLY again (it may still be below the
   * minimum decryption version).
   *
   * @throws IllegalStateException if it is not revoked
   */
  public void reinstate(int version) {
    change(
        ring -> {
          StoredKeyVersion target = stored(ring, version);
          requireState(target.state() == KeyState.REVOKED, "version %d is not revoked", version);
          return replace(ring, target.withState(KeyState.DECRYPT_ONLY, null, null));
        },
        at -> new KeyRingEvent.Reinstated(name, at, version));
  }

  /**
   * Refuses decryption under every version below {@code version} (1 to the primary), reversibly:
   * lowering it again restores them (unless destroyed). Vault transit's {@code
   * min_decryption_version}.
   */
  public void setMinDecryptionVersion(int version) {
    int[] previous = {0};
    change(
        ring -> {
          Checks.requireInRange("minDecryptionVersion", version, 1, ring.primaryVersion());
          previous[0] = ring.minDecryptionVersion();
          if (previous[0] == version) {
            return ring;
          }
          return next(ring, ring.primaryVersion(), version, ring.versions());
        },
        at -> new KeyRingEvent.MinimumDecryptionVersionChanged(name, at, previous[0], version));
  }

  /**
   * Destroys {@code version} for good: its wrapped material is deleted from the store and this
   * instance's copy is zeroed. No call can undo it. Destroying a destroyed version does nothing.
   *
   * @throws IllegalStateException if it is the primary
   */
  public void destroy(int version) {
    change(
        ring -> {
          StoredKeyVersion target = stored(ring, version);
          requireState(ring.primaryVersion() != version, "the primary cannot be destroyed");
          if (target.state() == KeyState.DESTROYED) {
            return ring;
          }
          return replace(
              ring,
              target.withState(KeyState.DESTROYED, target.revocationReason(), clock.instant()));
        },
        at -> new KeyRingEvent.Destroyed(name, at, version));
  }

  /**
   * Rotates if the primary is due by age or by use count; for a scheduler to call, since {@link
   * #encrypt} checks only when it runs.
   *
   * @return whether this call changed the primary
   */
  @CanIgnoreReturnValue
  public boolean rotateIfDue() {
    Snapshot s = snapshot;
    if (!isTooOld(s.primary) && s.primary.uses.get() < policy.maxEncryptions()) {
      return false;
    }
    rotateAutomatically(s);
    return snapshot.primary.info.version() != s.primary.info.version();
  }

  /** Reloads the ring from the store (another node may have changed it). */
  public void reload() {
    synchronized (changeLock) {
      StoredKeyRing stored = store.load(name);
      if (stored == null) {
        throw new IllegalStateException("key ring " + name + " vanished from its store");
      }
      snapshot = Snapshot.of(stored, snapshot, this);
    }
  }

  @Override
  public String toString() {
    Snapshot s = snapshot;
    return "KeyRing["
        + name
        + ", primary="
        + s.primary.info.version()
        + ", versions="
        + (s.entries.length - 1)
        + "]";
  }

  /**
   * The current snapshot, reloaded first if it does not know {@code version} yet (another node may
   * have added it), at most once per {@link #UNKNOWN_VERSION_RELOAD_MILLIS} so that forged versions
   * cannot turn decryption into a stream of store reads.
   */
  private Snapshot currentFor(int version) {
    Snapshot s = snapshot;
    if (version < s.entries.length || version < 1) {
      return s;
    }
    long now = clock.millis();
    long last = lastUnknownVersionReloadMillis;
    if (last != Long.MIN_VALUE && now - last < UNKNOWN_VERSION_RELOAD_MILLIS) {
      return s;
    }
    lastUnknownVersionReloadMillis = now;
    reload();
    return snapshot;
  }

  private boolean isTooOld(Entry primary) {
    return clock.millis() - primary.createdMillis >= policy.maxAge().toMillis();
  }

  private void rotateAutomatically(Snapshot seen) {
    synchronized (changeLock) {
      if (snapshot != seen) {
        return; // someone on this node already changed the ring: re-check against the new one
      }
      try {
        int staged = 0;
        StoredKeyRing ring = seen.stored;
        for (int v = ring.primaryVersion() + 1; v <= ring.versions().size(); v++) {
          if (seen.entries[v].info.state() == KeyState.ACTIVE) {
            staged = v; // promote the newest staged version: every node already knows it
          }
        }
        if (staged > 0) {
          promote(staged);
        } else {
          rotate();
        }
      } catch (KeyRingConflictException e) {
        // another node won and we reloaded; the caller re-checks the new primary
      }
    }
  }

  private void change(
      Function<StoredKeyRing, StoredKeyRing> change, Function<Instant, KeyRingEvent> event) {
    KeyRingEvent fired;
    synchronized (changeLock) {
      Snapshot s = snapshot;
      StoredKeyRing next = change.apply(s.stored);
      if (next == s.stored) {
        return;
      }
      if (!store.compareAndSet(name, s.stored.revision(), next)) {
        reload();
        throw new KeyRingConflictException(name);
      }
      snapshot = Snapshot.of(next, s, this);
      for (StoredKeyVersion v : next.versions()) {
        if (v.state() == KeyState.DESTROYED && v.version() < s.entries.length) {
          s.entries[v.version()].wipe(); // the material array is shared by every older snapshot
        }
      }
      fired = event.apply(clock.instant());
    }
    for (KeyRingListener listener : listeners) {
      try {
        listener.onEvent(fired);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "key ring listener failed on " + fired, e);
      }
    }
  }

  private StoredKeyVersion newVersion(int version, Instant now) {
    byte[] material = new byte[MATERIAL_BYTES];
    random.nextBytes(material);
    try {
      byte[] wrapped = masterKey.wrap(material, wrapContext(version));
      return new StoredKeyVersion(version, KeyState.ACTIVE, now, wrapped, null, null);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  private byte[] wrapContext(int version) {
    return Crypto.utf8("bulwark-keys/ring/" + name + "/" + version);
  }

  private static StoredKeyRing next(
      StoredKeyRing ring, int primary, int minDecryption, List<StoredKeyVersion> versions) {
    return new StoredKeyRing(ring.name(), ring.revision() + 1, primary, minDecryption, versions);
  }

  private static StoredKeyRing replace(StoredKeyRing ring, StoredKeyVersion version) {
    List<StoredKeyVersion> versions = new ArrayList<>(ring.versions());
    versions.set(version.version() - 1, version);
    return next(ring, ring.primaryVersion(), ring.minDecryptionVersion(), versions);
  }

  private static StoredKeyVersion stored(StoredKeyRing ring, int version) {
    Checks.requireInRange("version", version, 1, ring.versions().size());
    return ring.versions().get(version - 1);
  }

  private static void requireState(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalStateException(String.format(java.util.Locale.ROOT, template, args));
    }
  }

  private static Entry entry(Snapshot s, int version) {
    if (version < 1 || version >= s.entries.length) {
      throw new IllegalArgumentException(
          "version must be between 1 and " + (s.entries.length - 1) + ", got " + version);
    }
    return s.entries[version];
  }

  private static Entry usable(Snapshot s, int version) throws KeyRingException {
    if (version < 1 || version >= s.entries.length) {
      throw new KeyRingException(Reason.UNKNOWN_VERSION, "unknown key version " + version);
    }
    Entry entry = s.entries[version];
    switch (entry.info.state()) {
      case REVOKED:
        throw new KeyRingException(Reason.REVOKED, "key version " + version + " is revoked");
      case DESTROYED:
        throw new KeyRingException(Reason.DESTROYED, "key version " + version + " was destroyed");
      default:
        return entry;
    }
  }

  private static byte[] header(int version) {
    return new byte[] {
      FORMAT,
      (byte) (version >>> 24),
      (byte) (version >>> 16),
      (byte) (version >>> 8),
      (byte) version
    };
  }

  private static byte[] aad(byte[] header, byte[] associatedData) {
    byte[] aad = Arrays.copyOf(header, HEADER + associatedData.length);
    System.arraycopy(associatedData, 0, aad, HEADER, associatedData.length);
    return aad;
  }

  /** An immutable view of one stored revision with unwrapped keys for the usable versions. */
  private static final class Snapshot {
    final StoredKeyRing stored;
    final Entry[] entries;
    final Entry primary;

    private Snapshot(StoredKeyRing stored, Entry[] entries) {
      this.stored = stored;
      this.entries = entries;
      this.primary = entries[stored.primaryVersion()];
    }

    static Snapshot of(StoredKeyRing stored, @Nullable Snapshot previous, KeyRing ring) {
      Entry[] entries = new Entry[stored.versions().size() + 1];
      for (StoredKeyVersion v : stored.versions()) {
        KeyState state = v.state();
        if (state.canDecrypt() && v.version() < stored.minDecryptionVersion()) {
          state = KeyState.REVOKED;
        }
        KeyVersion info =
            new KeyVersion(
                v.version(),
                state,
                v.version() == stored.primaryVersion(),
                v.createdAt(),
                v.revocationReason(),
                v.changedAt());
        Entry old =
            previous != null && v.version() < previous.entries.length
                ? previous.entries[v.version()]
                : null;
        AtomicLong uses = old != null ? old.uses : new AtomicLong();
        byte[] material = null;
        if (state.canDecrypt()) {
          material =
              old != null && old.material != null && !old.wiped ? old.material : ring.unwrap(v);
        }
        entries[v.version()] = new Entry(info, material, uses, ring.name);
      }
      return new Snapshot(stored, entries);
    }
  }

  private byte[] unwrap(StoredKeyVersion v) {
    try {
      return masterKey.unwrap(
          Checks.requireNonNull(v.wrappedMaterial(), "wrapped material"), wrapContext(v.version()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "key ring " + name + " version " + v.version() + " does not unwrap under the master key");
    }
  }

  /** One version in one snapshot. */
  private static final class Entry {
    final KeyVersion info;
    final byte @Nullable [] material;
    final @Nullable SecretKeySpec aeadKey;
    final AtomicLong uses;
    final long createdMillis;
    volatile boolean wiped;

    Entry(KeyVersion info, byte @Nullable [] material, AtomicLong uses, String ring) {
      this.info = info;
      this.material = material;
      this.uses = uses;
      this.createdMillis = info.createdAt().toEpochMilli();
      if (material == null) {
        this.aeadKey = null;
      } else {
        byte[] key =
            Crypto.hkdfSha256(
                material, SUBKEY_SALT, Crypto.utf8("bulwark-keys/aead/v1/" + ring), 32);
        this.aeadKey = new SecretKeySpec(key, "AES");
        Arrays.fill(key, (byte) 0);
      }
    }

    SecretKeySpec requireAeadKey() {
      if (aeadKey == null) {
        throw new IllegalStateException("version " + info.version() + " has no usable key");
      }
      return aeadKey;
    }

    byte[] requireMaterial() {
      if (material == null) {
        throw new IllegalStateException("version " + info.version() + " has no usable key");
      }
      return material;
    }

    void wipe() {
      wiped = true;
      if (material != null) {
        Arrays.fill(material, (byte) 0);
      }
    }
  }

  /** Configures a {@link KeyRing}; {@link #build()} loads or creates it. */
  public static final class Builder {
    private final String name;
    private KeyRingStore store = KeyRingStore.inMemory();
    private @Nullable MasterKeyProvider masterKey;
    private InstantSource clock = InstantSource.system();
    private SecureRandom random = new SecureRandom();
    private RotationPolicy policy = RotationPolicy.defaults();
    private final List<KeyRingListener> listeners = new ArrayList<>();

    private Builder(String name) {
      Checks.requireNonNull(name, "name");
      Checks.requireArgument(
          NAME.matcher(name).matches(), "name must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
      this.name = name;
    }

    /** Where the ring is persisted; default a new in-memory store. */
    @CanIgnoreReturnValue
    public Builder store(KeyRingStore store) {
      this.store = Checks.requireNonNull(store, "store");
      return this;
    }

    /** The master key that wraps material; required. */
    @CanIgnoreReturnValue
    public Builder masterKey(MasterKeyProvider masterKey) {
      this.masterKey = Checks.requireNonNull(masterKey, "masterKey");
      return this;
    }

    /** The wall clock for creation times and rotation by age; default the system clock. */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = Checks.requireNonNull(clock, "clock");
      return this;
    }

    /** The CSPRNG for material and nonces; default a new {@link SecureRandom}. */
    @CanIgnoreReturnValue
    public Builder random(SecureRandom random) {
      this.random = Checks.requireNonNull(random, "random");
      return this;
    }

    /** When the ring rotates by itself; default {@link RotationPolicy#defaults()}. */
    @CanIgnoreReturnValue
    public Builder rotationPolicy(RotationPolicy policy) {
      this.policy = Checks.requireNonNull(policy, "policy");
      return this;
    }

    /** Adds a listener for this instance's changes. */
    @CanIgnoreReturnValue
    public Builder listener(KeyRingListener listener) {
      listeners.add(Checks.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Loads the ring, or creates it with version 1 as primary.
     *
     * @throws IllegalStateException if stored material does not unwrap under the master key
     */
    public KeyRing build() {
      Checks.requireArgument(masterKey != null, "a masterKey is required");
      return new KeyRing(this);
    }
  }
}
