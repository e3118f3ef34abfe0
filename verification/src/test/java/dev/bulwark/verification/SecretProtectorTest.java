package dev.bulwark.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.verification.spi.SecretProtectionException;
import dev.bulwark.verification.spi.SecretProtector;
import org.junit.jupiter.api.Test;

class SecretProtectorTest {
  static final byte[] KEY = new byte[32];

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) (i * 7 + 3);
    }
  }

  final SecretProtector protector = SecretProtector.aesGcm(KEY);
  final byte[] secret = OtpSecret.generate(OtpAlgorithm.SHA1).toByteArray();

  @Test
  void roundTripsWithTheDocumentedLayout() {
    byte[] sealed = protector.protect(secret, "cred-1");
    assertThat(sealed).hasSize(1 + 12 + secret.length + 16);
    assertThat(sealed[0]).isEqualTo((byte) 1);
    assertThat(protector.unprotect(sealed, "cred-1")).isEqualTo(secret);
  }

  @Test
  void everySealUsesAFreshNonce() {
    assertThat(protector.protect(secret, "cred-1")).isNotEqualTo(protector.protect(secret, "cred-1"));
  }

  @Test
  void aSecretMovedToAnotherCredentialDoesNotOpen() {
    byte[] sealed = protector.protect(secret, "cred-1");
    assertThatThrownBy(() -> protector.unprotect(sealed, "cred-2"))
        .isInstanceOf(SecretProtectionException.class)
        .hasMessageContaining("does not authenticate");
  }

  @Test
  void everyTamperedByteIsRejected() {
    byte[] sealed = protector.protect(secret, "cred-1");
    for (int i = 0; i < sealed.length; i++) {
      byte[] t = sealed.clone();
      t[i] ^= 0x01;
      assertThatThrownBy(() -> protector.unprotect(t, "cred-1")).isInstanceOf(SecretProtectionException.class);
    }
    assertThatThrownBy(() -> protector.unprotect(new byte[10], "cred-1"))
        .isInstanceOf(SecretProtectionException.class)
        .hasMessageContaining("too short");
  }

  @Test
  void unknownVersionsAreRejected() {
    byte[] sealed = protector.protect(secret, "cred-1");
    sealed[0] = 2;
    assertThatThrownBy(() -> protector.unprotect(sealed, "cred-1"))
        .isInstanceOf(SecretProtectionException.class)
        .hasMessageContaining("version 2");
  }

  @Test
  void anotherKeyDoesNotOpen() {
    byte[] other = KEY.clone();
    other[0] ^= 1;
    byte[] sealed = protector.protect(secret, "cred-1");
    assertThatThrownBy(() -> SecretProtector.aesGcm(other).unprotect(sealed, "cred-1"))
        .isInstanceOf(SecretProtectionException.class);
  }

  @Test
  void keysMustBe256Bits() {
    assertThatThrownBy(() -> SecretProtector.aesGcm(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key must be exactly 32 bytes, got 16");
    assertThat(protector.toString()).doesNotContain("0");
  }
}
