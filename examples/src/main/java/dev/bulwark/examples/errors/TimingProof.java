package dev.bulwark.examples.errors;

import dev.bulwark.testkit.TimingLeakDetector;
import dev.bulwark.testkit.TimingReport;
import dev.bulwark.testkit.Verdict;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.helpers.NOPLogger;

/**
 * The large timing proof: probes registered and unregistered numbers on {@link
 * RegistrationLockSurface}, without and with protection, at 50,000 measurements per class (100,000
 * in all) by default, and prints both full reports. Exits 1 unless the naive surface leaks and the
 * protected one shows no evidence of a leak.
 *
 * <p>Arguments (all optional): measurements per class, PBKDF2 iterations, floor in microseconds.
 * Run it with {@code java -cp examples/target/bulwark-demo.jar
 * dev.bulwark.examples.errors.TimingProof 50000 100 500}.
 */
public final class TimingProof {
  private TimingProof() {}

  /** Runs the proof; see the class documentation for the arguments. */
  public static void main(String[] args) {
    int perClass = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Duration floor = Duration.ofNanos(1_000L * (args.length > 2 ? Long.parseLong(args[2]) : 500));
    PrintStream out = System.out;
    RegistrationLockSurface surface =
        new RegistrationLockSurface(
            100, iterations, floor, NOPLogger.NOP_LOGGER, new SecureRandom());
    TimingLeakDetector detector =
        TimingLeakDetector.builder().measurementsPerClass(perClass).warmupPairs(2_000).build();

    long start = System.nanoTime();
    TimingReport naive = surface.probe(detector, false);
    out.println("Without protection (PBKDF2 " + iterations + " iterations):");
    out.println(naive.toText());
    TimingReport equalized = surface.probe(detector, true);
    out.println("With dummy work and a fixed floor of " + floor + ":");
    out.println(equalized.toText());
    out.printf(
        Locale.ROOT,
        "t without protection: %.2f; t with protection: %.2f; %d measurements each;"
            + " %d overruns; %.0f s%n",
        naive.maxAbsT(),
        equalized.maxAbsT(),
        equalized.measurements(),
        surface.overruns(),
        (System.nanoTime() - start) / 1e9);
    boolean held =
        naive.verdict() == Verdict.LEAK && equalized.verdict() == Verdict.NO_EVIDENCE_OF_LEAK;
    if (!held) {
      System.exit(1);
    }
  }
}
