package dev.bulwark.redis.messageid;

import static dev.bulwark.redis.internal.Checks.requireArgument;
import static dev.bulwark.redis.internal.Checks.requireInRange;
import static dev.bulwark.redis.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.messageid.MessageId;
import dev.bulwark.messageid.MessageOutcome;
import dev.bulwark.messageid.ReplayPolicy;
import dev.bulwark.messageid.ReplayScope;
import dev.bulwark.messageid.spi.ReplayStore;
import dev.bulwark.messageid.spi.ReplayStoreException;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.internal.Calls;
import dev.bulwark.redis.internal.ExpirySlack;
import dev.bulwark.redis.internal.LuaScript;
import io.lettuce.core.ScriptOutputType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ReplayStore} on Redis (standalone or Cluster): per scope, one key holding the RFC 6479
 * window (a ring bitmap tested and set in place with {@code GETBIT}/{@code SETBIT}) and the newest
 * accepted timestamp, and one sorted set of seen random IDs, each scored by the time it may be
 * forgotten. Each {@code commit...} and {@code check...} method is one Lua script that reads and
 * writes only its scope's keys, so it is one indivisible step of the scope on the server: of N
 * concurrent submissions of one message ID (from any number of servers) exactly one is {@code
 * ACCEPTED}.
 *
 * <p><b>Keys.</b> {@code <keyPrefix>replay:{<scope>}:w} (window and newest timestamp) and {@code
 * <keyPrefix>replay:{<scope>}:ids} (seen IDs), where {@code <scope>} is the unpadded base64url
 * HMAC-SHA-256 of the scope under {@link Builder#scopeHashKey} (plain SHA-256 without one): {@code
 * "bulwark.replay-scope.v1" || u16 length || UTF-8 account || i32 device || i64 epoch}. So the
 * account never appears in Redis, and the two keys share a hash tag: on a Cluster they live in one
 * slot, as a script that touches both requires. Set a scope hash key where accounts can be guessed
 * (phone numbers, say): with plain SHA-256, whoever can list the keys can confirm a guessed account
 * by hashing it.
 *
 * <p><b>State value</b>, format version 1, big-endian:
 *
 * <pre>
 * offset size
 *  0      1   version = 0x01 (any other version is rejected with {@link RedisReplayRecordException})
 *  1      2   window bits W (0 while the scope has seen no sequence number)
 *  3      8   highest accepted sequence number (-1 if none)
 * 11      8   newest accepted client timestamp (epoch ms; Long.MIN_VALUE if none)
 * 19   8(W/64+1)  the ring: block s holds the numbers whose (n >> 6) mod (W/64 + 1) is s; the bit
 *             of n is Redis bit offset 8 * (19 + 8s) + (n &amp; 63), Redis counting bits from the
 *             most significant bit of each byte
 * </pre>
 *
 * The seen-set is a sorted set of 16-byte IDs (the UUID's bits, big-endian), each scored by {@link
 * ReplayPolicy#forgetAfterMillis} of its timestamp; an ID whose score has passed counts as
 * forgotten and is removed by the next insert.
 *
 * <p><b>Time and retention.</b> The state key lives for the policy's {@link
 * ReplayPolicy#retention()} (plus 1 ms) after each commit, as in the in-memory store; the seen-set
 * until its last ID may be forgotten. "Now", for the seen-set, is the Redis server's {@code TIME}
 * by default or the caller's clock ({@link Builder#clock}); use the clock of the guard's {@code
 * ServerClock}.
 *
 * <p><b>Bounds.</b> Each scope holds at most {@link Builder#maximumIdsPerScope} live IDs; past it
 * new IDs get {@link MessageOutcome#STORE_FULL}. The store never forgets live state to make room:
 * run Redis with {@code maxmemory-policy noeviction}, so that a full Redis refuses writes (the
 * store then throws) instead of evicting a window, which would re-admit replays.
 *
 * <p><b>Failure.</b> Fails closed: when Redis does not answer within the backend's command timeout,
 * every method throws {@link ReplayStoreException} (the async forms complete with it), and the
 * guard refuses the message. It works again as soon as the backend has reconnected. No message, log
 * or {@code toString} holds an account identifier.
 *
 * <p>This class is thread-safe.
 */
public final class RedisReplayStore implements ReplayStore {
  /** The default bound on live IDs per scope. */
  public static final long DEFAULT_MAXIMUM_IDS_PER_SCOPE = 1_000_000;

  /** The default slack added to the keys' time-to-live. */
  public static final Duration DEFAULT_EXPIRY_SLACK = Duration.ofMinutes(1);

  /** The shortest {@link Builder#scopeHashKey}, in bytes. */
  public static final int MIN_SCOPE_HASH_KEY_BYTES = 32;

  /** The largest client timestamp (epoch ms) the store accepts: year 6429. */
  public static final long MAX_EPOCH_MILLIS = 1L << 47;

  private static final String NAME = "Redis replay store";
  private static final String BAD_RECORD = "BULWARK_BAD_RECORD";
  private static final byte[] SCOPE_DOMAIN =
      "bulwark.replay-scope.v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHECK = {'0'};
  private static final byte[] COMMIT = {'1'};
  private static final byte[] SERVER_TIME = new byte[0];
  private static final LuaScript SEQUENCE =
      LuaScript.load(RedisReplayStore.class, "replay-sequence.lua");
  private static final LuaScript ID = LuaScript.load(RedisReplayStore.class, "replay-id.lua");
  private static final MessageOutcome[] OUTCOMES = {
    MessageOutcome.ACCEPTED,
    MessageOutcome.DUPLICATE,
    MessageOutcome.SEQUENCE_TOO_OLD,
    MessageOutcome.SEQUENCE_TOO_FAR_AHEAD,
    MessageOutcome.OUT_OF_ORDER,
    MessageOutcome.STORE_FULL
  };

  private final RedisBackend redis;
  private final String keyPrefix;
  private final @Nullable ThreadLocal<Mac> scopeMacs;
  private final @Nullable InstantSource clock;
  private final byte[] maximumIdsArg;
  private final long slackMillis;
  private final byte[] slackArg;

  private RedisReplayStore(Builder b) {
    this.redis = b.redis;
    this.keyPrefix = b.redis.keyPrefix() + "replay:{";
    SecretKeySpec scopeKey = b.scopeHashKey;
    this.scopeMacs = scopeKey == null ? null : ThreadLocal.withInitial(() -> hmac(scopeKey));
    this.clock = b.clock;
    this.maximumIdsArg = Calls.arg(b.maximumIdsPerScope);
    this.slackMillis = b.expirySlack.toMillis();
    this.slackArg = Calls.arg(slackMillis);
  }

  /** Returns a store on {@code redis} that reads the Redis server's time. */
  public static RedisReplayStore create(RedisBackend redis) {
    return builder(redis).build();
  }

  /** Returns a builder for a store on {@code redis}. */
  public static Builder builder(RedisBackend redis) {
    return new Builder(redis);
  }

  @Override
  public MessageOutcome checkSequence(
      ReplayScope scope, long sequence, long clientMillis, ReplayPolicy policy) {
    return await(sequence(CHECK, scope, sequence, clientMillis, policy));
  }

  @Override
  public MessageOutcome commitSequence(
      ReplayScope scope, long sequence, long clientMillis, ReplayPolicy policy) {
    return await(sequence(COMMIT, scope, sequence, clientMillis, policy));
  }

  @Override
  public CompletionStage<MessageOutcome> commitSequenceAsync(
      ReplayScope scope, long sequence, long clientMillis, ReplayPolicy policy) {
    return Calls.translateFailure(
        sequence(COMMIT, scope, sequence, clientMillis, policy), RedisReplayStore::translate);
  }

  @Override
  public MessageOutcome checkId(
      ReplayScope scope, MessageId id, long clientMillis, ReplayPolicy policy) {
    return await(id(CHECK, scope, id, clientMillis, policy));
  }

  @Override
  public MessageOutcome commitId(
      ReplayScope scope, MessageId id, long clientMillis, ReplayPolicy policy) {
    return await(id(COMMIT, scope, id, clientMillis, policy));
  }

  @Override
  public CompletionStage<MessageOutcome> commitIdAsync(
      ReplayScope scope, MessageId id, long clientMillis, ReplayPolicy policy) {
    return Calls.translateFailure(
        id(COMMIT, scope, id, clientMillis, policy), RedisReplayStore::translate);
  }

  @Override
  public void invalidate(ReplayScope scope) {
    String stateKey = keyPrefix + tag(scope) + "}:w";
    long unused = Calls.await(redis, redis.commands().del(stateKey), RedisReplayStore::translate);
  }

  @Override
  public String toString() {
    return "RedisReplayStore[" + (clock == null ? "server time" : "caller's clock") + "]";
  }

  private MessageOutcome await(CompletionStage<MessageOutcome> stage) {
    return Calls.await(redis, stage, RedisReplayStore::translate);
  }

  private CompletionStage<MessageOutcome> sequence(
      byte[] mode, ReplayScope scope, long sequence, long clientMillis, ReplayPolicy policy) {
    String tag = tag(scope);
    checkArguments(clientMillis, policy);
    if (sequence < 0) {
      return java.util.concurrent.CompletableFuture.completedFuture(
          MessageOutcome.INVALID_SEQUENCE);
    }
    CompletionStage<Long> reply =
        SEQUENCE.run(
            redis,
            ScriptOutputType.INTEGER,
            new String[] {keyPrefix + tag + "}:w"},
            mode,
            Calls.arg(sequence >>> 32),
            Calls.arg(sequence & 0xFFFF_FFFFL),
            Calls.arg(clientMillis),
            Calls.arg(policy.maxJumpAhead()),
            Calls.arg(policy.windowBits()),
            Calls.arg(policy.reorderToleranceMillis()),
            Calls.arg(keepMillis(policy)));
    return reply.thenApply(r -> OUTCOMES[(int) (long) r]);
  }

  private CompletionStage<MessageOutcome> id(
      byte[] mode, ReplayScope scope, MessageId id, long clientMillis, ReplayPolicy policy) {
    String tag = tag(scope);
    requireNonNull(id, "id");
    checkArguments(clientMillis, policy);
    byte[] idBytes =
        ByteBuffer.allocate(16)
            .putLong(id.mostSignificantBits())
            .putLong(id.leastSignificantBits())
            .array();
    CompletionStage<Long> reply =
        ID.run(
            redis,
            ScriptOutputType.INTEGER,
            new String[] {keyPrefix + tag + "}:w", keyPrefix + tag + "}:ids"},
            mode,
            idBytes,
            Calls.arg(clientMillis),
            Calls.arg(policy.forgetAfterMillis(clientMillis)),
            Calls.arg(policy.reorderToleranceMillis()),
            Calls.arg(keepMillis(policy)),
            maximumIdsArg,
            clock == null ? SERVER_TIME : Calls.arg(clock.millis()),
            slackArg);
    return reply.thenApply(r -> OUTCOMES[(int) (long) r]);
  }

  /** How long a scope's state is kept after a commit: the retention, 1 ms, and the slack. */
  private long keepMillis(ReplayPolicy policy) {
    return policy.retentionMillis() + 1 + slackMillis;
  }

  private static void checkArguments(long clientMillis, ReplayPolicy policy) {
    requireNonNull(policy, "policy");
    requireArgument(
        clientMillis >= 0 && clientMillis <= MAX_EPOCH_MILLIS,
        "clientMillis must be between 0 and %d, got %d",
        MAX_EPOCH_MILLIS,
        clientMillis);
  }

  /**
   * The scope's part of its keys: the unpadded base64url HMAC-SHA-256 (or, without a scope hash
   * key, SHA-256) of its canonical encoding.
   */
  String tag(ReplayScope scope) {
    requireNonNull(scope, "scope");
    byte[] account = scope.account().getBytes(StandardCharsets.UTF_8);
    ByteBuffer encoded = ByteBuffer.allocate(SCOPE_DOMAIN.length + 2 + account.length + 4 + 8);
    encoded.put(SCOPE_DOMAIN).putShort((short) account.length).put(account);
    encoded.putInt(scope.device()).putLong(scope.epoch());
    byte[] digest;
    if (scopeMacs != null) {
      digest = scopeMacs.get().doFinal(encoded.array());
    } else {
      try {
        digest = MessageDigest.getInstance("SHA-256").digest(encoded.array());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required of every JDK", e);
      }
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  private static Mac hmac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  private static ReplayStoreException translate(Calls.RedisUnavailable failure) {
    Throwable cause = failure.getCause();
    String message = cause == null ? null : cause.getMessage();
    if (message != null && message.startsWith(BAD_RECORD)) {
      // the script's reply names only the record's kind and defect
      return new RedisReplayRecordException(
          NAME + ": " + message.substring(BAD_RECORD.length()).trim(), failure);
    }
    return new ReplayStoreException(NAME + " could not answer: " + failure.getMessage(), failure);
  }

  /** Builds a {@link RedisReplayStore}. */
  public static final class Builder {
    private final RedisBackend redis;
    private @Nullable InstantSource clock;
    private long maximumIdsPerScope = DEFAULT_MAXIMUM_IDS_PER_SCOPE;
    private Duration expirySlack = DEFAULT_EXPIRY_SLACK;
    private @Nullable SecretKeySpec scopeHashKey;

    private Builder(RedisBackend redis) {
      this.redis = requireNonNull(redis, "redis");
    }

    /**
     * Uses the caller's wall clock (the guard's) to decide when seen IDs are forgotten, instead of
     * the Redis server's {@code TIME}.
     */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the most live IDs one scope may hold, from 1 to 2<sup>31</sup>; 1,000,000 by default.
     */
    @CanIgnoreReturnValue
    public Builder maximumIdsPerScope(long maximum) {
      this.maximumIdsPerScope = requireInRange("maximumIdsPerScope", maximum, 1, 1L << 31);
      return this;
    }

    /**
     * Sets how much longer than needed keys are kept, from 0 to 1 hour in whole milliseconds; one
     * minute by default. Answers never depend on it (a seen ID counts as forgotten from its
     * forget-after time on, by the store's clock); it only keeps a key from vanishing early when
     * Redis's clock runs ahead of the servers'.
     */
    @CanIgnoreReturnValue
    public Builder expirySlack(Duration slack) {
      this.expirySlack = ExpirySlack.check(slack);
      return this;
    }

    /**
     * Names scopes in Redis by an HMAC-SHA-256 under this secret key (at least 32 bytes, copied)
     * instead of a plain SHA-256, so that key names cannot confirm a guessed account. Every server
     * sharing the Redis must use the same key, and it must not change while replay state matters:
     * under another key every scope starts empty, and messages seen before would be accepted again
     * for up to the policy's retention. Turning the key on in a running deployment is such a change
     * too.
     *
     * @throws IllegalArgumentException if the key is shorter than 32 bytes
     */
    @CanIgnoreReturnValue
    public Builder scopeHashKey(byte[] key) {
      requireNonNull(key, "scopeHashKey");
      requireArgument(
          key.length >= MIN_SCOPE_HASH_KEY_BYTES,
          "scopeHashKey must be at least %d bytes, got %d",
          MIN_SCOPE_HASH_KEY_BYTES,
          key.length);
      this.scopeHashKey = new SecretKeySpec(key.clone(), "HmacSHA256");
      return this;
    }

    /** Returns the store. */
    public RedisReplayStore build() {
      return new RedisReplayStore(this);
    }
  }
}
