package dev.bulwark.redis.verification;

import static dev.bulwark.redis.NoEcho.assertNoEcho;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.verification.spi.OtpReplayStore;
import dev.bulwark.verification.spi.StoredTotpCredential;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Fuzz tests of the decoders of the verification records the Redis stores read back: TOTP account
 * records, recovery code records and OTP replay records, decoded straight from bytes (no server).
 * Any bytes either decode to a record whose re-encoding is exactly those bytes (one encoding per
 * record), or are refused with {@link RedisRecordException} whose message names the kind of record
 * and holds none of the bytes; nothing else is ever thrown. In the normal build they replay the
 * seeds under {@code src/test/resources/dev/bulwark/redis/verification/RedisRecordFuzzTestInputs/};
 * with {@code JAZZER_FUZZ=1} Jazzer explores further.
 */
class RedisRecordFuzzTest {

  /**
   * A TOTP account record decodes to a pending credential (if flagged) and active credentials whose
   * encodings, framed as the record documents, are exactly the input; or it is refused.
   */
  @FuzzTest(maxDuration = "30s")
  void totpAccountRecordsDecodeCanonicallyOrAreRefused(byte[] input) {
    RedisTotpCredentialStore.Account account;
    try {
      account = RedisTotpCredentialStore.decode(input);
    } catch (RedisRecordException refused) {
      assertThat(refused.getMessage()).startsWith("totp credentials: ");
      assertNoEcho(refused, input);
      return;
    }
    if (account.pending() != null) {
      assertThat(account.pending().isActive()).as("the pending slot holds a pending one").isFalse();
    }
    assertThat(account.active()).allMatch(StoredTotpCredential::isActive);
    assertThat(reencode(account)).isEqualTo(input);
  }

  /**
   * A recovery code record decodes to its hashes, which encode back to exactly the input, and the
   * count {@code remaining} reports is their number; or both refuse it.
   */
  @FuzzTest(maxDuration = "30s")
  void recoveryCodeRecordsDecodeCanonicallyOrAreRefused(byte[] input) {
    List<byte[]> hashes;
    try {
      hashes = RedisRecoveryCodeStore.decode(input);
    } catch (RedisRecordException refused) {
      assertThat(refused.getMessage()).startsWith("recovery codes: ");
      assertNoEcho(refused, input);
      try {
        int count = RedisRecoveryCodeStore.count(input);
        throw new AssertionError("remaining() answered " + count + " for a refused record");
      } catch (RedisRecordException alsoRefused) {
        assertNoEcho(alsoRefused, input);
      }
      return;
    }
    assertThat(RedisRecoveryCodeStore.encode(hashes)).isEqualTo(input);
    assertThat(RedisRecoveryCodeStore.count(input)).isEqualTo(hashes.size());
  }

  /**
   * An OTP replay record is exactly 17 bytes of version 1 and decodes to the value in bytes 1 to 8;
   * anything else is refused.
   */
  @FuzzTest(maxDuration = "30s")
  void otpReplayRecordsDecodeExactlyOrAreRefused(byte[] input) {
    long last;
    try {
      last = RedisOtpReplayStore.decodeLast(input);
    } catch (RedisRecordException refused) {
      assertThat(refused.getMessage()).startsWith("otp replay record: ");
      assertNoEcho(refused, input);
      return;
    }
    assertThat(input).hasSize(RedisOtpReplayStore.RECORD_LENGTH);
    assertThat(input[0]).isEqualTo(RedisOtpReplayStore.FORMAT_VERSION);
    assertThat(last).isEqualTo(ByteBuffer.wrap(input, 1, 8).getLong());
    assertThat(RedisOtpReplayStore.decodeLast(null)).isEqualTo(OtpReplayStore.NONE);
  }

  /** The account record as the store's script frames the encoded credentials. */
  private static byte[] reencode(RedisTotpCredentialStore.Account account) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(RedisTotpCredentialStore.FORMAT_VERSION);
    StoredTotpCredential pending = account.pending();
    if (pending == null) {
      out.write(0);
    } else {
      out.write(1);
      writeFramed(out, pending);
    }
    out.write(account.active().size());
    for (StoredTotpCredential c : account.active()) {
      writeFramed(out, c);
    }
    return out.toByteArray();
  }

  private static void writeFramed(ByteArrayOutputStream out, StoredTotpCredential c) {
    byte[] encoded = RedisTotpCredentialStore.encode(c);
    out.write(encoded.length >>> 8);
    out.write(encoded.length);
    out.writeBytes(encoded);
  }
}
