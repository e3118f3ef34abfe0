package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatePolicyTest {

  @Test
  void defaultsAreFailClosedAndNoKeyPrivacy() {
    RatePolicy p = RatePolicy.of("login", RateLimit.perMinute(5));
    assertThat(p.failureMode()).isEqualTo(FailureMode.FAIL_CLOSED);
    assertThat(p.keyPrivacy().isEnabled()).isFalse();
  }

  @Test
  void theLocalFallbackEnforcesItsShareOfEveryLimit() {
    RatePolicy whole =
        RatePolicy.builder("login")
            .limit(RateLimit.perMinute(100))
            .limit(RateLimit.of(3, Duration.ofHours(1)))
            .failureMode(FailureMode.LOCAL_FALLBACK)
            .localFallbackShare(0.25)
            .build();
    assertThat(whole.localFallbackShare()).isEqualTo(0.25);
    RatePolicy part = whole.localFallbackPolicy();
    assertThat(part.name()).isEqualTo("login");
    assertThat(part.failureMode()).isEqualTo(FailureMode.LOCAL_FALLBACK);
    // 25 in a burst, refilled at a quarter of the rate; a capacity never drops below 1.
    assertThat(part.limits())
        .containsExactly(
            RateLimit.of(25, Duration.ofMillis(2_400)), RateLimit.of(1, Duration.ofHours(4)));
    assertThat(part.localFallbackPolicy()).isSameAs(part);
    assertThat(whole.toBuilder().build()).isEqualTo(whole);
    assertThat(whole).isNotEqualTo(whole.toBuilder().localFallbackShare(1).build());
    assertThat(whole.toString()).contains("share 0.25");

    RatePolicy full = RatePolicy.of("login", RateLimit.perMinute(100));
    assertThat(full.localFallbackShare()).isEqualTo(1.0);
    assertThat(full.localFallbackPolicy()).isSameAs(full);
  }

  @Test
  void aShareStaysWithinTheLongestBurstWindowAndRoundsTowardsStrict() {
    RateLimit longest = RateLimit.of(3, RateLimit.MAX_BURST_WINDOW.dividedBy(3));
    RatePolicy part =
        RatePolicy.builder("p")
            .limit(longest)
            .localFallbackShare(0.3)
            .build()
            .localFallbackPolicy();
    RateLimit cut = part.limits().get(0);
    assertThat(cut.capacity()).isEqualTo(1);
    assertThat(cut.burstWindowNanos()).isLessThanOrEqualTo(RateLimit.MAX_BURST_WINDOW.toNanos());
    RateLimit third =
        RatePolicy.builder("p")
            .limit(RateLimit.of(10, Duration.ofNanos(1)))
            .localFallbackShare(1.0 / 3)
            .build()
            .localFallbackPolicy()
            .limits()
            .get(0);
    assertThat(third.capacity()).isEqualTo(3);
    assertThat(third.refillIntervalNanos()).isEqualTo(4); // 3 ns would be a larger share
  }

  @Test
  void aShareOutsideZeroToOneIsRejected() {
    for (double bad : new double[] {0, -0.1, 1.0001, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> RatePolicy.builder("p").localFallbackShare(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("localFallbackShare must be in (0, 1], got");
    }
  }

  @Test
  void derivedFiguresCoverEveryLimit() {
    RatePolicy p = RatePolicy.of("login", RateLimit.perMinute(5), RateLimit.perDay(100));
    assertThat(p.limitCount()).isEqualTo(2);
    assertThat(p.minCapacity()).isEqualTo(5);
    assertThat(p.maxBurstWindowNanos()).isEqualTo(Duration.ofDays(1).toNanos());
    assertThat(p.intervalNanos(1)).isEqualTo(Duration.ofDays(1).toNanos() / 100);
  }

  @Test
  void namesAreRestrictedSoTheyAreSafeInKeysAndLogs() {
    assertThatThrownBy(() -> RatePolicy.of("", RateLimit.perMinute(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("policy name must be 1 to 64 characters");
    assertThatThrownBy(() -> RatePolicy.of("Login", RateLimit.perMinute(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RatePolicy.of("a:b", RateLimit.perMinute(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RatePolicy.of("x".repeat(65), RateLimit.perMinute(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RatePolicy.of("a.b-c_9", RateLimit.perMinute(5)).name()).isEqualTo("a.b-c_9");
  }

  @Test
  void aPolicyNeedsOneToEightLimits() {
    assertThatThrownBy(() -> RatePolicy.builder("p").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("policy 'p' needs at least one limit");
    RatePolicy.Builder b = RatePolicy.builder("p");
    for (int i = 0; i < RatePolicy.MAX_LIMITS; i++) {
      b.limit(RateLimit.perMinute(i + 1));
    }
    assertThatThrownBy(() -> b.limit(RateLimit.perMinute(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("number of limits must be between 1 and 8");
    assertThatThrownBy(() -> RatePolicy.builder("p").limits(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toBuilderDerivesACopy() {
    RatePolicy p =
        RatePolicy.builder("p")
            .limit(RateLimit.perMinute(5))
            .failureMode(FailureMode.FAIL_OPEN)
            .build();
    RatePolicy q = p.toBuilder().limits(List.of(RateLimit.perMinute(9))).build();
    assertThat(q.failureMode()).isEqualTo(FailureMode.FAIL_OPEN);
    assertThat(q.limits()).containsExactly(RateLimit.perMinute(9));
    assertThat(p.limits()).containsExactly(RateLimit.perMinute(5));
    assertThat(p).isEqualTo(p.toBuilder().build()).isNotEqualTo(q);
  }

  @Test
  void keyPrivacyNeedsALongSecretAndNeverPrintsIt() {
    assertThatThrownBy(() -> KeyPrivacy.hmacSha256(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret must be at least 32 bytes, got 31");
    byte[] secret = new byte[32];
    secret[0] = 42;
    KeyPrivacy privacy = KeyPrivacy.hmacSha256(secret);
    assertThat(privacy.toString()).isEqualTo("KeyPrivacy[HMAC-SHA256/128]");
    String hashed = privacy.apply("tel:+4915112345678");
    assertThat(hashed).startsWith("h:").hasSize(24).doesNotContain("4915112345678");
    assertThat(privacy.apply("tel:+4915112345678")).isEqualTo(hashed);
    assertThat(privacy.apply("tel:+4915112345679")).isNotEqualTo(hashed);
    secret[0] = 0; // the policy copied the secret
    assertThat(privacy.apply("tel:+4915112345678")).isEqualTo(hashed);
    assertThat(KeyPrivacy.hmacSha256(new byte[32]).apply("tel:+4915112345678"))
        .isNotEqualTo(hashed);
  }
}
