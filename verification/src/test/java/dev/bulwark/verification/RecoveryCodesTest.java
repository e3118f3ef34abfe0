package dev.bulwark.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryCodesTest {
  final RecoveryCodes recovery = RecoveryCodes.builder().pepper(OneTimeCodesTest.PEPPER).build();

  @Test
  void tenCodesOf125BitsInFiveGroups() {
    List<RecoveryCode> codes = recovery.generate("acct");
    assertThat(codes).hasSize(10);
    for (RecoveryCode c : codes) {
      assertThat(c.reveal()).matches("([0-9A-HJKMNP-TV-Z]{5}-){4}[0-9A-HJKMNP-TV-Z]{5}");
      assertThat(c.toString()).doesNotContain(c.reveal());
    }
    assertThat(recovery.remaining("acct")).isEqualTo(10);
  }

  @Test
  void eachCodeRedeemsOnce() {
    List<RecoveryCode> codes = recovery.generate("acct");
    RecoveryResult r = recovery.redeem("acct", codes.get(3).reveal());
    assertThat(r.status()).isEqualTo(RecoveryStatus.REDEEMED);
    assertThat(r.remaining()).isEqualTo(9);
    assertThat(recovery.redeem("acct", codes.get(3).reveal()).status()).isEqualTo(RecoveryStatus.INVALID);
    assertThat(recovery.remaining("acct")).isEqualTo(9);
  }

  @Test
  void codesAreBoundToTheirAccount() {
    List<RecoveryCode> codes = recovery.generate("alice");
    List<RecoveryCode> unused = recovery.generate("bob");
    assertThat(unused).hasSize(10);
    assertThat(recovery.redeem("bob", codes.get(0).reveal()).status()).isEqualTo(RecoveryStatus.INVALID);
    assertThat(recovery.redeem("alice", codes.get(0).reveal()).status()).isEqualTo(RecoveryStatus.REDEEMED);
  }

  @Test
  void regeneratingInvalidatesTheOldSet() {
    List<RecoveryCode> old = recovery.generate("acct");
    List<RecoveryCode> fresh = recovery.generate("acct");
    for (RecoveryCode c : old) {
      assertThat(recovery.redeem("acct", c.reveal()).status()).isEqualTo(RecoveryStatus.INVALID);
    }
    assertThat(recovery.redeem("acct", fresh.get(0).reveal()).isRedeemed()).isTrue();
  }

  @Test
  void usingEveryCodeLeavesNone() {
    List<RecoveryCode> codes = recovery.generate("acct");
    for (RecoveryCode c : codes) {
      assertThat(recovery.redeem("acct", c.reveal()).isRedeemed()).isTrue();
    }
    assertThat(recovery.redeem("acct", codes.get(0).reveal()).status()).isEqualTo(RecoveryStatus.NO_CODES);
    assertThat(recovery.remaining("acct")).isZero();
  }

  @Test
  void revokeAllRemovesTheSet() {
    List<RecoveryCode> codes = recovery.generate("acct");
    recovery.revokeAll("acct");
    assertThat(recovery.redeem("acct", codes.get(0).reveal()).status()).isEqualTo(RecoveryStatus.NO_CODES);
  }

  @Test
  void whatPeopleTypeIsAccepted() {
    String code = recovery.generate("acct").get(0).reveal();
    String lower = code.toLowerCase(Locale.ROOT);
    assertThat(recovery.redeem("acct", lower.replace("-", "")).isRedeemed()).isTrue();

    String second = recovery.generate("acct").get(1).reveal();
    // Crockford aliases: O for 0, I and L for 1
    String typed = second.replace('0', 'O').replace('1', 'l').replace("-", " ");
    assertThat(recovery.redeem("acct", typed).isRedeemed()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "ABCDE", "ABCDE-FGHJK-MNPQR-STVWX-YZ012-3", "ABCDE--FGHJK-MNPQR-STVWX-YZ012", "-ABCDE-FGHJK-MNPQR-STVWX-YZ01",
        "ABCD-EFGHJK-MNPQR-STVWX-YZ012", "ABCDE-FGHJK-MNPQR-STVWX-YZ01U", "ABCDE_FGHJK_MNPQR_STVWX_YZ012",
        "ABCDE-FGHJK-MNPQR-STVWX-YZ01Ä", "ABCDE\tFGHJK-MNPQR-STVWX-YZ012"
      })
  void anythingElseIsMalformedAndChangesNothing(String input) {
    recovery.generate("acct");
    assertThat(recovery.redeem("acct", input).status()).isEqualTo(RecoveryStatus.MALFORMED);
    assertThat(recovery.redeem("acct", null).status()).isEqualTo(RecoveryStatus.MALFORMED);
    assertThat(recovery.remaining("acct")).isEqualTo(10);
  }

  @Test
  void symbolsAreUniform() {
    RecoveryCodes many = RecoveryCodes.builder().pepper(OneTimeCodesTest.PEPPER).count(50).build();
    long[] counts = new long[128];
    int n = 0;
    for (int i = 0; i < 200; i++) {
      for (RecoveryCode c : many.generate("acct")) {
        for (char ch : c.reveal().replace("-", "").toCharArray()) {
          counts[ch]++;
          n++;
        }
      }
    }
    double expected = n / 32.0;
    double chi2 = 0;
    Set<Character> seen = new HashSet<>();
    for (char ch : "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray()) {
      double d = counts[ch] - expected;
      chi2 += d * d / expected;
      seen.add(ch);
    }
    assertThat(seen).hasSize(32);
    // 31 degrees of freedom: p = 10^-7 at about 87.5
    assertThat(chi2).isLessThan(87.5);
  }

  @Test
  void concurrentRedemptionsOfOneCodeSucceedOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 100; round++) {
        String code = recovery.generate("acct").get(0).reveal();
        CyclicBarrier start = new CyclicBarrier(8);
        List<Future<RecoveryResult>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return recovery.redeem("acct", code);
                  }));
        }
        int redeemed = 0;
        for (Future<RecoveryResult> f : results) {
          if (f.get(10, TimeUnit.SECONDS).isRedeemed()) {
            redeemed++;
          }
        }
        assertThat(redeemed).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void settingsAndArgumentsAreValidated() {
    assertThatThrownBy(() -> RecoveryCodes.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RecoveryCodes.builder().count(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> recovery.generate("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> recovery.redeem("a b", "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
