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

/** Several threads submit the same correct code at the same moment: exactly one is VERIFIED. */
class OneTimeCodeConcurrencyTest {
  static final int THREADS = 8;
  static final int ROUNDS = 300;

  final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void exactlyOneOfManyConcurrentCorrectSubmissionsVerifies() throws Exception {
    OneTimeCodes codes = OneTimeCodes.builder().pepper(OneTimeCodesTest.PEPPER).build();
    for (int round = 0; round < ROUNDS; round++) {
      IssuedCode issued = codes.issue("login", "+14155550123");
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<CodeVerification>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return codes.verify(issued.sessionId(), "login", "+14155550123", issued.code().reveal());
                }));
      }
      int verified = 0;
      for (Future<CodeVerification> f : results) {
        CodeVerification v = f.get(10, TimeUnit.SECONDS);
        if (v.isVerified()) {
          verified++;
        } else {
          assertThat(v.status()).isEqualTo(CodeVerificationStatus.NOT_FOUND);
        }
      }
      assertThat(verified).as("round %d", round).isEqualTo(1);
    }
  }

  @Test
  void concurrentWrongGuessesNeverSpendMoreThanTheBudget() throws Exception {
    OneTimeCodes codes = OneTimeCodes.builder().pepper(OneTimeCodesTest.PEPPER).build();
    for (int round = 0; round < ROUNDS / 3; round++) {
      IssuedCode issued = codes.issue("login", "+14155550123");
      String wrong = OneTimeCodesTest.wrong(issued.code());
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<CodeVerification>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return codes.verify(issued.sessionId(), "login", "+14155550123", wrong);
                }));
      }
      int invalid = 0;
      for (Future<CodeVerification> f : results) {
        if (f.get(10, TimeUnit.SECONDS).status() == CodeVerificationStatus.INVALID) {
          invalid++;
        }
      }
      // 3 attempts: two INVALID, then the third burns the code; everyone else sees it burned
      assertThat(invalid).isEqualTo(2);
      assertThat(codes.verify(issued.sessionId(), "login", "+14155550123", issued.code().reveal()).status())
          .isEqualTo(CodeVerificationStatus.ATTEMPTS_EXHAUSTED);
    }
  }
}
