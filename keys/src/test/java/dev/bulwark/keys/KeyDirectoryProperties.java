package dev.bulwark.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.bulwark.keys.spi.DeviceKeys;
import dev.bulwark.keys.spi.PublicKeyStore;
import dev.bulwark.keys.spi.StoredSignedPreKey;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/** The directory's guarantees over random sequences of uploads, fetches and revocations. */
class KeyDirectoryProperties {
  private static final TestKeys CLIENT = new TestKeys();

  private static boolean verifies(ClientPublicKey identity, StoredSignedPreKey stored) {
    byte[] message = stored.key().publicKey().encoded();
    byte[] signature = stored.key().signature();
    return Ed25519.verify(signature, 0, identity.raw(), 0, message, 0, message.length);
  }

  /**
   * Whatever mix of genuine and forged signed prekeys and last-resort keys is uploaded, every
   * signed key the store holds verifies under the device's identity key (checked independently with
   * Bouncy Castle), and a forged upload is always rejected.
   */
  @Test
  void everyStoredSignedKeyHasAValidSignature() {
    qt().withExamples(60)
        .forAll(lists().of(integers().between(0, 3)).ofSizeBetween(1, 20))
        .checkAssert(
            ops -> {
              PublicKeyStore store = PublicKeyStore.inMemory();
              KeyDirectory directory = KeyDirectory.builder().store(store).build();
              DeviceAddress device = DeviceAddress.of(UUID.randomUUID(), 1);
              directory.setIdentityKey(device, CLIENT.identity);
              int id = 0;
              for (int op : ops) {
                boolean forged = (op & 1) == 1;
                SignedPreKey key = forged ? TestKeys.forged(id++) : CLIENT.signed(id++);
                boolean accepted;
                try {
                  if (op < 2) {
                    directory.uploadSignedPreKey(device, key);
                  } else {
                    directory.uploadLastResortKey(device, key);
                  }
                  accepted = true;
                } catch (KeyRejectedException e) {
                  assertThat(e.reason()).isEqualTo(KeyRejectedException.Reason.BAD_SIGNATURE);
                  accepted = false;
                }
                assertThat(accepted).isEqualTo(!forged);
                DeviceKeys keys = store.get(device);
                for (StoredSignedPreKey stored :
                    new StoredSignedPreKey[] {
                      keys.signedPreKey(), keys.previousSignedPreKey(), keys.lastResortKey()
                    }) {
                  if (stored != null) {
                    assertThat(verifies(keys.identityKey(), stored)).isTrue();
                  }
                }
              }
            });
  }

  /**
   * Under any interleaving of one-time prekey uploads, bundle fetches and revocations, each
   * one-time prekey is served at most once, and a revoked key is never served.
   */
  @Test
  void everyOneTimeKeyIsServedAtMostOnceAndARevokedKeyIsNeverServed() {
    qt().withExamples(100)
        .forAll(lists().of(integers().between(0, 299)).ofSizeBetween(1, 60))
        .checkAssert(
            ops -> {
              KeyDirectory directory = KeyDirectory.builder().build();
              DeviceAddress device = DeviceAddress.of(UUID.randomUUID(), 1);
              directory.setIdentityKey(device, CLIENT.identity);
              directory.uploadSignedPreKey(device, CLIENT.signed(1));
              Set<Integer> served = new HashSet<>();
              Set<Integer> revoked = new HashSet<>();
              int nextId = 0;
              for (int op : ops) {
                switch (op % 3) {
                  case 0 -> {
                    int n = op / 3 % 5 + 1;
                    int start = nextId;
                    directory.uploadOneTimePreKeys(
                        device,
                        IntStream.range(start, start + n).mapToObj(TestKeys::oneTime).toList());
                    nextId += n;
                  }
                  case 1 -> {
                    PreKeyBundle bundle = directory.fetchBundle(device).orElseThrow();
                    if (bundle.oneTimePreKey() != null) {
                      int keyId = bundle.oneTimePreKey().keyId();
                      assertThat(served.add(keyId)).as("served twice: %d", keyId).isTrue();
                      assertThat(revoked).doesNotContain(keyId);
                    }
                  }
                  default -> {
                    int keyId = nextId == 0 ? 0 : op / 3 % nextId;
                    try {
                      directory.revoke(
                          device, PreKeyType.ONE_TIME, keyId, RevocationReason.COMPROMISED);
                      assertThat(served).doesNotContain(keyId);
                      revoked.add(keyId);
                    } catch (KeyRejectedException e) {
                      assertThat(e.reason()).isEqualTo(KeyRejectedException.Reason.UNKNOWN_KEY);
                      assertThat(
                              served.contains(keyId) || revoked.contains(keyId) || keyId >= nextId)
                          .isTrue();
                    }
                  }
                }
              }
            });
  }
}
