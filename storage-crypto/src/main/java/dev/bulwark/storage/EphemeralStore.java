package dev.bulwark.storage;

import com.google.crypto.tink.Aead;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.storage.internal.Audit;
import dev.bulwark.storage.internal.BlobEntries;
import dev.bulwark.storage.internal.Checks;
import dev.bulwark.storage.internal.RecipientHasher;
import dev.bulwark.storage.spi.BlobEntry;
import dev.bulwark.storage.spi.BlobStore;
import dev.bulwark.storage.spi.KeyEncryptionKeyProvider;
import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.storage.spi.WrappedKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * An encrypted ephemeral store: the queue of undelivered records of a messaging server, kept only
 * until delivery or expiry.
 *
 * <ul>
 *   <li>{@link #put} seals a payload for a recipient with an AEAD (Tink, AES-256-GCM by default)
 *       under the recipient's current data key, with associated data binding the recipient (and
 *       through its keyed reference the namespace), the record ID and the format header (see {@link
 *       RecordFormat}).
 *   <li>{@link #fetch} returns a recipient's live records in arrival order; an expired record is
 *       never returned, sweeper or not.
 *   <li>{@link #acknowledge} deletes one record at once; of concurrent acknowledgements of the same
 *       record exactly one reports {@code true}.
 *   <li>{@link #shred} destroys the recipient's data keys, so their records are unreadable even
 *       from a backup of the blobs, and deletes the blobs too.
 *   <li>Stores see only a keyed hash of each recipient and expiry seconds.
 * </ul>
 *
 * <p>Every operation is first checked against the caller's {@link AccessContext} by {@link
 * AccessPolicy#standard()} and then by the host's policy; a refusal throws {@link
 * AccessDeniedException} and logs an audit event.
 *
 * <p>Thread-safe. Each operation is as atomic as the SPI method it calls; {@code put} and {@code
 * acknowledge} are single SPI transitions.
 *
 * <p>With remote stores (Redis, SQL), any operation may throw {@link
 * dev.bulwark.storage.spi.StoreUnavailableException} when a store gives no answer in time. It fails
 * closed: nothing is returned that was not read and opened, and each store transition happened
 * entirely or not at all ({@code put}: the record is stored or not; a retry stores a second record
 * with a new ID).
 */
public final class EphemeralStore {
  private static final byte[] RECORD_LABEL = "bulwark.rec".getBytes(StandardCharsets.US_ASCII);
  private static final int AD_LENGTH =
      RECORD_LABEL.length + RecordFormat.HEADER_LENGTH + RecordId.LENGTH + RecipientRef.LENGTH;
  private static final BlobEntries.Access BLOB_ENTRIES = BlobEntries.get();
  private static final Duration MIN_TTL = Duration.ofSeconds(1);
  private static final int MAX_OVERHEAD =
      Arrays.stream(AeadAlgorithm.values()).mapToInt(RecordFormat::overhead).max().orElseThrow();

  private final BlobStore blobs;
  private final DataKeys keys;
  private final RecipientRefs refs;
  private final RecordIds recordIds;
  private final AccessPolicy hostPolicy;
  private final InstantSource clock;
  private final SecureRandom random;
  private final AeadAlgorithm algorithm;
  private final Padding padding;
  private final Duration maxTtl;
  private final int maxPayloadBytes;
  private final int maxRecordBytes;
  private final long dataKeyRetentionSeconds;

  private EphemeralStore(Builder b, byte[] namespace, byte[] recipientHashKey) {
    this.blobs = b.blobStore;
    this.hostPolicy = b.accessPolicy;
    this.clock = b.clock;
    this.random = b.random;
    this.algorithm = b.algorithm;
    this.padding = b.padding;
    this.maxTtl = b.maxTtl;
    this.maxPayloadBytes = b.maxPayloadBytes;
    this.maxRecordBytes = MAX_OVERHEAD + padding.paddedLength(maxPayloadBytes);
    this.dataKeyRetentionSeconds = b.dataKeyMaxAge.plus(maxTtl).plusDays(1).toSeconds();
    this.refs =
        new RecipientRefs(
            new RecipientHasher(recipientHashKey, namespace),
            b.refCacheMaxEntries,
            b.refCacheMaxIdle,
            clock);
    this.recordIds = new RecordIds(random);
    this.keys =
        new DataKeys(
            b.wrappedKeyStore,
            Checks.requireNonNull(b.keyEncryptionKeys, "keyEncryptionKeys"),
            algorithm,
            namespace,
            clock,
            random,
            b.dataKeyMaxAge,
            b.dataKeyMaxUses,
            b.cacheMaxEntries,
            b.cacheMaxAge,
            b.cacheMaxUses);
  }

  /**
   * A builder; {@link Builder#recipientHashKey} and {@link Builder#keyEncryptionKeys} are required.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Seals {@code payload} for {@code recipient} and stores it until it is acknowledged, purged,
   * shredded or {@code ttl} has passed.
   *
   * @return the new record's ID
   * @throws AccessDeniedException if the caller may not put
   * @throws PayloadTooLargeException if the payload exceeds the configured maximum
   * @throws IllegalArgumentException if {@code ttl} is under one second or over the maximum
   * @throws StorageKeyException if no data key could be had; nothing is stored
   */
  @CanIgnoreReturnValue
  public RecordId put(AccessContext caller, Recipient recipient, byte[] payload, Duration ttl) {
    Checks.requireNonNull(payload, "payload");
    Checks.requireNonNull(ttl, "ttl");
    authorize(caller, Operation.PUT, recipient);
    if (payload.length > maxPayloadBytes) {
      throw new PayloadTooLargeException(payload.length, maxPayloadBytes);
    }
    if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(maxTtl) > 0) {
      throw new IllegalArgumentException("ttl must be between PT1S and " + maxTtl);
    }
    RecipientRef ref = refs.of(recipient);
    long nowMillis = clock.millis();
    long expiresAt = Math.floorDiv(nowMillis + ttl.toMillis(), 1000L);
    RecordId id = recordIds.next();
    byte[] blob;
    try {
      blob = seal(ref, id, payload, nowMillis);
    } catch (GeneralSecurityException e) {
      throw new StorageKeyException("cannot seal the record: data key unavailable", e);
    }
    blobs.put(ref, BLOB_ENTRIES.adopt(id, blob, expiresAt));
    return id;
  }

  /**
   * The record: Tink's ciphertext itself, whose prefix (0x01 and the data key ID) is the version-1
   * header, with the format byte changed to 0x02 if the payload is padded.
   */
  private byte[] seal(RecipientRef ref, RecordId id, byte[] payload, long nowMillis)
      throws GeneralSecurityException {
    DataKeys.Active key = keys.forSealing(ref, nowMillis);
    boolean padded = padding.isEnabled();
    byte format = padded ? RecordFormat.VERSION_1_PADDED : RecordFormat.VERSION_1_PLAIN;
    byte[] ad = associatedData(ref, id, format, key.keyId);
    byte[] record = key.aead.encrypt(padded ? pad(payload) : payload, ad);
    if (record[0] != RecordFormat.VERSION_1_PLAIN || RecordFormat.dataKeyId(record) != key.keyId) {
      throw new GeneralSecurityException("the data key's ciphertext prefix is not its header");
    }
    record[0] = format;
    return record;
  }

  private byte[] pad(byte[] payload) {
    byte[] out = new byte[padding.paddedLength(payload.length)];
    System.arraycopy(payload, 0, out, 0, payload.length);
    out[payload.length] = (byte) 0x80;
    return out;
  }

  private static byte @Nullable [] unpad(byte[] padded) {
    int i = padded.length - 1;
    while (i >= 0 && padded[i] == 0) {
      i--;
    }
    return i >= 0 && padded[i] == (byte) 0x80 ? Arrays.copyOf(padded, i) : null;
  }

  /** The associated data of a record: see {@link RecordFormat}. */
  private static byte[] associatedData(RecipientRef ref, RecordId id, byte format, int dataKeyId) {
    byte[] ad = new byte[AD_LENGTH];
    int p = RECORD_LABEL.length;
    System.arraycopy(RECORD_LABEL, 0, ad, 0, p);
    ad[p] = format;
    ad[p + 1] = (byte) (dataKeyId >>> 24);
    ad[p + 2] = (byte) (dataKeyId >>> 16);
    ad[p + 3] = (byte) (dataKeyId >>> 8);
    ad[p + 4] = (byte) dataKeyId;
    p += RecordFormat.HEADER_LENGTH;
    id.copyTo(ad, p);
    p += RecordId.LENGTH;
    ref.copyTo(ad, p);
    return ad;
  }

  /**
   * Returns up to {@code limit} of the recipient's live records, oldest first, and the IDs of any
   * that could not be opened. Nothing is deleted; acknowledge what was delivered.
   *
   * @throws AccessDeniedException unless the caller is this recipient
   * @throws IllegalArgumentException unless {@code 1 <= limit <= 10000}
   */
  public FetchResult fetch(AccessContext caller, Recipient recipient, int limit) {
    authorize(caller, Operation.FETCH, recipient);
    Checks.requireInRange("limit", limit, 1, 10_000);
    RecipientRef ref = refs.of(recipient);
    long nowMillis = clock.millis();
    long now = Math.floorDiv(nowMillis, 1000L);
    List<BlobEntry> entries = blobs.list(ref, now, limit);
    List<StoredRecord> records = new ArrayList<>(entries.size());
    List<FetchResult.UnreadableRecord> unreadable = new ArrayList<>(0);
    for (BlobEntry entry : entries) {
      if (entry.isExpiredAt(now)) {
        continue; // never trust the store alone with retention
      }
      try {
        records.add(
            new StoredRecord(
                entry.id(),
                open(ref, entry.id(), BLOB_ENTRIES.view(entry), nowMillis),
                Instant.ofEpochSecond(entry.expiresAtEpochSecond())));
      } catch (Unreadable e) {
        unreadable.add(new FetchResult.UnreadableRecord(entry.id(), e.reason));
      }
    }
    if (!unreadable.isEmpty()) {
      Audit.unreadable(unreadable.size());
    }
    return new FetchResult(records, unreadable);
  }

  /** A stored record that failed to open. */
  private static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;
    final UnreadableReason reason;

    Unreadable(UnreadableReason reason) {
      super(reason.name(), null, false, false);
      this.reason = reason;
    }
  }

  private byte[] open(RecipientRef ref, RecordId id, byte[] blob, long nowMillis)
      throws Unreadable {
    if (blob.length > maxRecordBytes) {
      throw new Unreadable(UnreadableReason.MALFORMED);
    }
    RecordFormat.Header header;
    try {
      header = RecordFormat.parseHeader(blob);
    } catch (MalformedRecordException e) {
      throw new Unreadable(e.reason());
    }
    Aead aead;
    try {
      aead = keys.forOpening(ref, header.dataKeyId(), nowMillis);
    } catch (DataKeys.Unavailable e) {
      throw new Unreadable(e.reason);
    }
    byte[] ad = associatedData(ref, id, blob[0], header.dataKeyId());
    // Tink sees its own ciphertext: the stored bytes, or for a padded record a copy with Tink's
    // prefix byte back in place of the format byte (which the associated data still covers).
    byte[] sealed = blob;
    if (header.padded()) {
      sealed = blob.clone();
      sealed[0] = RecordFormat.VERSION_1_PLAIN;
    }
    byte[] plaintext;
    try {
      plaintext = aead.decrypt(sealed, ad);
    } catch (GeneralSecurityException e) {
      throw new Unreadable(UnreadableReason.AUTHENTICATION_FAILED);
    }
    if (!header.padded()) {
      return plaintext;
    }
    byte[] payload = unpad(plaintext);
    if (payload == null) {
      throw new Unreadable(UnreadableReason.MALFORMED);
    }
    return payload;
  }

  /**
   * Deletes one record of the recipient at once. Atomic: of several concurrent calls for the same
   * record, exactly one returns {@code true}.
   *
   * @return whether this call deleted the record
   * @throws AccessDeniedException unless the caller is this recipient
   */
  @CanIgnoreReturnValue
  public boolean acknowledge(AccessContext caller, Recipient recipient, RecordId id) {
    Checks.requireNonNull(id, "id");
    authorize(caller, Operation.ACKNOWLEDGE, recipient);
    return blobs.delete(refs.of(recipient), id);
  }

  /**
   * Deletes every record of the recipient (their data keys are kept; see {@link #shred}).
   *
   * @return how many records were deleted
   * @throws AccessDeniedException unless the caller is this recipient or an operator
   */
  @CanIgnoreReturnValue
  public int purge(AccessContext caller, Recipient recipient) {
    authorize(caller, Operation.PURGE, recipient);
    int n = blobs.deleteAll(refs.of(recipient));
    Audit.purged(n);
    return n;
  }

  /**
   * Counts the recipient's live records, without opening any.
   *
   * @throws AccessDeniedException unless the caller is this recipient or an operator
   */
  public long count(AccessContext caller, Recipient recipient) {
    authorize(caller, Operation.COUNT, recipient);
    return blobs.count(refs.of(recipient), nowSecond());
  }

  /**
   * Crypto-shreds a recipient: destroys every data key of theirs, stored and cached, then deletes
   * their blobs. Records of theirs that survive anywhere (a backup, a replica) can no longer be
   * opened by anyone, since only wrapped data keys ever existed outside memory.
   *
   * @return how many data keys were destroyed
   * @throws AccessDeniedException unless the caller is an operator
   */
  @CanIgnoreReturnValue
  public int shred(AccessContext caller, Recipient recipient) {
    authorize(caller, Operation.SHRED, recipient);
    RecipientRef ref = refs.of(recipient);
    refs.forget(recipient);
    int destroyed = keys.shred(ref);
    int records = blobs.deleteAll(ref);
    Audit.shredded(destroyed, records);
    return destroyed;
  }

  /**
   * Deletes expired records, and data keys so old that no live record can use them (older than the
   * data-key rotation age plus the maximum TTL plus a day).
   *
   * @throws AccessDeniedException unless the caller is an operator
   */
  @CanIgnoreReturnValue
  public SweepResult sweep(AccessContext caller) {
    authorize(caller, Operation.SWEEP, null);
    long now = nowSecond();
    int records = blobs.deleteExpired(now);
    int dataKeys = keys.deleteCreatedBefore(now - dataKeyRetentionSeconds);
    Audit.swept(records, dataKeys);
    return new SweepResult(records, dataKeys);
  }

  /**
   * What {@link #sweep} deleted.
   *
   * @param records expired records
   * @param dataKeys data keys too old for any live record
   */
  public record SweepResult(int records, int dataKeys) {}

  /**
   * Runs {@link #sweep} as {@code operator} every {@code period} on {@code executor} until the
   * returned future is cancelled. A failing sweep is logged by the executor's handler and does not
   * stop later ones.
   *
   * @throws AccessDeniedException if {@code operator} may not sweep (checked now, once)
   */
  public ScheduledFuture<?> scheduleSweeper(
      ScheduledExecutorService executor, AccessContext operator, Duration period) {
    Checks.requireNonNull(executor, "executor");
    Checks.requireNonNull(period, "period");
    Checks.requireArgument(
        period.compareTo(Duration.ofSeconds(1)) >= 0, "sweep period must be at least PT1S");
    authorize(operator, Operation.SWEEP, null);
    Runnable task =
        () -> {
          try {
            SweepResult ignored = sweep(operator);
          } catch (RuntimeException e) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
          }
        };
    long millis = period.toMillis();
    return executor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Moves every data key not wrapped by the key-encryption key provider's current primary to it,
   * without touching any payload. Once it reports no failures, older key-encryption keys can be
   * retired.
   *
   * @throws AccessDeniedException unless the caller is an operator
   */
  @CanIgnoreReturnValue
  public RewrapResult rewrap(AccessContext caller) {
    authorize(caller, Operation.REWRAP, null);
    RewrapResult result = keys.rewrap();
    Audit.rewrapped(result.rewrapped(), result.alreadyCurrent(), result.failed());
    return result;
  }

  /** How many recipients the reference cache holds now, for tests. */
  long cachedReferenceCount() {
    return refs.cachedCount();
  }

  /** The AEAD new data keys use. */
  public AeadAlgorithm algorithm() {
    return algorithm;
  }

  /** The largest payload {@link #put} accepts, in bytes. */
  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  private long nowSecond() {
    return Math.floorDiv(clock.millis(), 1000L);
  }

  private void authorize(AccessContext caller, Operation operation, @Nullable Recipient target) {
    Checks.requireNonNull(caller, "caller");
    if (operation != Operation.SWEEP && operation != Operation.REWRAP) {
      Checks.requireNonNull(target, "recipient");
    }
    boolean callerIsTarget = target != null && caller.is(target);
    Optional<DenialReason> denial =
        AccessPolicy.standard().check(caller, operation, callerIsTarget);
    if (denial.isEmpty()) {
      denial = hostPolicy.check(caller, operation, callerIsTarget);
      if (denial.isPresent()) {
        denial = Optional.of(DenialReason.HOST_POLICY);
      }
    }
    if (denial.isPresent()) {
      Audit.denied(operation.name(), caller.role().name(), denial.get().name());
      throw new AccessDeniedException(operation, caller.role(), denial.get());
    }
  }

  @Override
  public String toString() {
    return "EphemeralStore[" + algorithm + ", " + padding + "]";
  }

  /**
   * Configures an {@link EphemeralStore}. Defaults: in-memory stores, AES-256-GCM, no padding, a
   * 30-day TTL cap, 256 KiB payloads, data keys rotated after a day or 2^20 records, an unwrapped
   * key cache of 10,000 keys for five minutes or 100,000 uses each, a recipient reference cache of
   * 10,000 recipients for one minute idle, the system clock.
   */
  public static final class Builder {
    private @Nullable String namespace = "default";
    private byte @Nullable [] recipientHashKey;
    private @Nullable KeyEncryptionKeyProvider keyEncryptionKeys;
    private BlobStore blobStore = BlobStore.inMemory();
    private WrappedKeyStore wrappedKeyStore = WrappedKeyStore.inMemory();
    private AeadAlgorithm algorithm = AeadAlgorithm.AES256_GCM;
    private Padding padding = Padding.none();
    private Duration maxTtl = Duration.ofDays(30);
    private int maxPayloadBytes = 256 * 1024;
    private Duration dataKeyMaxAge = Duration.ofDays(1);
    private long dataKeyMaxUses = 1L << 20;
    private int cacheMaxEntries = 10_000;
    private Duration cacheMaxAge = Duration.ofMinutes(5);
    private long cacheMaxUses = 100_000;
    private int refCacheMaxEntries = 10_000;
    private Duration refCacheMaxIdle = Duration.ofMinutes(1);
    private AccessPolicy accessPolicy = AccessPolicy.noFurtherRestriction();
    private InstantSource clock = InstantSource.system();
    private SecureRandom random = new SecureRandom();

    private Builder() {}

    /**
     * Separates stores that share backends: records and data keys are bound to it. 1 to 64 ASCII
     * letters, digits, '.', '-' or '_'. Default {@code "default"}.
     */
    @CanIgnoreReturnValue
    public Builder namespace(String namespace) {
      Checks.requireNonNull(namespace, "namespace");
      Checks.requireArgument(
          namespace.matches("[A-Za-z0-9._-]{1,64}"), "namespace must be 1 to 64 of [A-Za-z0-9._-]");
      this.namespace = namespace;
      return this;
    }

    /**
     * The secret key (at least 32 bytes, copied) of the keyed hash that stores see instead of
     * recipients. It must stay the same for as long as records live. Required.
     */
    @CanIgnoreReturnValue
    public Builder recipientHashKey(byte[] key) {
      Checks.requireNonNull(key, "recipientHashKey");
      Checks.requireArgument(
          key.length >= 32, "recipientHashKey must be at least 32 bytes, got %d", key.length);
      this.recipientHashKey = key.clone();
      return this;
    }

    /** The key-encryption keys that wrap data keys. Required. */
    @CanIgnoreReturnValue
    public Builder keyEncryptionKeys(KeyEncryptionKeyProvider provider) {
      this.keyEncryptionKeys = Checks.requireNonNull(provider, "keyEncryptionKeys");
      return this;
    }

    /** Where sealed records live. */
    @CanIgnoreReturnValue
    public Builder blobStore(BlobStore store) {
      this.blobStore = Checks.requireNonNull(store, "blobStore");
      return this;
    }

    /** Where wrapped data keys live. */
    @CanIgnoreReturnValue
    public Builder wrappedKeyStore(WrappedKeyStore store) {
      this.wrappedKeyStore = Checks.requireNonNull(store, "wrappedKeyStore");
      return this;
    }

    /** The AEAD of new data keys. */
    @CanIgnoreReturnValue
    public Builder algorithm(AeadAlgorithm algorithm) {
      this.algorithm = Checks.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /** Length padding of payloads. */
    @CanIgnoreReturnValue
    public Builder padding(Padding padding) {
      this.padding = Checks.requireNonNull(padding, "padding");
      return this;
    }

    /** The longest TTL {@code put} accepts: 1 minute to 365 days. */
    @CanIgnoreReturnValue
    public Builder maxTtl(Duration maxTtl) {
      this.maxTtl =
          Checks.requireBetween("maxTtl", maxTtl, Duration.ofMinutes(1), Duration.ofDays(365));
      return this;
    }

    /** The largest payload {@code put} accepts: 1 byte to 16 MiB. */
    @CanIgnoreReturnValue
    public Builder maxPayloadBytes(int bytes) {
      this.maxPayloadBytes = Checks.requireInRange("maxPayloadBytes", bytes, 1, 16 << 20);
      return this;
    }

    /**
     * When a recipient's sealing data key is replaced: after {@code maxAge} (1 minute to 90 days)
     * or {@code maxUses} records (1 to 2^32), whichever comes first. Uses are counted per process.
     */
    @CanIgnoreReturnValue
    public Builder dataKeyRotation(Duration maxAge, long maxUses) {
      Checks.requireBetween("data key maxAge", maxAge, Duration.ofMinutes(1), Duration.ofDays(90));
      Checks.requireInRange("data key maxUses", maxUses, 1, 1L << 32);
      this.dataKeyMaxAge = maxAge;
      this.dataKeyMaxUses = maxUses;
      return this;
    }

    /**
     * Bounds the cache of unwrapped data keys: at most {@code maxEntries} keys (1 to 10^7), each
     * for at most {@code maxAge} (1 second to 1 day) and {@code maxUses} records (1 to 2^32). Each
     * operation reads the clock once, at its start, so a key may still serve the operation in
     * progress for as long as that operation takes past {@code maxAge}.
     */
    @CanIgnoreReturnValue
    public Builder dataKeyCache(int maxEntries, Duration maxAge, long maxUses) {
      Checks.requireInRange("cache maxEntries", maxEntries, 1, 10_000_000);
      Checks.requireBetween("cache maxAge", maxAge, Duration.ofSeconds(1), Duration.ofDays(1));
      Checks.requireInRange("cache maxUses", maxUses, 1, 1L << 32);
      this.cacheMaxEntries = maxEntries;
      this.cacheMaxAge = maxAge;
      this.cacheMaxUses = maxUses;
      return this;
    }

    /**
     * Bounds the cache of recipient references (the keyed hashes stores see): at most {@code
     * maxEntries} recipients (0 to 10^7; 0 turns the cache off), each dropped {@code maxIdle} (1
     * second to 1 hour) after its last use. Default 10,000 recipients for one minute.
     *
     * <p>The cache saves one HMAC-SHA-256 per operation on a recently used recipient. Its price:
     * the raw identifiers of up to {@code maxEntries} recently active recipients stay reachable
     * from the store (in a heap dump, say) for up to {@code maxIdle} after their last use; they are
     * never logged or printed. {@link EphemeralStore#shred} drops the recipient at once. Turn it
     * off where raw identifiers must not outlive the calls that carry them.
     */
    @CanIgnoreReturnValue
    public Builder recipientReferenceCache(int maxEntries, Duration maxIdle) {
      Checks.requireInRange("reference cache maxEntries", maxEntries, 0, 10_000_000);
      Checks.requireBetween(
          "reference cache maxIdle", maxIdle, Duration.ofSeconds(1), Duration.ofHours(1));
      this.refCacheMaxEntries = maxEntries;
      this.refCacheMaxIdle = maxIdle;
      return this;
    }

    /** Restrictions added to {@link AccessPolicy#standard()}, which always applies. */
    @CanIgnoreReturnValue
    public Builder accessPolicy(AccessPolicy policy) {
      this.accessPolicy = Checks.requireNonNull(policy, "accessPolicy");
      return this;
    }

    /** The wall clock for expiry and key ages. */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = Checks.requireNonNull(clock, "clock");
      return this;
    }

    /** The CSPRNG for record IDs and data key IDs. */
    @CanIgnoreReturnValue
    public Builder random(SecureRandom random) {
      this.random = Checks.requireNonNull(random, "random");
      return this;
    }

    /**
     * Builds the store.
     *
     * @throws IllegalStateException if the recipient hash key or the key-encryption keys are
     *     missing
     */
    public EphemeralStore build() {
      if (recipientHashKey == null) {
        throw new IllegalStateException("recipientHashKey is required");
      }
      if (keyEncryptionKeys == null) {
        throw new IllegalStateException("keyEncryptionKeys is required");
      }
      try {
        // A round trip, since some primitives only find their JCE cipher on first use.
        Aead probe =
            com.google.crypto.tink.KeysetHandle.generateNew(algorithm.tinkParameters())
                .getPrimitive(com.google.crypto.tink.RegistryConfiguration.get(), Aead.class);
        byte[] unused = probe.decrypt(probe.encrypt(new byte[1], new byte[0]), new byte[0]);
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new IllegalStateException(algorithm + " is not available on this JVM", e);
      }
      return new EphemeralStore(
          this, namespace.getBytes(StandardCharsets.US_ASCII), recipientHashKey);
    }
  }
}
