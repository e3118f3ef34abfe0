package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RateLimiterRegistryTest {
  private final ManualTicker ticker = new ManualTicker();
  private final RateLimitKey key = RateLimitKey.phone("+15550100001");

  @Test
  void presetsMirrorSignalServersDefaults() {
    RateLimiterRegistry registry = RateLimiterRegistry.builder().presets().build();
    assertThat(registry.policyNames())
        .containsExactly(
            "messages",
            "pin",
            "prekey-fetch",
            "registration",
            "totp",
            "username-lookup",
            "verification-code");
    assertThat(limit(registry, "registration")).isEqualTo(RateLimit.of(6, Duration.ofSeconds(30)));
    assertThat(limit(registry, "pin")).isEqualTo(RateLimit.of(10, Duration.ofDays(1)));
    assertThat(limit(registry, "messages")).isEqualTo(RateLimit.of(60, Duration.ofSeconds(1)));
    assertThat(limit(registry, "verification-code"))
        .isEqualTo(RateLimit.of(5, Duration.ofSeconds(30)));
    assertThat(limit(registry, "totp")).isEqualTo(RateLimit.of(5, Duration.ofSeconds(6)));
    assertThat(limit(registry, "username-lookup"))
        .isEqualTo(RateLimit.of(100, Duration.ofMinutes(15)));
    assertThat(limit(registry, "prekey-fetch")).isEqualTo(RateLimit.of(6, Duration.ofMinutes(10)));
  }

  private static RateLimit limit(RateLimiterRegistry registry, String name) {
    return registry.policy(name).orElseThrow().limits().get(0);
  }

  @Test
  void policiesLoadFromProperties() {
    Properties p = new Properties();
    p.setProperty("bulwark.ratelimit.login.limits", "5 per PT1M, 100 PER P1D");
    p.setProperty("bulwark.ratelimit.login.failure-mode", "local-fallback");
    p.setProperty("bulwark.ratelimit.login.local-fallback-share", "0.25");
    p.setProperty("bulwark.ratelimit.lookup.limits", " 3  per\tPT10S ");
    p.setProperty("unrelated.setting", "ignored");
    RateLimiterRegistry registry = RateLimiterRegistry.builder().properties(p).build();
    RatePolicy login = registry.policy("login").orElseThrow();
    assertThat(login.limits()).containsExactly(RateLimit.perMinute(5), RateLimit.perDay(100));
    assertThat(login.failureMode()).isEqualTo(FailureMode.LOCAL_FALLBACK);
    assertThat(login.localFallbackShare()).isEqualTo(0.25);
    assertThat(registry.policy("lookup").orElseThrow().failureMode())
        .isEqualTo(FailureMode.FAIL_CLOSED);
  }

  @Test
  void badPropertiesAreRejectedNamingTheProperty() {
    assertRejected(
        Map.of("bulwark.ratelimit.login.limit", "5 per PT1M"),
        "property 'bulwark.ratelimit.login.limit' is unknown");
    assertRejected(
        Map.of("bulwark.ratelimit.login.limits", "5 per minute"),
        "'bulwark.ratelimit.login.limits' needs limits of the form");
    assertRejected(
        Map.of("bulwark.ratelimit.login.limits", "0 per PT1M"), "permits must be between 1 and");
    assertRejected(
        Map.of("bulwark.ratelimit.login.limits", "5 per PT0S"), "period must be positive");
    assertRejected(
        Map.of("bulwark.ratelimit.login.limits", "5 per -PT1M"), "period must be positive");
    assertRejected(
        Map.of("bulwark.ratelimit.login.limits", "5 per PT1M,"), "needs limits of the form");
    assertRejected(
        Map.of("bulwark.ratelimit.login.failure-mode", "fail-closed"),
        "'bulwark.ratelimit.login.limits' is missing");
    assertRejected(
        Map.of(
            "bulwark.ratelimit.login.limits",
            "5 per PT1M",
            "bulwark.ratelimit.login.failure-mode",
            "maybe"),
        "must be fail-open, fail-closed or local-fallback");
    for (String share : new String[] {"0", "1.5", "-0.5", "NaN", "1e-3", "", "0.25x"}) {
      assertRejected(
          Map.of(
              "bulwark.ratelimit.login.limits",
              "5 per PT1M",
              "bulwark.ratelimit.login.local-fallback-share",
              share),
          "'bulwark.ratelimit.login.local-fallback-share' must be a decimal in (0, 1]");
    }
    assertRejected(Map.of("bulwark.ratelimit.Login.limits", "5 per PT1M"), "policy name must be");
    assertRejected(
        Map.of("bulwark.ratelimit.limits", "5 per PT1M"),
        "must be bulwark.ratelimit.<policy>.limits");
  }

  private static void assertRejected(Map<String, String> properties, String message) {
    assertThatThrownBy(() -> RateLimiterRegistry.builder().properties(properties))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void reconfigurationAppliesToTheNextCallOfExistingLimiters() {
    RateLimiterRegistry registry =
        RateLimiterRegistry.builder()
            .ticker(ticker)
            .policy(RatePolicy.of("login", RateLimit.perMinute(2)))
            .build();
    RateLimiter login = registry.limiter("login");
    assertThat(login.tryAcquire(key)).isTrue();
    assertThat(login.tryAcquire(key)).isTrue();
    assertThat(login.tryAcquire(key)).isFalse();
    registry.reconfigure(RatePolicy.of("login", RateLimit.perMinute(5)));
    assertThat(registry.limiter("login")).isSameAs(login);
    assertThat(login.policy().limits()).containsExactly(RateLimit.perMinute(5));
    // The key's debt carries over as time: a minute to wait, of which 12 s buys one new permit.
    assertThat(login.tryAcquire(key)).isFalse();
    ticker.advance(Duration.ofSeconds(12));
    assertThat(login.tryAcquire(key)).isTrue();
    assertThat(login.tryAcquire(key)).isFalse();
    registry.reconfigure(RatePolicy.of("login", RateLimit.perMinute(5), RateLimit.perHour(6)));
    ticker.advance(Duration.ofMinutes(1));
    assertThat(login.tryAcquire(key, 5).isAllowed()).isTrue();
    assertThat(login.tryAcquire(key, 2).isAllowed()).isFalse();
  }

  @Test
  void propertyReconfigurationIsAllOrNothingAndKeepsKeyPrivacy() {
    KeyPrivacy privacy = KeyPrivacy.hmacSha256(new byte[32]);
    RatePolicy login =
        RatePolicy.builder("login").limit(RateLimit.perMinute(2)).keyPrivacy(privacy).build();
    RateLimiterRegistry registry =
        RateLimiterRegistry.builder().ticker(ticker).policy(login).build();
    assertThatThrownBy(
            () ->
                registry.reconfigure(
                    Map.of(
                        "bulwark.ratelimit.login.limits", "9 per PT9M",
                        "bulwark.ratelimit.zzz.limits", "9 per PT1M or so")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(registry.policy("login").orElseThrow()).isEqualTo(login);
    assertThat(registry.policyNames()).containsExactly("login");

    registry.reconfigure(
        Map.of(
            "bulwark.ratelimit.login.limits",
            "9 per PT9M",
            "bulwark.ratelimit.new.limits",
            "1 per PT1S"));
    assertThat(registry.policy("login").orElseThrow().limits())
        .containsExactly(RateLimit.of(9, Duration.ofMinutes(1)));
    assertThat(registry.policy("login").orElseThrow().keyPrivacy()).isSameAs(privacy);
    assertThat(registry.limiter("new").tryAcquire(key)).isTrue();
  }

  @Test
  void unknownAndDuplicateNamesAreRejected() {
    RateLimiterRegistry registry = RateLimiterRegistry.builder().presets().build();
    assertThatThrownBy(() -> registry.limiter("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no rate policy named 'nope' is registered");
    assertThatThrownBy(() -> registry.reconfigure(RatePolicy.of("nope", RateLimit.perMinute(1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.register(PolicyPresets.pin()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a rate policy named 'pin' is already registered");
    assertThat(registry.policy("nope")).isEmpty();
  }

  @Test
  void limitersOfOneRegistryShareTheStoreButNotTheirKeys() {
    RateLimiterRegistry registry =
        RateLimiterRegistry.builder()
            .ticker(ticker)
            .policy(RatePolicy.of("a", RateLimit.perMinute(1)))
            .policy(RatePolicy.of("b", RateLimit.perMinute(1)))
            .build();
    assertThat(registry.limiter("a").tryAcquire(key)).isTrue();
    assertThat(registry.limiter("b").tryAcquire(key)).isTrue();
    assertThat(registry.limiter("a").tryAcquire(key)).isFalse();
  }
}
