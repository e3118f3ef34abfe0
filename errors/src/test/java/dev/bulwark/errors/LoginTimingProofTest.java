package dev.bulwark.errors;

import static dev.bulwark.testkit.TimingAssertions.assertNoTimingLeak;
import static dev.bulwark.testkit.TimingAssertions.assertTimingLeak;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.TimingLeakDetector;
import dev.bulwark.testkit.TimingReport;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

/**
 * The proof on a login-like surface with a real slow hash (PBKDF2 from the JDK): probing known and
 * unknown users, the detector reports a leak when the surface has neither dummy work nor the
 * equalizer, and no evidence of one (|t| < 4.5) with both, at 10,000 measurements per class. The
 * 100,000-measurement run is {@code dev.bulwark.examples.errors.TimingProof} (see the README).
 */
class LoginTimingProofTest {
  /** PBKDF2 cost: about 50 microseconds here, far above the cost of a map lookup. */
  private static final int ITERATIONS = 200;

  /** Ten times the slow path, so that even on a loaded machine it is rarely overrun. */
  private static final Duration FLOOR = Duration.ofMillis(1).dividedBy(2);

  /** A salted PBKDF2-HMAC-SHA256 hash, as a host would store it. */
  private record StoredPassword(byte[] salt, byte[] hash) {}

  private static StoredPassword hash(char[] password, byte[] salt) {
    try {
      SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
      byte[] h = f.generateSecret(new PBEKeySpec(password, salt, ITERATIONS, 256)).getEncoded();
      return new StoredPassword(salt, h);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean verify(char[] presented, StoredPassword stored) {
    return MessageDigest.isEqual(hash(presented, stored.salt()).hash(), stored.hash());
  }

  /** The login surface: users with PBKDF2 hashes, answering through {@link OpaqueErrors}. */
  private static final class Login {
    final Map<String, StoredPassword> users = new HashMap<>();
    final OpaqueErrors errors =
        OpaqueErrors.builder()
            .table(OutcomeTable.defaults(Surface.LOGIN))
            .logger(NOPLogger.NOP_LOGGER)
            .build();
    final DummyWork<StoredPassword> dummy;
    final TimingEqualizer equalizer = TimingEqualizer.builder().fixedFloor(FLOOR).build();

    Login(SecureRandom random) {
      for (int i = 0; i < 100; i++) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        users.put("user" + i, hash(("password" + i).toCharArray(), salt));
      }
      dummy =
          DummyWork.of(
              p -> {
                byte[] salt = new byte[16];
                random.nextBytes(salt);
                return hash(p, salt);
              },
              LoginTimingProofTest::verify,
              random);
    }

    /** The naive surface: returns at once for an unknown user. */
    @Nullable PublicResponse naive(String user, char[] password) {
      StoredPassword stored = users.get(user);
      if (stored == null) {
        return errors.respond(Surface.LOGIN, InternalReason.UNKNOWN_SUBJECT, "no such user");
      }
      return verify(password, stored)
          ? null
          : errors.respond(Surface.LOGIN, InternalReason.WRONG_SECRET, "bad password");
    }

    /** The protected surface: dummy work for unknown users, released at the floor. */
    @Nullable PublicResponse protectedLogin(String user, char[] password) {
      return equalizer.call(
          () -> {
            StoredPassword stored = users.get(user);
            boolean ok = dummy.matches(stored, password);
            if (ok) {
              return null;
            }
            InternalReason reason =
                stored == null ? InternalReason.UNKNOWN_SUBJECT : InternalReason.WRONG_SECRET;
            return errors.respond(Surface.LOGIN, reason, "login failed");
          });
    }
  }

  private static volatile @Nullable Object sink;

  @Test
  void withoutProtectionTheDetectorSeesWhichUsersExistAndWithItItDoesNot() {
    Login login = new Login(new SecureRandom());
    char[] guess = "guess".toCharArray();
    TimingLeakDetector detector = TimingLeakDetector.builder().warmupPairs(500).seed(11).build();

    TimingReport naive =
        detector.measure(
            "known user",
            () -> "user7",
            "unknown user",
            () -> "nobody",
            (String u) -> sink = login.naive(u, guess));
    System.out.println("Login without protection:\n" + naive.toText());

    TimingReport equalized =
        assertNoTimingLeak(
            () ->
                detector.measure(
                    "known user",
                    () -> "user7",
                    "unknown user",
                    () -> "nobody",
                    (String u) -> sink = login.protectedLogin(u, guess)));
    System.out.println("Login with dummy work and a 0.5 ms floor:\n" + equalized.toText());
    System.out.printf(
        "t without protection: %.2f; t with dummy work and equalizer: %.2f (%d measurements"
            + " each)%n",
        naive.maxAbsT(), equalized.maxAbsT(), equalized.measurements());

    assertTimingLeak(naive);
    // A preempted call can overrun the floor; it does so for either class alike, and rarely.
    assertThat(login.equalizer.overruns()).isLessThan(equalized.measurements() / 100);
  }

  @Test
  void knownAndUnknownUsersGetByteIdenticalResponsesExceptTheCorrelationId() {
    Login login = new Login(new SecureRandom());
    PublicResponse known = login.protectedLogin("user3", "wrong".toCharArray());
    PublicResponse unknown = login.protectedLogin("nobody", "wrong".toCharArray());
    assertThat(known).isNotNull();
    assertThat(unknown).isNotNull();
    assertThat(known.status()).isEqualTo(unknown.status());
    assertThat(known.body()).isEqualTo(unknown.body());
    assertThat(known.headers().keySet()).containsExactlyElementsOf(unknown.headers().keySet());
    assertThat(login.protectedLogin("user3", "password3".toCharArray())).isNull();
  }
}
