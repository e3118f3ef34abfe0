package dev.bulwark.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.bulwark.keys.spi.MasterKeyProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The key ring's guarantees, checked against a small reference model over random sequences of
 * encrypt, rotate, stage, promote, revoke, reinstate, minimum-version and destroy operations.
 */
class KeyRingProperties {
  private static final byte[] AAD = {7};
  private static final MasterKeyProvider MASTER = MasterKeyProvider.aesGcm(KeyRingTest.randomKey());

  /** The reference model: which version is primary, the minimum, and per-version states. */
  private static final class Model {
    int primary = 1;
    int min = 1;
    int latest = 1;
    final Set<Integer> revoked = new HashSet<>();
    final Set<Integer> destroyed = new HashSet<>();

    boolean readable(int v) {
      return v >= min && !revoked.contains(v) && !destroyed.contains(v);
    }
  }

  /** Applies op {@code code} with argument {@code v}; returns whether the ring accepted it. */
  private static boolean apply(KeyRing ring, Model m, int code, int v, Map<byte[], Integer> cts) {
    try {
      switch (code) {
        case 0, 1 -> {
          byte[] ct = ring.encrypt(new byte[] {(byte) v}, AAD);
          cts.put(ct, m.primary);
          assertThat(KeyRing.versionOf(ct)).isEqualTo(m.primary);
        }
        case 2 -> {
          ring.rotate();
          m.latest++;
          m.primary = m.latest;
        }
        case 3 -> {
          ring.stage();
          m.latest++;
        }
        case 4 -> {
          ring.promote(v);
          m.primary = v;
        }
        case 5 -> {
          ring.revoke(v, RevocationReason.COMPROMISED);
          m.revoked.add(v);
        }
        case 6 -> {
          ring.reinstate(v);
          m.revoked.remove(v);
        }
        case 7 -> {
          ring.setMinDecryptionVersion(v);
          m.min = v;
        }
        default -> {
          ring.destroy(v);
          m.destroyed.add(v);
          m.revoked.remove(v);
        }
      }
      return true;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return false;
    } catch (KeyRingException e) {
      throw new AssertionError(e);
    }
  }

  /** Whether the model would accept op {@code code} with argument {@code v}. */
  private static boolean allowed(Model m, int code, int v) {
    boolean known = v >= 1 && v <= m.latest;
    return switch (code) {
      case 0, 1, 2, 3 -> true;
      case 4 -> known && m.readable(v);
      case 5 -> known && v != m.primary && !m.destroyed.contains(v);
      case 6 -> known && m.revoked.contains(v);
      case 7 -> v >= 1 && v <= m.primary;
      default -> known && v != m.primary;
    };
  }

  /**
   * Under any sequence of operations: every encryption uses the primary; a ciphertext decrypts
   * exactly when its version is neither revoked, below the minimum decryption version nor
   * destroyed, so rotation never makes a readable ciphertext unreadable; a destroyed version stays
   * destroyed whatever follows; and the ring accepts exactly the operations the rules allow.
   */
  @Test
  void encryptionUsesThePrimaryAndNothingDecryptsUnderARevokedOrDestroyedVersion() {
    qt().withExamples(150)
        .forAll(lists().of(integers().between(0, 8 * 6 - 1)).ofSizeBetween(1, 40))
        .checkAssert(
            ops -> {
              KeyRing ring = KeyRing.builder("prop").masterKey(MASTER).build();
              Model m = new Model();
              Map<byte[], Integer> cts = new HashMap<>();
              Set<Integer> everDestroyed = new HashSet<>();
              for (int op : ops) {
                int code = op % 9;
                int v = op / 9 + 1;
                boolean expected = allowed(m, code, v);
                assertThat(apply(ring, m, code, v, cts))
                    .as("op %d(%d)", code, v)
                    .isEqualTo(expected);
                everDestroyed.addAll(m.destroyed);
                assertThat(ring.primaryVersion()).isEqualTo(m.primary);
                for (int destroyed : everDestroyed) {
                  assertThat(ring.version(destroyed).state()).isEqualTo(KeyState.DESTROYED);
                }
                for (Map.Entry<byte[], Integer> e : cts.entrySet()) {
                  assertThat(decrypts(ring, e.getKey())).isEqualTo(m.readable(e.getValue()));
                }
              }
            });
  }

  /** Rotating any number of times leaves every earlier ciphertext readable. */
  @Test
  void rotationAloneNeverMakesACiphertextUnreadable() {
    qt().withExamples(30)
        .forAll(integers().between(1, 20))
        .checkAssert(
            rotations -> {
              KeyRing ring = KeyRing.builder("rot").masterKey(MASTER).build();
              List<byte[]> cts = new ArrayList<>();
              for (int i = 0; i < rotations; i++) {
                cts.add(ring.encrypt(new byte[] {(byte) i}, AAD));
                ring.rotate();
              }
              for (byte[] ct : cts) {
                assertThat(decrypts(ring, ct)).isTrue();
              }
            });
  }

  private static boolean decrypts(KeyRing ring, byte[] ct) {
    try {
      byte[] unused = ring.decrypt(ct, AAD);
      return unused.length == 1;
    } catch (KeyRingException e) {
      assertThat(e.reason())
          .isIn(KeyRingException.Reason.REVOKED, KeyRingException.Reason.DESTROYED);
      return false;
    }
  }
}
