package dev.bulwark.examples.errors;

import dev.bulwark.errors.DummyWork;
import dev.bulwark.errors.InternalReason;
import dev.bulwark.errors.OpaqueErrors;
import dev.bulwark.errors.OutcomeTable;
import dev.bulwark.errors.PublicOutcome;
import dev.bulwark.errors.PublicResponse;
import dev.bulwark.errors.Surface;
import dev.bulwark.errors.TimingEqualizer;
import dev.bulwark.testkit.TimingLeakDetector;
import dev.bulwark.testkit.TimingReport;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * A re-registration surface with a registration-lock PIN, in two versions. A client sends a phone
 * number and a PIN; registered numbers have a PIN stored as a PBKDF2 hash. The naive version
 * answers "not registered" at once for an unknown number and "wrong PIN" after hashing for a known
 * one, so both its body and its timing tell an attacker which numbers are registered. The protected
 * version maps both to one public outcome, runs {@link DummyWork} for unknown numbers and releases
 * every answer at a fixed floor with a {@link TimingEqualizer}.
 */
public final class RegistrationLockSurface {
  /** A leaky surface: not enumeration-sensitive, so its table may tell reasons apart. */
  static final Surface NAIVE = Surface.of("registration_naive", false, false);

  private final Map<String, Pin> pins = new HashMap<>();
  private final int iterations;
  private final OpaqueErrors errors;
  private final DummyWork<Pin> dummy;
  private final TimingEqualizer equalizer;

  /** A salted PBKDF2-HMAC-SHA256 hash of a PIN. */
  private record Pin(byte[] salt, byte[] hash) {}

  /**
   * Creates the surface with {@code registered} numbers, PBKDF2 at {@code iterations}, and the
   * protected version's {@code floor}; internal log lines go to {@code logger}.
   */
  public RegistrationLockSurface(
      int registered, int iterations, Duration floor, Logger logger, SecureRandom random) {
    this.iterations = iterations;
    for (int i = 0; i < registered; i++) {
      pins.put(
          registeredNumber(i), hash(String.format(Locale.ROOT, "%06d", i).toCharArray(), random));
    }
    this.errors =
        OpaqueErrors.builder()
            .table(OutcomeTable.defaults(Surface.REGISTRATION))
            .table(naiveTable(NAIVE))
            .logger(logger)
            .build();
    this.dummy = DummyWork.of(pin -> hash(pin, random), this::matches, random);
    this.equalizer = TimingEqualizer.builder().fixedFloor(floor).build();
  }

  /** Returns the table the naive version uses; {@code surface} decides whether it is accepted. */
  static OutcomeTable naiveTable(Surface surface) {
    PublicOutcome other =
        PublicOutcome.builder("failed").status(400).body("{\"error\":\"failed\"}").build();
    return OutcomeTable.builder(surface)
        .map(
            PublicOutcome.builder("not_registered")
                .status(404)
                .body("{\"error\":\"not_registered\"}")
                .build(),
            InternalReason.UNKNOWN_SUBJECT)
        .map(
            PublicOutcome.builder("wrong_pin")
                .status(401)
                .body("{\"error\":\"wrong_pin\"}")
                .build(),
            InternalReason.WRONG_SECRET)
        .map(
            other,
            InternalReason.LOCKED,
            InternalReason.DISABLED,
            InternalReason.EXPIRED,
            InternalReason.RATE_LIMITED,
            InternalReason.MALFORMED,
            InternalReason.INTERNAL_ERROR)
        .build();
  }

  /** Returns the {@code i}-th registered number. */
  public static String registeredNumber(int i) {
    return String.format(Locale.ROOT, "+1415555%04d", i);
  }

  /** Returns a number that is not registered. */
  public static String unregisteredNumber(int i) {
    return String.format(Locale.ROOT, "+1628555%04d", i);
  }

  private Pin hash(char[] pin, SecureRandom random) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return new Pin(salt, derive(pin, salt));
  }

  private byte[] derive(char[] pin, byte[] salt) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(pin, salt, iterations, 256))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean matches(char[] presented, Pin stored) {
    return MessageDigest.isEqual(derive(presented, stored.salt()), stored.hash());
  }

  /** The naive version: a distinct answer, at once, for an unregistered number. */
  public PublicResponse naive(String number, char[] pin) {
    Pin stored = pins.get(number);
    if (stored == null) {
      return errors.respond(NAIVE, InternalReason.UNKNOWN_SUBJECT, "unregistered number");
    }
    InternalReason reason =
        matches(pin, stored) ? InternalReason.EXPIRED : InternalReason.WRONG_SECRET;
    return errors.respond(NAIVE, reason, "registration lock");
  }

  /** The protected version: one outcome, dummy work, released at the floor. */
  public PublicResponse protectedProbe(String number, char[] pin) {
    return equalizer.call(
        () -> {
          Pin stored = pins.get(number);
          boolean matched = dummy.matches(stored, pin);
          InternalReason reason;
          if (stored == null) {
            reason = InternalReason.UNKNOWN_SUBJECT;
          } else {
            // A matching PIN would continue the registration; here the session has expired.
            reason = matched ? InternalReason.EXPIRED : InternalReason.WRONG_SECRET;
          }
          return errors.respond(Surface.REGISTRATION, reason, "registration lock");
        });
  }

  /**
   * Probes registered number 7 against unregistered number 7 with a wrong PIN, on the naive version
   * if {@code protectedVersion} is false and on the protected one otherwise.
   */
  public TimingReport probe(TimingLeakDetector detector, boolean protectedVersion) {
    String known = registeredNumber(7);
    String unknown = unregisteredNumber(7);
    char[] guess = "999999".toCharArray();
    return detector.measure(
        "registered",
        () -> known,
        "unregistered",
        () -> unknown,
        n -> {
          PublicResponse r = protectedVersion ? protectedProbe(n, guess) : naive(n, guess);
          sink = r;
        });
  }

  /** Keeps the JIT from discarding probe responses. */
  private static volatile @Nullable PublicResponse sink;

  /** Returns how many protected probes took longer than the floor. */
  public long overruns() {
    return equalizer.overruns();
  }
}
