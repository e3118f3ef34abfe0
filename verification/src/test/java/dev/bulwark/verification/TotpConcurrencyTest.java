package dev.bulwark.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several threads submit the same TOTP code at once: exactly one is VERIFIED, the rest REPLAYED. */
class TotpConcurrencyTest {
  static final int THREADS = 8;

  final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void exactlyOneConcurrentSubmissionOfOneCodeVerifies() throws Exception {
    ManualClock clock = ManualClock.fixed();
    TotpVerifier verifier = TotpVerifier.builder().clock(clock).listener(OtpEventListener.none()).build();
    Totp totp = Totp.of(OtpSecret.generate(OtpAlgorithm.SHA1));
    for (int round = 0; round < 300; round++) {
      String credential = "cred-" + (round % 7);
      clock.advance(java.time.Duration.ofSeconds(30));
      String code = totp.generate(clock.instant());
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<OtpVerification>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return verifier.verify(credential, totp, code);
                }));
      }
      int verified = 0;
      for (Future<OtpVerification> f : results) {
        OtpVerification v = f.get(10, TimeUnit.SECONDS);
        if (v.isVerified()) {
          verified++;
        } else {
          assertThat(v.status()).isEqualTo(OtpVerificationStatus.REPLAYED);
        }
      }
      assertThat(verified).as("round %d", round).isEqualTo(1);
    }
  }

  @Test
  void hotpCountersAdvanceOncePerCodeUnderContention() throws Exception {
    HotpVerifier verifier = HotpVerifier.builder().listener(OtpEventListener.none()).build();
    Hotp hotp = Hotp.of(OtpSecret.generate(OtpAlgorithm.SHA1));
    for (int counter = 0; counter < 200; counter++) {
      String code = hotp.generate(counter);
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<OtpVerification>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return verifier.verify("token", hotp, code);
                }));
      }
      int verified = 0;
      for (Future<OtpVerification> f : results) {
        if (f.get(10, TimeUnit.SECONDS).isVerified()) {
          verified++;
        }
      }
      assertThat(verified).as("counter %d", counter).isEqualTo(1);
    }
  }
}
