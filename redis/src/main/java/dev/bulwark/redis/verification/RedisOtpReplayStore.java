package dev.bulwark.redis.verification;

import static dev.bulwark.redis.internal.Checks.requireArgument;
import static dev.bulwark.redis.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.internal.Calls;
import dev.bulwark.redis.internal.ExpirySlack;
import dev.bulwark.redis.internal.LuaScript;
import dev.bulwark.redis.internal.Replies;
import dev.bulwark.verification.spi.OtpReplayStore;
import dev.bulwark.verification.spi.VerificationStoreException;
import io.lettuce.core.ScriptOutputType;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OtpReplayStore} on Redis (standalone or Cluster): one small key per credential holding
 * its last accepted TOTP step or HOTP counter, raised by one Lua script that tests and sets in the
 * same step. Of any number of concurrent calls with one value for one credential (from any number
 * of servers) exactly one returns {@code true}.
 *
 * <p><b>Keys.</b> {@code <keyPrefix>otp:<credentialId>}, the credential ID as the host hands it.
 *
 * <p><b>Value</b>, format version 1, 17 bytes, big-endian: {@code 0x01 | last accepted value (i64)
 * | retain until (i64 epoch ms; 0x7fff_ffff_ffff_ffff = forever)}. Any other version or length is
 * rejected with {@link RedisRecordException}. Values are compared as full 64-bit integers.
 *
 * <p><b>Retention.</b> A record keeps the longest retention any accepted value asked for, and its
 * key expires at that time plus {@link Builder#expirySlack} (one minute by default, to absorb clock
 * differences between the servers and Redis); {@link Long#MAX_VALUE} (HOTP) never expires. "Now"
 * for turning the retention into a time-to-live is the Redis server's {@code TIME} by default, or
 * the caller's clock ({@link Builder#clock}). Redis must not evict these keys to make room: run it
 * with {@code maxmemory-policy noeviction}, since an evicted record lets a code be accepted twice.
 *
 * <p><b>Failure.</b> Fails closed: when Redis does not answer within the backend's command timeout,
 * every method throws {@link VerificationStoreException} (the async form completes with it), so the
 * verification that asked accepts nothing. It works again as soon as the backend has reconnected.
 *
 * <p>This class is thread-safe.
 */
public final class RedisOtpReplayStore implements OtpReplayStore {
  /** The longest accepted credential ID, in characters. */
  public static final int MAX_CREDENTIAL_ID_LENGTH = 256;

  /** The default slack added to each record's retention. */
  public static final Duration DEFAULT_EXPIRY_SLACK = Duration.ofMinutes(1);

  static final byte FORMAT_VERSION = 1;
  static final int RECORD_LENGTH = 17;
  private static final String NAME = "Redis OTP replay store";
  private static final LuaScript ADVANCE =
      LuaScript.load(RedisOtpReplayStore.class, "otp-advance.lua");

  private final RedisBackend redis;
  private final String keyPrefix;
  private final @Nullable InstantSource clock;
  private final byte[] slackArg;

  private RedisOtpReplayStore(Builder b) {
    this.redis = b.redis;
    this.keyPrefix = b.redis.keyPrefix() + "otp:";
    this.clock = b.clock;
    this.slackArg = Calls.arg(b.expirySlack.toMillis());
  }

  /** Returns a store on {@code redis} that reads the Redis server's time. */
  public static RedisOtpReplayStore create(RedisBackend redis) {
    return builder(redis).build();
  }

  /** Returns a builder for a store on {@code redis}. */
  public static Builder builder(RedisBackend redis) {
    return new Builder(redis);
  }

  @Override
  public boolean tryAdvance(String credentialId, long value, long retainUntilEpochMillis) {
    return Failures.await(redis, NAME, advanceStage(credentialId, value, retainUntilEpochMillis));
  }

  @Override
  public CompletionStage<Boolean> tryAdvanceAsync(
      String credentialId, long value, long retainUntilEpochMillis) {
    return Failures.translating(NAME, advanceStage(credentialId, value, retainUntilEpochMillis));
  }

  private CompletionStage<Boolean> advanceStage(
      String credentialId, long value, long retainUntilEpochMillis) {
    String key = key(credentialId);
    requireArgument(
        retainUntilEpochMillis >= 0,
        "retainUntilEpochMillis must not be negative, got %d",
        retainUntilEpochMillis);
    CompletionStage<Long> reply =
        ADVANCE.run(
            redis,
            ScriptOutputType.INTEGER,
            new String[] {key},
            Calls.arg(value >> 32),
            Calls.arg(value & 0xFFFF_FFFFL),
            Calls.arg(retainUntilEpochMillis >> 32),
            Calls.arg(retainUntilEpochMillis & 0xFFFF_FFFFL),
            slackArg,
            TimeArgs.now(clock));
    return reply.thenApply(RedisOtpReplayStore::advanced);
  }

  /**
   * Whether the script's answer (1 advanced, 0 not) says the value advanced; any other answer is
   * not one the script gives: {@link VerificationStoreException}, and nothing is accepted.
   */
  static boolean advanced(@Nullable Long answer) {
    return Replies.yesOrNo(
        answer, () -> new VerificationStoreException(NAME + ": unexpected reply from the script"));
  }

  @Override
  public long lastAccepted(String credentialId) {
    return decodeLast(Failures.await(redis, NAME, redis.commands().get(key(credentialId))));
  }

  @Override
  public CompletionStage<Long> lastAcceptedAsync(String credentialId) {
    return Failures.translating(
        NAME, redis.commands().get(key(credentialId)).thenApply(RedisOtpReplayStore::decodeLast));
  }

  @Override
  public void forget(String credentialId) {
    String key = key(credentialId);
    long unused = Failures.await(redis, NAME, redis.commands().del(key));
  }

  @Override
  public String toString() {
    return "RedisOtpReplayStore[" + (clock == null ? "server time" : "caller's clock") + "]";
  }

  /**
   * The last accepted value in {@code record}, or {@link #NONE}; else {@link RedisRecordException}.
   */
  static long decodeLast(byte @Nullable [] record) {
    if (record == null) {
      return NONE;
    }
    if (record.length != RECORD_LENGTH || record[0] != FORMAT_VERSION) {
      throw new RedisRecordException("otp replay record: unknown version or length");
    }
    return ByteBuffer.wrap(record, 1, 8).getLong();
  }

  private String key(String credentialId) {
    return Keys.key(keyPrefix, "credentialId", credentialId, MAX_CREDENTIAL_ID_LENGTH);
  }

  /** Builds a {@link RedisOtpReplayStore}. */
  public static final class Builder {
    private final RedisBackend redis;
    private @Nullable InstantSource clock;
    private Duration expirySlack = DEFAULT_EXPIRY_SLACK;

    private Builder(RedisBackend redis) {
      this.redis = requireNonNull(redis, "redis");
    }

    /**
     * Uses the caller's clock (the verifier's) to turn retention times into time-to-live, instead
     * of the Redis server's {@code TIME}.
     */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how much longer than its retention a record is kept, from 0 to 1 hour in whole
     * milliseconds; one minute by default. It covers the difference between the servers' clocks and
     * Redis's: a record dropped early would let a code be accepted twice.
     */
    @CanIgnoreReturnValue
    public Builder expirySlack(Duration slack) {
      this.expirySlack = ExpirySlack.check(slack);
      return this;
    }

    /** Returns the store. */
    public RedisOtpReplayStore build() {
      return new RedisOtpReplayStore(this);
    }
  }
}
