package dev.bulwark.redis.verification;

import static dev.bulwark.redis.internal.Checks.requireArgument;
import static dev.bulwark.redis.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.internal.Calls;
import dev.bulwark.redis.internal.LuaScript;
import dev.bulwark.redis.internal.Replies;
import dev.bulwark.verification.CodeVerification;
import dev.bulwark.verification.CodeVerificationStatus;
import dev.bulwark.verification.OneTimeCodePolicy;
import dev.bulwark.verification.ResendStatus;
import dev.bulwark.verification.spi.CodeStore;
import dev.bulwark.verification.spi.ResendOutcome;
import dev.bulwark.verification.spi.StoredCode;
import dev.bulwark.verification.spi.VerificationStoreException;
import io.lettuce.core.ScriptOutputType;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CodeStore} on Redis (standalone or Cluster): one key per session, and each method one
 * Lua script (or one command), so every transition is atomic on the server: of N concurrent correct
 * submissions exactly one is {@code VERIFIED}, and a resend replaces the previous code in the same
 * step that checks the binding, the send limit and the cooldown. The scripts implement the rules of
 * {@link StoredCode#attempt} and {@link StoredCode#resend} exactly; the shared contract tests hold
 * them to it.
 *
 * <p><b>Keys.</b> {@code <keyPrefix>code:<sessionId>}: the session ID as {@link
 * dev.bulwark.verification.OneTimeCodes} issues it (160 random bits, base64url). The key expires at
 * the session's end ({@code PX}, set once when the session is created and kept by every later
 * write).
 *
 * <p><b>Value</b>, format version 1, big-endian:
 *
 * <pre>
 * offset size
 *  0      1   version = 0x01 (any other version is rejected with {@link RedisRecordException})
 *  1      1   state: 0 LIVE, 1 CONSUMED, 2 BURNED
 *  2      1   attempts used on the current code
 *  3      1   attempt budget of the current code
 *  4      1   codes sent
 *  5      1   send limit
 *  6      8   code expires at (epoch ms, signed)
 * 14      8   next send allowed at (epoch ms; 0x7fff_ffff_ffff_ffff once the sends are used up)
 * 22      8   session expires at (epoch ms)
 * 30      1   binding hash length n (1 to 255), then n bytes of binding hash
 *  .      1   code hash length m (1 to 255), then m bytes of code hash
 * </pre>
 *
 * Only the keyed hashes the module computes are stored: never a code, a destination or a purpose.
 *
 * <p><b>Time.</b> Attempts and resends use the time the caller passes in. Creating a session needs
 * "now" only to turn the session's end into a time-to-live: by default the script reads the Redis
 * server's {@code TIME}; {@link Builder#clock} uses the caller's clock instead. Either way the
 * answers depend only on the caller's times; the time-to-live only frees memory.
 *
 * <p><b>Failure.</b> Fails closed: when Redis does not answer within the backend's command timeout
 * (down, paused, partitioned, or answering with an error), every method throws {@link
 * VerificationStoreException} (the async forms complete with it), so nothing is ever verified
 * without the store's answer; so does a script reply of any other shape than the documented one. It
 * works again as soon as the backend has reconnected. Messages never hold a session ID, a hash or a
 * key.
 *
 * <p>This class is thread-safe.
 */
public final class RedisCodeStore implements CodeStore {
  /** The longest accepted session ID, in characters. */
  public static final int MAX_SESSION_ID_LENGTH = 256;

  /** The longest accepted hash, in bytes. */
  public static final int MAX_HASH_LENGTH = 255;

  /** The latest time (epoch ms) the store accepts: year 6429, far inside Lua's exact integers. */
  public static final long MAX_EPOCH_MILLIS = 1L << 47;

  static final byte FORMAT_VERSION = 1;
  private static final String NAME = "Redis code store";
  private static final LuaScript CREATE = LuaScript.load(RedisCodeStore.class, "code-create.lua");
  private static final LuaScript SESSION = LuaScript.load(RedisCodeStore.class, "code.lua");
  private static final byte[] ATTEMPT = Calls.arg("attempt");
  private static final byte[] RESEND = Calls.arg("resend");
  private static final CodeVerificationStatus[] ATTEMPT_STATUS = {
    CodeVerificationStatus.VERIFIED,
    CodeVerificationStatus.INVALID,
    CodeVerificationStatus.EXPIRED,
    CodeVerificationStatus.ATTEMPTS_EXHAUSTED,
    CodeVerificationStatus.NOT_FOUND
  };
  private static final ResendStatus[] RESEND_STATUS = {
    ResendStatus.SENT,
    ResendStatus.COOLDOWN,
    ResendStatus.SEND_LIMIT_REACHED,
    ResendStatus.BINDING_MISMATCH,
    ResendStatus.NOT_FOUND
  };

  private final RedisBackend redis;
  private final String keyPrefix;
  private final @Nullable InstantSource clock;

  private RedisCodeStore(Builder b) {
    this.redis = b.redis;
    this.keyPrefix = b.redis.keyPrefix() + "code:";
    this.clock = b.clock;
  }

  /** Returns a store on {@code redis} that reads the Redis server's time. */
  public static RedisCodeStore create(RedisBackend redis) {
    return builder(redis).build();
  }

  /** Returns a builder for a store on {@code redis}. */
  public static Builder builder(RedisBackend redis) {
    return new Builder(redis);
  }

  @Override
  public boolean create(String sessionId, StoredCode session) {
    return Failures.await(redis, NAME, createStage(sessionId, session));
  }

  @Override
  public CompletionStage<Boolean> createAsync(String sessionId, StoredCode session) {
    return Failures.translating(NAME, createStage(sessionId, session));
  }

  private CompletionStage<Boolean> createStage(String sessionId, StoredCode session) {
    String key = key(sessionId);
    requireNonNull(session, "session");
    byte[] record = encode(session);
    CompletionStage<Long> stored =
        CREATE.run(
            redis,
            ScriptOutputType.INTEGER,
            new String[] {key},
            record,
            Calls.arg(session.sessionExpiresAtMillis()),
            TimeArgs.now(clock));
    return stored.thenApply(r -> Replies.yesOrNo(r, RedisCodeStore::unexpectedReply));
  }

  @Override
  public ResendOutcome resend(
      String sessionId,
      byte[] bindingHash,
      byte[] newCodeHash,
      long nowMillis,
      OneTimeCodePolicy policy) {
    return Failures.await(
        redis, NAME, resendStage(sessionId, bindingHash, newCodeHash, nowMillis, policy));
  }

  @Override
  public CompletionStage<ResendOutcome> resendAsync(
      String sessionId,
      byte[] bindingHash,
      byte[] newCodeHash,
      long nowMillis,
      OneTimeCodePolicy policy) {
    return Failures.translating(
        NAME, resendStage(sessionId, bindingHash, newCodeHash, nowMillis, policy));
  }

  private CompletionStage<ResendOutcome> resendStage(
      String sessionId,
      byte[] bindingHash,
      byte[] newCodeHash,
      long nowMillis,
      OneTimeCodePolicy policy) {
    String key = key(sessionId);
    checkHash(bindingHash, "bindingHash");
    checkHash(newCodeHash, "newCodeHash");
    checkTime(nowMillis, "nowMillis");
    requireNonNull(policy, "policy");
    byte[][] args = new byte[7 + OneTimeCodePolicy.MAX_SENDS][];
    args[0] = RESEND;
    args[1] = bindingHash;
    args[2] = newCodeHash;
    args[3] = Calls.arg(nowMillis);
    args[4] = Calls.arg(policy.codeLifetimeMillis());
    args[5] = Calls.arg(policy.maxAttempts());
    args[6] = Calls.arg(policy.maxSends());
    for (int sends = 1; sends <= OneTimeCodePolicy.MAX_SENDS; sends++) {
      args[6 + sends] = Calls.arg(policy.cooldownAfterSendMillis(sends));
    }
    CompletionStage<List<Object>> reply =
        SESSION.run(redis, ScriptOutputType.MULTI, new String[] {key}, args);
    return reply.thenApply(RedisCodeStore::resendOutcome);
  }

  @Override
  public CodeVerification attempt(String sessionId, byte[] candidateHash, long nowMillis) {
    return Failures.await(redis, NAME, attemptStage(sessionId, candidateHash, nowMillis));
  }

  @Override
  public CompletionStage<CodeVerification> attemptAsync(
      String sessionId, byte[] candidateHash, long nowMillis) {
    return Failures.translating(NAME, attemptStage(sessionId, candidateHash, nowMillis));
  }

  private CompletionStage<CodeVerification> attemptStage(
      String sessionId, byte[] candidateHash, long nowMillis) {
    String key = key(sessionId);
    checkHash(candidateHash, "candidateHash");
    checkTime(nowMillis, "nowMillis");
    CompletionStage<List<Object>> reply =
        SESSION.run(
            redis,
            ScriptOutputType.MULTI,
            new String[] {key},
            ATTEMPT,
            candidateHash,
            Calls.arg(nowMillis));
    return reply.thenApply(RedisCodeStore::verification);
  }

  @Override
  public void delete(String sessionId) {
    String key = key(sessionId);
    long unused = Failures.await(redis, NAME, redis.commands().del(key));
  }

  @Override
  public String toString() {
    return "RedisCodeStore[" + (clock == null ? "server time" : "caller's clock") + "]";
  }

  private String key(String sessionId) {
    return Keys.key(keyPrefix, "sessionId", sessionId, MAX_SESSION_ID_LENGTH);
  }

  /**
   * The outcome of the script's reply to a resend: {@code {status, code expires at, next send at}},
   * the status an index into {@link ResendStatus}'s order {@code SENT, COOLDOWN,
   * SEND_LIMIT_REACHED, BINDING_MISMATCH, NOT_FOUND}, the times epoch ms or -1 for none, and a
   * cooldown's end -2 for {@link Long#MAX_VALUE} (a cooldown that never ends, which a Lua number
   * cannot carry). Any other reply is not one the script gives: {@link VerificationStoreException},
   * and nothing is sent.
   */
  static ResendOutcome resendOutcome(@Nullable List<?> reply) {
    if (reply == null || reply.size() != 3) {
      throw unexpectedReply();
    }
    ResendStatus status = RESEND_STATUS[index(reply.get(0), RESEND_STATUS.length)];
    long codeExpiresAt = time(reply.get(1));
    long nextSendAt =
        status == ResendStatus.COOLDOWN && NEVER_ENDING_COOLDOWN.equals(reply.get(2))
            ? Long.MAX_VALUE
            : time(reply.get(2));
    return status == ResendStatus.NOT_FOUND
        ? ResendOutcome.notFound()
        : new ResendOutcome(status, codeExpiresAt, nextSendAt);
  }

  /**
   * The result of the script's reply to an attempt: {@code {status, attempts left, next attempt at,
   * next resend at}}, the status an index into {@code VERIFIED, INVALID, EXPIRED,
   * ATTEMPTS_EXHAUSTED, NOT_FOUND}, attempts left 0 to 255, the times epoch ms or -1 for none. Any
   * other reply is not one the script gives: {@link VerificationStoreException}, and nothing is
   * verified.
   */
  static CodeVerification verification(@Nullable List<?> reply) {
    if (reply == null || reply.size() != 4) {
      throw unexpectedReply();
    }
    CodeVerificationStatus status = ATTEMPT_STATUS[index(reply.get(0), ATTEMPT_STATUS.length)];
    int attemptsLeft = index(reply.get(1), 256);
    long nextAttemptAt = time(reply.get(2));
    long nextResendAt = time(reply.get(3));
    return status == CodeVerificationStatus.NOT_FOUND
        ? CodeVerification.notFound()
        : CodeVerification.of(status, attemptsLeft, nextAttemptAt, nextResendAt);
  }

  /** The script's answer for a cooldown that never ends. */
  private static final Long NEVER_ENDING_COOLDOWN = -2L;

  /** An integer of a reply in {@code [0, bound)}. */
  private static int index(@Nullable Object reply, int bound) {
    return Replies.index(reply, bound, RedisCodeStore::unexpectedReply);
  }

  /**
   * A time of a reply: epoch ms, or the scripts' "never" (-1), which is the SPI's {@link
   * Long#MIN_VALUE}.
   */
  private static long time(@Nullable Object reply) {
    if (!(reply instanceof Long value) || value < -1) {
      throw unexpectedReply();
    }
    return value == -1 ? Long.MIN_VALUE : value;
  }

  private static VerificationStoreException unexpectedReply() {
    return new VerificationStoreException(NAME + ": unexpected reply from the script");
  }

  private static void checkHash(byte[] hash, String name) {
    requireNonNull(hash, name);
    requireArgument(
        hash.length >= 1 && hash.length <= MAX_HASH_LENGTH,
        "%s must have 1 to %d bytes, got %d",
        name,
        MAX_HASH_LENGTH,
        hash.length);
  }

  private static void checkTime(long epochMillis, String name) {
    requireArgument(
        epochMillis >= 0 && epochMillis <= MAX_EPOCH_MILLIS,
        "%s must be between 0 and %d, got %d",
        name,
        MAX_EPOCH_MILLIS,
        epochMillis);
  }

  /** The record of format version 1 (see the class documentation). */
  static byte[] encode(StoredCode session) {
    byte[] binding = session.bindingHash();
    byte[] code = session.codeHash();
    checkHash(binding, "bindingHash");
    checkHash(code, "codeHash");
    long next = session.nextSendAtMillis();
    checkTime(session.codeExpiresAtMillis(), "codeExpiresAtMillis");
    checkTime(session.sessionExpiresAtMillis(), "sessionExpiresAtMillis");
    if (next != Long.MAX_VALUE) {
      checkTime(next, "nextSendAtMillis");
    }
    ByteBuffer b = ByteBuffer.allocate(32 + binding.length + code.length);
    b.put(FORMAT_VERSION);
    b.put((byte) session.state().ordinal());
    b.put((byte) session.attemptsUsed());
    b.put((byte) session.maxAttempts());
    b.put((byte) session.sends());
    b.put((byte) session.maxSends());
    b.putLong(session.codeExpiresAtMillis());
    b.putLong(next);
    b.putLong(session.sessionExpiresAtMillis());
    b.put((byte) binding.length).put(binding);
    b.put((byte) code.length).put(code);
    return b.array();
  }

  /** Builds a {@link RedisCodeStore}. */
  public static final class Builder {
    private final RedisBackend redis;
    private @Nullable InstantSource clock;

    private Builder(RedisBackend redis) {
      this.redis = requireNonNull(redis, "redis");
    }

    /**
     * Uses the caller's clock (the service's) to set each new session's time-to-live, instead of
     * the Redis server's {@code TIME}. Use it when the service runs on a clock other than the
     * system's (tests, simulations).
     */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Returns the store. */
    public RedisCodeStore build() {
      return new RedisCodeStore(this);
    }
  }
}
