package dev.bulwark.redis.verification;

import static dev.bulwark.redis.internal.Checks.requireArgument;
import static dev.bulwark.redis.internal.Checks.requireNonNull;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.internal.LuaScript;
import dev.bulwark.verification.spi.RecoveryCodeStore;
import dev.bulwark.verification.spi.VerificationStoreException;
import io.lettuce.core.ScriptOutputType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RecoveryCodeStore} on Redis (standalone or Cluster): one key per account holding its
 * unused codes' keyed hashes. {@link #replace} is one {@code SET} (or {@code DEL}), so the whole
 * set changes at once; {@link #consume} is one Lua script that compares the candidate with every
 * stored hash in full (whatever matched before) and removes the match in the same step, so of any
 * number of concurrent calls with one hash exactly one succeeds.
 *
 * <p><b>Keys.</b> {@code <keyPrefix>recovery:<accountId>}, the account ID as the host hands it.
 * Keys never expire: recovery codes must outlive restarts, so run Redis with persistence (AOF, and
 * {@code appendfsync always} if a code redeemed just before a crash must stay redeemed) and with
 * {@code maxmemory-policy noeviction}.
 *
 * <p><b>Value</b>, format version 1: {@code 0x01 | count (u8) | count x (hash length (u8, 1 to 255)
 * | hash)}. Any other version, or a malformed value, is rejected with {@link RedisRecordException}
 * and left as it is.
 *
 * <p><b>Failure.</b> Fails closed: when Redis does not answer within the backend's command timeout,
 * every method throws {@link VerificationStoreException}; no code redeems without the store's
 * answer. Messages never hold an account ID or a hash.
 *
 * <p>This class is thread-safe.
 */
public final class RedisRecoveryCodeStore implements RecoveryCodeStore {
  /** The longest accepted account ID, in characters. */
  public static final int MAX_ACCOUNT_ID_LENGTH = 256;

  /** The most codes one account may hold. */
  public static final int MAX_CODES = 255;

  /** The longest accepted hash, in bytes. */
  public static final int MAX_HASH_LENGTH = 255;

  static final byte FORMAT_VERSION = 1;
  private static final String NAME = "Redis recovery code store";
  private static final LuaScript CONSUME =
      LuaScript.load(RedisRecoveryCodeStore.class, "recovery-consume.lua");

  private final RedisBackend redis;
  private final String keyPrefix;

  private RedisRecoveryCodeStore(RedisBackend redis) {
    this.redis = requireNonNull(redis, "redis");
    this.keyPrefix = redis.keyPrefix() + "recovery:";
  }

  /** Returns a store on {@code redis}. */
  public static RedisRecoveryCodeStore create(RedisBackend redis) {
    return new RedisRecoveryCodeStore(redis);
  }

  @Override
  public void replace(String accountId, List<byte[]> hashes) {
    String key = key(accountId);
    byte[] record = encode(hashes);
    if (hashes.isEmpty()) {
      long unused = Failures.await(redis, NAME, redis.commands().del(key));
    } else {
      String unused = Failures.await(redis, NAME, redis.commands().set(key, record));
    }
  }

  /** The record of format version 1 holding {@code hashes} (see the class documentation). */
  static byte[] encode(List<byte[]> hashes) {
    requireNonNull(hashes, "hashes");
    requireArgument(
        hashes.size() <= MAX_CODES,
        "at most %d codes per account, got %d",
        MAX_CODES,
        hashes.size());
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.write(FORMAT_VERSION);
    record.write(hashes.size());
    for (byte[] hash : hashes) {
      checkHash(hash);
      record.write(hash.length);
      record.writeBytes(hash);
    }
    return record.toByteArray();
  }

  @Override
  public int consume(String accountId, byte[] hash) {
    String key = key(accountId);
    checkHash(hash);
    return consumed(
        Failures.<Long>await(
            redis, NAME, CONSUME.run(redis, ScriptOutputType.INTEGER, new String[] {key}, hash)));
  }

  /**
   * What the consume script's answer stands for: -1 no match ({@link #NO_MATCH}), else the codes
   * left (0 to {@link #MAX_CODES} - 1). Any other answer is not one the script gives: {@link
   * VerificationStoreException}, and nothing is reported redeemed.
   */
  static int consumed(@Nullable Long answer) {
    if (answer == null || answer < -1 || answer >= MAX_CODES) {
      throw new VerificationStoreException(NAME + ": unexpected reply from the script");
    }
    return answer == -1 ? NO_MATCH : (int) (long) answer;
  }

  @Override
  public int remaining(String accountId) {
    String key = key(accountId);
    return count(Failures.await(redis, NAME, redis.commands().get(key)));
  }

  @Override
  public String toString() {
    return "RedisRecoveryCodeStore";
  }

  /** The number of codes in {@code record} (0 if absent), or {@link RedisRecordException}. */
  static int count(byte @Nullable [] record) {
    return record == null ? 0 : decode(record).size();
  }

  /**
   * The hashes in {@code record}, checked as strictly as the consume script checks them, so that
   * {@link #remaining} and {@link #consume} refuse the same records; else {@link
   * RedisRecordException}.
   */
  static List<byte[]> decode(byte[] record) {
    if (record.length < 2 || record[0] != FORMAT_VERSION) {
      throw new RedisRecordException("recovery codes: unknown version or length");
    }
    int count = record[1] & 0xFF;
    List<byte[]> hashes = new ArrayList<>(count);
    int pos = 2;
    for (int i = 0; i < count; i++) {
      if (pos >= record.length) {
        throw new RedisRecordException("recovery codes: truncated");
      }
      int length = record[pos] & 0xFF;
      if (length == 0) {
        throw new RedisRecordException("recovery codes: empty hash");
      }
      if (length > record.length - pos - 1) {
        throw new RedisRecordException("recovery codes: truncated");
      }
      hashes.add(Arrays.copyOfRange(record, pos + 1, pos + 1 + length));
      pos += 1 + length;
    }
    if (pos != record.length) {
      throw new RedisRecordException("recovery codes: trailing bytes");
    }
    return hashes;
  }

  private String key(String accountId) {
    return Keys.key(keyPrefix, "accountId", accountId, MAX_ACCOUNT_ID_LENGTH);
  }

  private static void checkHash(byte[] hash) {
    requireNonNull(hash, "hash");
    requireArgument(
        hash.length >= 1 && hash.length <= MAX_HASH_LENGTH,
        "hash must have 1 to %d bytes, got %d",
        MAX_HASH_LENGTH,
        hash.length);
  }
}
