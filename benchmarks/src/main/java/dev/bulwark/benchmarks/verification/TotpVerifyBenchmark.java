package dev.bulwark.benchmarks.verification;

import dev.bulwark.verification.OtpEventListener;
import dev.bulwark.verification.OtpSecret;
import dev.bulwark.verification.OtpVerification;
import dev.bulwark.verification.Totp;
import dev.bulwark.verification.TotpVerifier;
import dev.bulwark.verification.memory.MemoryOtpReplayStore;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.DefaultCodeVerifier;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TOTP verification with the default window (SHA-1, 6 digits, 30 s, one step back and one
 * forward: three candidate codes), in one run against two baselines:
 *
 * <ul>
 *   <li>{@code bulwarkVerify}: {@link TotpVerifier#verify} of a fresh valid code, including the
 *       atomic update of the in-memory replay store, so every operation is a real acceptance;
 *   <li>{@code samstevensVerify}: dev.samstevens.totp's {@code DefaultCodeVerifier.isValidCode}
 *       with a time period discrepancy of 1 (the same three steps; it has no replay protection);
 *   <li>{@code floorThreeHmacs}: three HMAC-SHA1 computations on a {@link Mac} initialized once,
 *       the least that checking three steps without early exit can cost.
 * </ul>
 *
 * <p>{@code bulwarkVerify} rotates over {@value #CREDENTIALS} credentials so that each sees its
 * steps in increasing order (time advances one step every {@value #CREDENTIALS} operations) and
 * every code is accepted exactly once; the codes of the steps are computed in the setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class TotpVerifyBenchmark {
  static final int CREDENTIALS = 1024;
  static final int STEPS = 1 << 16;
  static final long BASE_STEP = 1_764_800_000L / 30;

  /** A settable clock; the benchmark thread is its only writer and reader. */
  static final class BenchClock implements InstantSource {
    long millis;

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  OtpSecret secret;
  Totp totp;
  String[] codes;
  String[] credentialIds;
  BenchClock clock;
  TotpVerifier verifier;
  TotpVerifier verifierWithoutStore;
  long op;

  DefaultCodeVerifier samstevens;
  String base32;
  String currentCode;

  Mac cachedMac;
  byte[] counter;
  byte[] out;

  @Setup(Level.Trial)
  public void setUpTrial() throws GeneralSecurityException {
    secret = OtpSecret.generate(20, new SecureRandom());
    totp = Totp.of(secret);
    codes = new String[STEPS];
    for (int i = 0; i < STEPS; i++) {
      codes[i] = totp.generateForStep(BASE_STEP + i);
    }
    credentialIds = new String[CREDENTIALS];
    for (int i = 0; i < CREDENTIALS; i++) {
      credentialIds[i] = "credential-" + i;
    }

    base32 = secret.toBase32();
    long fixedSeconds = BASE_STEP * 30 + 7;
    samstevens = new DefaultCodeVerifier(new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6), () -> fixedSeconds);
    samstevens.setTimePeriod(30);
    samstevens.setAllowedTimePeriodDiscrepancy(1);
    currentCode = totp.generateForStep(BASE_STEP);

    cachedMac = Mac.getInstance("HmacSHA1");
    cachedMac.init(new SecretKeySpec(secret.toByteArray(), "HmacSHA1"));
    counter = new byte[8];
    out = new byte[20];
  }

  /** A fresh replay store each iteration, so every code of the run is accepted once. */
  @Setup(Level.Iteration)
  public void setUpIteration() {
    clock = new BenchClock();
    verifier =
        TotpVerifier.builder()
            .clock(clock)
            .replayStore(MemoryOtpReplayStore.builder().clock(clock).build())
            .listener(OtpEventListener.none())
            .build();
    verifierWithoutStore =
        TotpVerifier.builder()
            .clock(clock)
            .replayStore(new AcceptEverything())
            .listener(OtpEventListener.none())
            .build();
    op = 0;
  }

  /** A replay store that accepts everything: isolates the cost of the codes from the store's. */
  static final class AcceptEverything implements dev.bulwark.verification.spi.OtpReplayStore {
    @Override
    public boolean tryAdvance(String credentialId, long value, long retainUntilEpochMillis) {
      return true;
    }

    @Override
    public long lastAccepted(String credentialId) {
      return NONE;
    }

    @Override
    public void forget(String credentialId) {}
  }

  @Benchmark
  public OtpVerification bulwarkVerifyWithoutReplayStore() {
    long i = op++;
    int step = (int) ((i / CREDENTIALS) & (STEPS - 1));
    clock.millis = (BASE_STEP + step) * 30_000L + 7_000L;
    return verifierWithoutStore.verify(credentialIds[(int) (i % CREDENTIALS)], totp, codes[step]);
  }

  @Benchmark
  public OtpVerification bulwarkVerify() {
    long i = op++;
    int step = (int) ((i / CREDENTIALS) & (STEPS - 1));
    clock.millis = (BASE_STEP + step) * 30_000L + 7_000L;
    return verifier.verify(credentialIds[(int) (i % CREDENTIALS)], totp, codes[step]);
  }

  @Benchmark
  public boolean samstevensVerify() {
    return samstevens.isValidCode(base32, currentCode);
  }

  @Benchmark
  public int floorThreeHmacs() throws ShortBufferException {
    int acc = 0;
    for (long c = BASE_STEP - 1; c <= BASE_STEP + 1; c++) {
      for (int b = 7; b >= 0; b--) {
        counter[b] = (byte) (c >>> (8 * (7 - b)));
      }
      cachedMac.update(counter);
      cachedMac.doFinal(out, 0);
      acc += out[out[19] & 0x0f];
    }
    return acc;
  }

  /** Asserts, outside the measurement, that the Bulwark benchmark measures acceptances. */
  public static void main(String[] args) throws Exception {
    TotpVerifyBenchmark b = new TotpVerifyBenchmark();
    b.setUpTrial();
    b.setUpIteration();
    for (int i = 0; i < 3 * CREDENTIALS; i++) {
      if (!b.bulwarkVerify().isVerified()) {
        throw new AssertionError("operation " + i + " was not an acceptance");
      }
    }
    if (!b.samstevensVerify()) {
      throw new AssertionError("samstevens rejected the current code");
    }
    System.out.println("ok: every operation is an acceptance");
  }
}
