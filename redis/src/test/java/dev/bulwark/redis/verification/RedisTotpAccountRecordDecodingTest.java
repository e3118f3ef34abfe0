package dev.bulwark.redis.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.verification.TotpParameters;
import dev.bulwark.verification.spi.StoredTotpCredential;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The TOTP account record decoder, without a server: a credential whose length runs past the end of
 * the record is refused with {@link RedisRecordException} (not an {@link
 * IndexOutOfBoundsException}), and so is every credential the store cannot have written, which
 * would otherwise read as a different credential than the bytes hold: an empty or non-UTF-8 ID, an
 * active flag other than 0 or 1, an active credential with a pending time, an active credential in
 * the pending slot or a pending one among the active, a sealed secret over the store's limit.
 */
class RedisTotpAccountRecordDecodingTest {
  private static final byte[] SEALED = {1, 2, 3, 4, 5};

  private static StoredTotpCredential pending(String id) {
    return StoredTotpCredential.pending(
        id, SEALED, TotpParameters.defaults(), 1_700_000_000_000L, 1_700_000_600_000L);
  }

  private static byte[] account(byte[] pendingCredential, byte[]... activeCredentials) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    if (pendingCredential == null) {
      out.write(0);
    } else {
      out.write(1);
      framed(out, pendingCredential);
    }
    out.write(activeCredentials.length);
    for (byte[] c : activeCredentials) {
      framed(out, c);
    }
    return out.toByteArray();
  }

  private static void framed(ByteArrayOutputStream out, byte[] credential) {
    out.write(credential.length >>> 8);
    out.write(credential.length);
    out.writeBytes(credential);
  }

  /** {@code credential} as the activating script rewrites it: active, pending until forever. */
  private static byte[] activated(byte[] credential) {
    byte[] c = credential.clone();
    int flag = 1 + (c[0] & 0xFF);
    c[flag] = 1;
    ByteBuffer.wrap(c, flag + 1, 8).putLong(Long.MAX_VALUE);
    return c;
  }

  private static void assertRefused(byte[] record, String defect) {
    assertThatThrownBy(() -> RedisTotpCredentialStore.decode(record))
        .isInstanceOf(RedisRecordException.class)
        .hasMessage("totp credentials: " + defect);
  }

  @Test
  void aRecordAsTheStoreWritesItDecodes() {
    byte[] p = RedisTotpCredentialStore.encode(pending("p"));
    byte[] a = activated(RedisTotpCredentialStore.encode(pending("a")));
    RedisTotpCredentialStore.Account account = RedisTotpCredentialStore.decode(account(p, a));
    assertThat(account.pending().credentialId()).isEqualTo("p");
    assertThat(account.active()).singleElement().matches(StoredTotpCredential::isActive);
    assertThat(RedisTotpCredentialStore.encode(account.active().get(0))).isEqualTo(a);
  }

  @Test
  void aCredentialLongerThanTheRestOfTheRecordIsRefused() {
    byte[] p = RedisTotpCredentialStore.encode(pending("p"));
    byte[] record = account(p);
    record[2] = (byte) 0xFF; // the pending credential's length, high byte
    assertRefused(record, "truncated");
  }

  @Test
  void credentialsTheStoreCannotHaveWrittenAreRefused() {
    byte[] p = RedisTotpCredentialStore.encode(pending("p"));

    byte[] emptyId = new byte[p.length - 1];
    emptyId[0] = 0;
    System.arraycopy(p, 2, emptyId, 1, p.length - 2);
    assertRefused(account(emptyId), "an empty credential ID");

    byte[] notUtf8 = p.clone();
    notUtf8[1] = (byte) 0xC3; // a lead byte followed by no continuation
    assertRefused(account(notUtf8), "a credential ID that is not UTF-8");

    byte[] flagTwo = p.clone();
    flagTwo[2] = 2;
    assertRefused(account(flagTwo), "unknown active flag");

    byte[] activeButPendingTime = p.clone();
    activeButPendingTime[2] = 1;
    assertRefused(account(null, activeButPendingTime), "an active credential with a pending time");

    assertRefused(account(activated(p)), "an active credential as the pending one");
    assertRefused(account(null, p), "a pending credential among the active");

    byte[] longSecret =
        RedisTotpCredentialStore.encode(
            StoredTotpCredential.pending(
                "s",
                new byte[RedisTotpCredentialStore.MAX_SEALED_SECRET_LENGTH],
                TotpParameters.defaults(),
                1,
                2));
    int lengthAt = longSecret.length - RedisTotpCredentialStore.MAX_SEALED_SECRET_LENGTH - 2;
    byte[] tooLong = new byte[longSecret.length + 1];
    System.arraycopy(longSecret, 0, tooLong, 0, longSecret.length);
    ByteBuffer.wrap(tooLong, lengthAt, 2)
        .putShort((short) (RedisTotpCredentialStore.MAX_SEALED_SECRET_LENGTH + 1));
    assertRefused(account(tooLong), "a sealed secret too long");
    assertThat(RedisTotpCredentialStore.decode(account(longSecret)).pending().sealedSecret())
        .hasSize(RedisTotpCredentialStore.MAX_SEALED_SECRET_LENGTH);
  }
}
