package dev.bulwark.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * A {@link RetiredServerKey} holds only a seal key and a public key: no seed, no way to sign, no
 * secret in {@code toString()}; its export restores an equivalent key, and anything but an intact
 * export is refused with a {@link MalformedEncodingException}.
 */
class RetiredServerKeyTest {
  private final byte[] seed = seedOf(1);
  private final SigningKey key = SigningKey.fromSeed(seed);
  private final RetiredServerKey retired = RetiredServerKey.of(key);

  @Test
  void holdsNoSeedAndCannotSign() throws ReflectiveOperationException {
    // its whole public surface: nothing that signs, nothing that yields the seed
    Set<String> publicMethods = new TreeSet<>();
    for (Method m : RetiredServerKey.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())) {
        publicMethods.add(m.getName());
      }
    }
    assertThat(publicMethods)
        .containsExactly("exportSecret", "importSecret", "of", "publicKey", "toString");
    for (Method m : RetiredServerKey.class.getDeclaredMethods()) {
      assertThat(m.getName()).doesNotContainIgnoringCase("sign");
    }

    // its state: the public key and the seal key, neither of them the seed, and no SigningKey
    List<byte[]> held = new ArrayList<>();
    for (Field field : RetiredServerKey.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      assertThat(SigningKey.class.isAssignableFrom(field.getType())).isFalse();
      field.setAccessible(true);
      Object value = field.get(retired);
      if (value instanceof byte[] bytes) {
        held.add(bytes);
      } else if (value instanceof KeyParameter p) {
        held.add(p.getKey());
      } else {
        throw new AssertionError("unexpected field " + field.getName());
      }
    }
    assertThat(held).hasSize(2);
    for (byte[] bytes : held) {
      assertThat(bytes).hasSize(32).isNotEqualTo(seed);
    }
    assertThat(held.get(0)).isEqualTo(key.publicKey());
    assertThat(indexOf(retired.exportSecret(), seed)).isEqualTo(-1);

    // what it does keep is enough to check the seals of the key it came from, and only those
    byte[] hash = new byte[32];
    new Random(5).nextBytes(hash);
    assertThat(retired.sealMatches(hash, key.seal(hash))).isTrue();
    assertThat(retired.sealMatches(hash, SigningKey.fromSeed(seedOf(2)).seal(hash))).isFalse();
    assertThat(retired.publicKey()).isEqualTo(key.publicKey());
  }

  @Test
  void toStringPrintsNothingSecret() {
    String printed = retired + " " + RetiredServerKey.importSecret(retired.exportSecret());
    assertThat(printed).isEqualTo("RetiredServerKey[redacted] RetiredServerKey[redacted]");
    byte[] exported = retired.exportSecret();
    for (byte[] secret :
        List.of(
            seed,
            key.publicKey(),
            Arrays.copyOfRange(exported, 33, 65),
            Arrays.copyOfRange(exported, 65, 97),
            exported)) {
      assertThat(printed)
          .doesNotContainIgnoringCase(HexFormat.of().formatHex(secret))
          .doesNotContain(Base64.getEncoder().encodeToString(secret))
          .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }
  }

  @Test
  void anExportRestoresAnEquivalentKey() {
    byte[] exported = retired.exportSecret();
    assertThat(exported).hasSize(RetiredServerKey.EXPORT_LENGTH);
    assertThat(exported[0]).isEqualTo(RetiredServerKey.EXPORT_FORMAT_VERSION);
    assertThat(Arrays.copyOfRange(exported, 1, 33)).isEqualTo(key.publicKey());

    RetiredServerKey restored = RetiredServerKey.importSecret(exported);
    assertThat(restored.publicKey()).isEqualTo(retired.publicKey());
    assertThat(restored.exportSecret()).isEqualTo(exported);
    Random random = new Random(9);
    for (int i = 0; i < 20; i++) {
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      byte[] seal = key.seal(hash);
      assertThat(restored.sealMatches(hash, seal)).isTrue();
      seal[i] ^= 1;
      assertThat(restored.sealMatches(hash, seal)).isFalse();
    }

    // copies on the way in and out
    byte[] given = retired.exportSecret();
    RetiredServerKey fromGiven = RetiredServerKey.importSecret(given);
    Arrays.fill(given, (byte) 0);
    assertThat(fromGiven.exportSecret()).isEqualTo(exported);
    fromGiven.exportSecret()[40] ^= 1;
    fromGiven.publicKey()[0] ^= 1;
    assertThat(fromGiven.exportSecret()).isEqualTo(exported);
    assertThat(fromGiven.publicKey()).isEqualTo(key.publicKey());
    assertThat(RetiredServerKey.of(key).exportSecret()).isEqualTo(exported);
  }

  @Test
  void anythingButAnIntactExportIsRefused() {
    List<String> messages = new ArrayList<>();
    assertThatThrownBy(() -> RetiredServerKey.importSecret(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("exported must not be null");
    assertThatThrownBy(() -> RetiredServerKey.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("serverKey must not be null");

    byte[] exported = retired.exportSecret();
    for (int length : new int[] {0, 1, 32, 64, 65, 96, 98, 194}) {
      byte[] bad = Arrays.copyOf(exported, length);
      Throwable t = catchRefusal(bad);
      assertThat(t)
          .isInstanceOf(MalformedEncodingException.class)
          .hasMessage("an exported retired server key must be 97 bytes, got " + length);
      messages.add(t.getMessage());
    }
    for (int version : new int[] {0, 2, 0xff}) {
      byte[] bad = exported.clone();
      bad[0] = (byte) version;
      Throwable t = catchRefusal(bad);
      assertThat(t)
          .isInstanceOf(MalformedEncodingException.class)
          .hasMessage("unknown retired server key format version " + version);
      messages.add(t.getMessage());
    }
    String checkFailed =
        "the exported retired server key fails its check value: it was corrupted, or its public key"
            + " and seal key do not belong together";
    // every single-bit flip of the public key, seal key or check value
    for (int bit = 8; bit < exported.length * 8; bit++) {
      byte[] bad = exported.clone();
      bad[bit >>> 3] ^= (byte) (1 << (bit & 7));
      assertThat(catchRefusal(bad))
          .isInstanceOf(MalformedEncodingException.class)
          .hasMessage(checkFailed);
    }
    // the public key of one export with the seal key and check value of another
    byte[] other = RetiredServerKey.of(SigningKey.fromSeed(seedOf(2))).exportSecret();
    byte[] mixed = exported.clone();
    System.arraycopy(other, 33, mixed, 33, 64);
    Throwable t = catchRefusal(mixed);
    assertThat(t).isInstanceOf(MalformedEncodingException.class).hasMessage(checkFailed);
    messages.add(t.getMessage());

    String all = String.join("\n", messages);
    for (byte[] secret :
        List.of(seed, key.publicKey(), Arrays.copyOfRange(exported, 33, 65), exported)) {
      assertThat(all)
          .doesNotContainIgnoringCase(HexFormat.of().formatHex(secret))
          .doesNotContain(Base64.getEncoder().encodeToString(secret));
    }
  }

  private static Throwable catchRefusal(byte[] bad) {
    try {
      RetiredServerKey.importSecret(bad);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("accepted a bad export");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] seedOf(int n) {
    byte[] seed = new byte[32];
    new Random(2000 + n).nextBytes(seed);
    return seed;
  }
}
