package dev.bulwark.examples.errors;

import dev.bulwark.errors.PublicResponse;
import dev.bulwark.errors.Surface;
import dev.bulwark.examples.Scenario;
import dev.bulwark.testkit.TimingLeakDetector;
import dev.bulwark.testkit.TimingReport;
import dev.bulwark.testkit.Verdict;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

/**
 * An attacker probes registered and unregistered phone numbers on a re-registration surface to
 * learn who uses the service. Against the naive surface both the body and the timing tell them
 * apart; against the protected one the responses are identical except for the correlation ID, and
 * the timing-leak detector finds no evidence of a difference.
 */
public final class EnumerationScenario implements Scenario {
  private static final int ITERATIONS = 100;
  private static final Duration FLOOR = Duration.ofMillis(1).dividedBy(2);

  @Override
  public String title() {
    return "Enumerating registered phone numbers by response and by timing";
  }

  @Override
  public boolean run(PrintStream out) {
    SecureRandom random = new SecureRandom();
    RegistrationLockSurface shown =
        new RegistrationLockSurface(
            10, ITERATIONS, FLOOR, LoggerFactory.getLogger("dev.bulwark.examples.errors"), random);
    String known = RegistrationLockSurface.registeredNumber(3);
    String unknown = RegistrationLockSurface.unregisteredNumber(3);
    char[] guess = "000000".toCharArray();

    out.println("1. The naive surface tells the attacker which number is registered:");
    print(out, "registered  ", shown.naive(known, guess));
    print(out, "unregistered", shown.naive(unknown, guess));
    try {
      RegistrationLockSurface.naiveTable(Surface.REGISTRATION);
      out.println("   (!) the naive table was accepted for an enumeration-sensitive surface");
      return false;
    } catch (IllegalArgumentException e) {
      out.println("   Its table is refused for the REGISTRATION surface: " + e.getMessage());
    }

    out.println(
        "2. The protected surface answers both identically (the log line keeps the reason):");
    PublicResponse a = shown.protectedProbe(known, guess);
    PublicResponse b = shown.protectedProbe(unknown, guess);
    print(out, "registered  ", a);
    print(out, "unregistered", b);
    boolean identical =
        a.status() == b.status()
            && java.util.Arrays.equals(a.body(), b.body())
            && withoutId(a).equals(withoutId(b));
    out.println("   identical except for the correlation ID: " + identical);

    RegistrationLockSurface probed =
        new RegistrationLockSurface(100, ITERATIONS, FLOOR, NOPLogger.NOP_LOGGER, random);
    TimingLeakDetector detector = TimingLeakDetector.builder().warmupPairs(500).build();
    out.println("3. Timing probes, 10,000 per class, classes interleaved at random:");
    TimingReport naive = probed.probe(detector, false);
    out.printf(
        Locale.ROOT,
        "   naive:     max |t| = %8.2f  medians %d ns vs %d ns -> %s%n",
        naive.maxAbsT(),
        naive.medianA(),
        naive.medianB(),
        naive.verdict());
    TimingReport equalized = probed.probe(detector, true);
    out.printf(
        Locale.ROOT,
        "   protected: max |t| = %8.2f  medians %d ns vs %d ns -> %s (floor %s, %d overruns)%n",
        equalized.maxAbsT(),
        equalized.medianA(),
        equalized.medianB(),
        equalized.verdict(),
        FLOOR,
        probed.overruns());
    return identical
        && naive.verdict() == Verdict.LEAK
        && equalized.verdict() == Verdict.NO_EVIDENCE_OF_LEAK;
  }

  private static Map<String, String> withoutId(PublicResponse r) {
    Map<String, String> h = new TreeMap<>(r.headers());
    h.remove("X-Correlation-Id");
    return h;
  }

  private static void print(PrintStream out, String label, PublicResponse r) {
    out.printf(
        Locale.ROOT,
        "   %s -> %d %s %s%n",
        label,
        r.status(),
        new String(r.body(), StandardCharsets.UTF_8),
        r.headers());
  }
}
