package dev.bulwark.redis.verification;

import static dev.bulwark.redis.internal.Checks.requireArgument;
import static dev.bulwark.redis.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.internal.Calls;
import dev.bulwark.redis.internal.LuaScript;
import dev.bulwark.redis.internal.Replies;
import dev.bulwark.verification.OtpAlgorithm;
import dev.bulwark.verification.TotpParameters;
import dev.bulwark.verification.spi.StoredTotpCredential;
import dev.bulwark.verification.spi.TotpCredentialStore;
import dev.bulwark.verification.spi.VerificationStoreException;
import io.lettuce.core.ScriptOutputType;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TotpCredentialStore} on Redis (standalone or Cluster): one key per account holding its
 * pending credential and its active ones. {@link #putPending}, {@link #activate} and {@link
 * #remove} are each one Lua script, so the limit on active credentials is checked in the same step
 * that activates; {@link #pending} and {@link #active} are one {@code GET}.
 *
 * <p><b>Keys.</b> {@code <keyPrefix>totp:<accountId>}, the account ID as the host hands it. An
 * account with active credentials never expires (run Redis with persistence and {@code
 * maxmemory-policy noeviction}: these are the credentials themselves); one with only a pending
 * credential expires when it does. "Now", for that time-to-live, is the Redis server's {@code TIME}
 * by default or the caller's clock ({@link Builder#clock}); activations use the time passed in.
 *
 * <p><b>Value</b>, format version 1, big-endian: {@code 0x01 | flags (1 if a pending credential
 * follows, else 0) | [u16 length | pending credential] | u8 count | count x (u16 length | active
 * credential)}, active credentials oldest first. A credential is {@code u8 id length (1 to 255) |
 * UTF-8 id | u8 active | i64 pending-until (epoch ms; 0x7fff_ffff_ffff_ffff once active) | i64
 * created-at | u8 algorithm (0 SHA-1, 1 SHA-256, 2 SHA-512) | u8 digits | u16 step seconds | u8
 * steps back | u8 steps forward | u16 sealed secret length | sealed secret}. The secret is stored
 * exactly as the {@link dev.bulwark.verification.spi.SecretProtector} sealed it. Any other version,
 * or a malformed value, is rejected with {@link RedisRecordException} and left as it is: by reads,
 * and by the script, which checks every credential of a record exactly as reads do before any write
 * (so a write never rewrites a record that reads would refuse).
 *
 * <p><b>Failure.</b> Fails closed: when Redis does not answer within the backend's command timeout,
 * every method throws {@link VerificationStoreException}. Messages never hold a secret.
 *
 * <p>This class is thread-safe.
 */
public final class RedisTotpCredentialStore implements TotpCredentialStore {
  /** The longest accepted account ID, in characters. */
  public static final int MAX_ACCOUNT_ID_LENGTH = 256;

  /** The longest accepted credential ID, in UTF-8 bytes. */
  public static final int MAX_CREDENTIAL_ID_BYTES = 255;

  /** The longest accepted sealed secret, in bytes. */
  public static final int MAX_SEALED_SECRET_LENGTH = 4096;

  /** The most active credentials one account may hold. */
  public static final int MAX_ACTIVE = 255;

  static final byte FORMAT_VERSION = 1;
  private static final long MAX_EPOCH_MILLIS = 1L << 47;
  private static final String NAME = "Redis TOTP credential store";
  private static final LuaScript TOTP = LuaScript.load(RedisTotpCredentialStore.class, "totp.lua");
  private static final byte[] PUT_PENDING = Calls.arg("put-pending");
  private static final byte[] ACTIVATE = Calls.arg("activate");
  private static final byte[] REMOVE = Calls.arg("remove");
  private static final Activation[] ACTIVATIONS = {
    Activation.ACTIVATED, Activation.NOT_FOUND, Activation.LIMIT_REACHED
  };

  private final RedisBackend redis;
  private final String keyPrefix;
  private final @Nullable InstantSource clock;

  private RedisTotpCredentialStore(Builder b) {
    this.redis = b.redis;
    this.keyPrefix = b.redis.keyPrefix() + "totp:";
    this.clock = b.clock;
  }

  /** Returns a store on {@code redis} that reads the Redis server's time. */
  public static RedisTotpCredentialStore create(RedisBackend redis) {
    return builder(redis).build();
  }

  /** Returns a builder for a store on {@code redis}. */
  public static Builder builder(RedisBackend redis) {
    return new Builder(redis);
  }

  @Override
  public void putPending(String accountId, StoredTotpCredential credential) {
    String key = key(accountId);
    requireNonNull(credential, "credential");
    requireArgument(!credential.isActive(), "credential must be pending");
    long pendingUntil = credential.pendingUntilMillis();
    requireArgument(
        pendingUntil >= 0 && pendingUntil <= MAX_EPOCH_MILLIS,
        "pendingUntilMillis must be between 0 and %d, got %d",
        MAX_EPOCH_MILLIS,
        pendingUntil);
    byte[] encoded = encode(credential);
    if (!Long.valueOf(1).equals(totp(key, PUT_PENDING, encoded, TimeArgs.now(clock)))) {
      throw unexpectedReply();
    }
  }

  @Override
  public @Nullable StoredTotpCredential pending(
      String accountId, String credentialId, long nowMillis) {
    requireNonNull(credentialId, "credentialId");
    Account account = read(accountId);
    StoredTotpCredential p = account == null ? null : account.pending;
    return p != null && p.credentialId().equals(credentialId) && nowMillis < p.pendingUntilMillis()
        ? p
        : null;
  }

  @Override
  public Activation activate(String accountId, String credentialId, int maxActive, long nowMillis) {
    String key = key(accountId);
    byte[] id = credentialId(credentialId);
    requireArgument(
        maxActive >= 0 && maxActive <= MAX_ACTIVE,
        "maxActive must be between 0 and %d, got %d",
        MAX_ACTIVE,
        maxActive);
    requireArgument(
        nowMillis >= 0 && nowMillis <= MAX_EPOCH_MILLIS,
        "nowMillis must be between 0 and %d, got %d",
        MAX_EPOCH_MILLIS,
        nowMillis);
    return activation(totp(key, ACTIVATE, id, Calls.arg(maxActive), Calls.arg(nowMillis)));
  }

  /**
   * The activation the script's answer stands for: 0 {@code ACTIVATED}, 1 {@code NOT_FOUND}, 2
   * {@code LIMIT_REACHED}. Any other answer is not one the script gives: {@link
   * VerificationStoreException}, and nothing is reported activated.
   */
  static Activation activation(@Nullable Long answer) {
    return ACTIVATIONS[
        Replies.index(answer, ACTIVATIONS.length, RedisTotpCredentialStore::unexpectedReply)];
  }

  /** Whether the script's answer to a removal (1 removed, 0 absent) says it removed one. */
  static boolean removed(@Nullable Long answer) {
    return Replies.yesOrNo(answer, RedisTotpCredentialStore::unexpectedReply);
  }

  private static VerificationStoreException unexpectedReply() {
    return new VerificationStoreException(NAME + ": unexpected reply from the script");
  }

  @Override
  public List<StoredTotpCredential> active(String accountId) {
    Account account = read(accountId);
    return account == null ? List.of() : account.active;
  }

  @Override
  public boolean remove(String accountId, String credentialId) {
    String key = key(accountId);
    byte[] id = credentialId(credentialId);
    return removed(totp(key, REMOVE, id, TimeArgs.now(clock)));
  }

  @Override
  public String toString() {
    return "RedisTotpCredentialStore[" + (clock == null ? "server time" : "caller's clock") + "]";
  }

  /** Runs the script's {@code operation} on the account record {@code key}. */
  private @Nullable Long totp(String key, byte[] operation, byte[]... args) {
    byte[][] all = new byte[args.length + 1][];
    all[0] = operation;
    System.arraycopy(args, 0, all, 1, args.length);
    return Failures.<Long>await(
        redis, NAME, TOTP.run(redis, ScriptOutputType.INTEGER, new String[] {key}, all));
  }

  private @Nullable Account read(String accountId) {
    String key = key(accountId);
    byte[] record = Failures.await(redis, NAME, redis.commands().get(key));
    return record == null ? null : decode(record);
  }

  private String key(String accountId) {
    return Keys.key(keyPrefix, "accountId", accountId, MAX_ACCOUNT_ID_LENGTH);
  }

  private static byte[] credentialId(String credentialId) {
    requireNonNull(credentialId, "credentialId");
    byte[] id = credentialId.getBytes(StandardCharsets.UTF_8);
    requireArgument(
        id.length >= 1 && id.length <= MAX_CREDENTIAL_ID_BYTES,
        "credentialId must have 1 to %d UTF-8 bytes, got %d",
        MAX_CREDENTIAL_ID_BYTES,
        id.length);
    return id;
  }

  /** One credential in format version 1 (see the class documentation). */
  static byte[] encode(StoredTotpCredential c) {
    byte[] id = credentialId(c.credentialId());
    byte[] secret = c.sealedSecret();
    requireArgument(
        secret.length <= MAX_SEALED_SECRET_LENGTH,
        "the sealed secret must have at most %d bytes, got %d",
        MAX_SEALED_SECRET_LENGTH,
        secret.length);
    TotpParameters p = c.parameters();
    ByteBuffer b = ByteBuffer.allocate(1 + id.length + 1 + 8 + 8 + 6 + 2 + secret.length);
    b.put((byte) id.length).put(id);
    b.put((byte) (c.isActive() ? 1 : 0));
    b.putLong(c.pendingUntilMillis()).putLong(c.createdAtMillis());
    b.put(algorithmCode(p.algorithm())).put((byte) p.digits()).putShort((short) p.stepSeconds());
    b.put((byte) p.stepsBack()).put((byte) p.stepsForward());
    b.putShort((short) secret.length).put(secret);
    return b.array();
  }

  private static byte algorithmCode(OtpAlgorithm algorithm) {
    return switch (algorithm) {
      case SHA1 -> 0;
      case SHA256 -> 1;
      case SHA512 -> 2;
    };
  }

  /**
   * An account record: its pending credential, if any, and its active ones, oldest first. A class
   * rather than a record: Jazzer's coverage instrumentation (the fuzz tests' {@code JAZZER_FUZZ=1}
   * mode) makes the JVM lose the fields of a record with a type-annotated component
   * (NoSuchFieldError, JDK-8376185).
   */
  static final class Account {
    private final @Nullable StoredTotpCredential pending;
    private final List<StoredTotpCredential> active;

    Account(@Nullable StoredTotpCredential pending, List<StoredTotpCredential> active) {
      this.pending = pending;
      this.active = active;
    }

    /** The pending credential, or null if there is none. */
    @Nullable StoredTotpCredential pending() {
      return pending;
    }

    /** The active credentials, oldest first. */
    List<StoredTotpCredential> active() {
      return active;
    }
  }

  /** Decodes an account record, or throws {@link RedisRecordException}. */
  static Account decode(byte[] record) {
    try {
      ByteBuffer b = ByteBuffer.wrap(record);
      if (b.get() != FORMAT_VERSION) {
        throw new RedisRecordException("totp credentials: unknown version or length");
      }
      int flags = b.get();
      StoredTotpCredential pending = null;
      if (flags == 1) {
        pending = credential(b);
        if (pending.isActive()) {
          throw new RedisRecordException(
              "totp credentials: an active credential as the pending one");
        }
      } else if (flags != 0) {
        throw new RedisRecordException("totp credentials: unknown flags");
      }
      int count = b.get() & 0xFF;
      List<StoredTotpCredential> active = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        StoredTotpCredential c = credential(b);
        if (!c.isActive()) {
          throw new RedisRecordException("totp credentials: a pending credential among the active");
        }
        active.add(c);
      }
      if (b.hasRemaining()) {
        throw new RedisRecordException("totp credentials: trailing bytes");
      }
      return new Account(pending, List.copyOf(active));
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new RedisRecordException("totp credentials: malformed", e);
    }
  }

  /**
   * One credential, refused unless it is exactly as {@link #encode} (or the script, activating it)
   * writes it: so that every record read has one encoding.
   */
  private static StoredTotpCredential credential(ByteBuffer record) {
    int length = record.getShort() & 0xFFFF;
    if (length > record.remaining()) {
      throw new RedisRecordException("totp credentials: truncated");
    }
    ByteBuffer b = record.slice(record.position(), length);
    record.position(record.position() + length);
    byte[] id = new byte[b.get() & 0xFF];
    if (id.length == 0) {
      throw new RedisRecordException("totp credentials: an empty credential ID");
    }
    b.get(id);
    String credentialId;
    try {
      credentialId = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(id)).toString();
    } catch (CharacterCodingException e) {
      throw new RedisRecordException("totp credentials: a credential ID that is not UTF-8");
    }
    byte activeFlag = b.get();
    if (activeFlag != 0 && activeFlag != 1) {
      throw new RedisRecordException("totp credentials: unknown active flag");
    }
    boolean active = activeFlag == 1;
    long pendingUntil = b.getLong();
    if (active && pendingUntil != Long.MAX_VALUE) {
      throw new RedisRecordException("totp credentials: an active credential with a pending time");
    }
    long createdAt = b.getLong();
    OtpAlgorithm algorithm =
        switch (b.get()) {
          case 0 -> OtpAlgorithm.SHA1;
          case 1 -> OtpAlgorithm.SHA256;
          case 2 -> OtpAlgorithm.SHA512;
          default -> throw new RedisRecordException("totp credentials: unknown algorithm");
        };
    TotpParameters parameters =
        TotpParameters.builder()
            .algorithm(algorithm)
            .digits(b.get())
            .stepSeconds(b.getShort() & 0xFFFF)
            .stepsBack(b.get())
            .stepsForward(b.get())
            .build();
    byte[] secret = new byte[b.getShort() & 0xFFFF];
    if (secret.length > MAX_SEALED_SECRET_LENGTH) {
      throw new RedisRecordException("totp credentials: a sealed secret too long");
    }
    b.get(secret);
    if (b.hasRemaining()) {
      throw new RedisRecordException("totp credentials: trailing bytes in a credential");
    }
    StoredTotpCredential c =
        StoredTotpCredential.pending(credentialId, secret, parameters, createdAt, pendingUntil);
    return active ? c.activated() : c;
  }

  /** Builds a {@link RedisTotpCredentialStore}. */
  public static final class Builder {
    private final RedisBackend redis;
    private @Nullable InstantSource clock;

    private Builder(RedisBackend redis) {
      this.redis = requireNonNull(redis, "redis");
    }

    /**
     * Uses the caller's clock to set the time-to-live of accounts with only a pending credential,
     * instead of the Redis server's {@code TIME}.
     */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Returns the store. */
    public RedisTotpCredentialStore build() {
      return new RedisTotpCredentialStore(this);
    }
  }
}
