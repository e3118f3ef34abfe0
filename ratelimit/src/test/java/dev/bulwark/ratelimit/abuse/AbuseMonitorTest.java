package dev.bulwark.ratelimit.abuse;

import static dev.bulwark.ratelimit.abuse.AbuseMonitor.Dimension.ACCOUNT;
import static dev.bulwark.ratelimit.abuse.AbuseMonitor.Dimension.DESTINATION_PREFIX;
import static dev.bulwark.ratelimit.abuse.AbuseMonitor.Dimension.ENDPOINT;
import static dev.bulwark.ratelimit.abuse.AbuseMonitor.Dimension.SOURCE_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.RateLimitKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AbuseMonitorTest {
  private final AtomicLong now = new AtomicLong(-5_000_000_000L);
  private final List<AbuseEvent> events = new CopyOnWriteArrayList<>();

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  private AbuseMonitor.Builder monitor() {
    return AbuseMonitor.builder().ticker(now::get).listener(events::add);
  }

  @Test
  void aKeyCrossingItsThresholdIsReportedOnceWithItsDimensionAndKey() {
    AbuseMonitor monitor = monitor().track(ACCOUNT, 10, 600).build();
    RateLimitKey account = RateLimitKey.account(new UUID(1, 2));
    for (int i = 0; i < 50; i++) {
      monitor.record(ACCOUNT, account);
      monitor.record(ACCOUNT, RateLimitKey.account(new UUID(3, i)));
    }
    assertThat(events).hasSize(1);
    AbuseEvent.HeavyHitter hit = (AbuseEvent.HeavyHitter) events.get(0);
    assertThat(hit.dimension()).isEqualTo(ACCOUNT);
    assertThat(hit.key()).isEqualTo(account);
    assertThat(hit.estimatedCount()).isEqualTo(10);
    assertThat(hit.threshold()).isEqualTo(10);
    assertThat(hit.window()).isEqualTo(AbuseMonitor.DEFAULT_WINDOW);
    assertThat(monitor.estimate(ACCOUNT, account)).isEqualTo(50);
    assertThat(monitor.heavyHitters(ACCOUNT)).extracting(AbuseEvent::key).containsExactly(account);
  }

  @Test
  void theWindowSlidesSoOldTrafficIsForgottenAndAReturningAbuserIsReportedAgain() {
    AbuseMonitor monitor =
        monitor().window(Duration.ofSeconds(60), 6).track(SOURCE_PREFIX, 100, 600).build();
    RateLimitKey source = RateLimitKey.ip("2001:db8::1");
    // 60 per 10-second sub-window: crosses 100 in the second sub-window.
    for (int sub = 0; sub < 6; sub++) {
      for (int i = 0; i < 60; i++) {
        monitor.record(SOURCE_PREFIX, source);
      }
      advance(Duration.ofSeconds(10));
    }
    assertThat(events).hasSize(1);
    assertThat(monitor.estimate(SOURCE_PREFIX, source)).isEqualTo(300); // 5 sub-windows remain
    advance(Duration.ofSeconds(60));
    assertThat(monitor.estimate(SOURCE_PREFIX, source)).isZero();
    for (int i = 0; i < 100; i++) {
      monitor.record(SOURCE_PREFIX, source);
    }
    assertThat(events).hasSize(2);
    // A long silence, then advance(): nothing is left, and memory is released.
    advance(Duration.ofHours(5));
    monitor.advance();
    assertThat(monitor.trackedEntries(SOURCE_PREFIX)).isZero();
  }

  @Test
  void untrackedDimensionsAreIgnoredAndWeightsAreValidated() {
    AbuseMonitor monitor = monitor().track(ACCOUNT, 3).build();
    RateLimitKey key = RateLimitKey.of("test", "k");
    monitor.record(DESTINATION_PREFIX, key, 1_000);
    assertThat(monitor.estimate(DESTINATION_PREFIX, key)).isZero();
    assertThat(monitor.heavyHitters(DESTINATION_PREFIX)).isEmpty();
    assertThat(monitor.trackedEntries(DESTINATION_PREFIX)).isZero();
    assertThatThrownBy(() -> monitor.record(ACCOUNT, key, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weight must be between 1 and 4294967296, got 0");
    assertThatThrownBy(() -> monitor.record(ACCOUNT, key, -5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(monitor.estimate(ACCOUNT, key)).isZero();
    monitor.record(ACCOUNT, key, 3);
    assertThat(events).hasSize(1);
  }

  @Test
  void invalidConfigurationIsRejected() {
    assertThatThrownBy(() -> AbuseMonitor.builder().track(ACCOUNT, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("threshold must be between 1 and");
    assertThatThrownBy(() -> AbuseMonitor.builder().track(ACCOUNT, 5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AbuseMonitor.builder().track(ACCOUNT, 5, 3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entries of ACCOUNT must be at least the 6 sub-windows, got 3");
    assertThatThrownBy(() -> AbuseMonitor.builder().window(Duration.ofMillis(10), 6))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AbuseMonitor.builder().window(Duration.ofMinutes(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AbuseMonitor.builder().baseline(Duration.ofSeconds(10), 0, 4, 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AbuseMonitor.builder().baseline(Duration.ofSeconds(10), 0.1, 0.5, 100))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSurgeOnAnEndpointIsFlaggedAgainstItsBaselineButNormalNoiseIsNot() {
    AbuseMonitor monitor =
        monitor().baseline(Duration.ofSeconds(10), 0.1, 4, 50).baselineWarmupIntervals(6).build();
    RateLimitKey endpoint = RateLimitKey.of("endpoint", "POST /v1/verification/session");
    SplittableRandom random = new SplittableRandom(42);
    // Twenty minutes of 200 +- 20 requests per 10 seconds: no anomaly.
    for (int interval = 0; interval < 120; interval++) {
      int count = 180 + random.nextInt(41);
      for (int i = 0; i < count; i++) {
        monitor.record(ENDPOINT, endpoint);
      }
      advance(Duration.ofSeconds(10));
    }
    assertThat(events).isEmpty();
    // Then a surge to five times the usual rate: flagged once, as soon as it crosses.
    for (int i = 0; i < 1_000; i++) {
      monitor.record(ENDPOINT, endpoint);
    }
    assertThat(events).hasSize(1);
    AbuseEvent.RateAnomaly anomaly = (AbuseEvent.RateAnomaly) events.get(0);
    assertThat(anomaly.key()).isEqualTo(endpoint);
    assertThat(anomaly.baselineMean()).isBetween(180.0, 220.0);
    assertThat(anomaly.observed()).isEqualTo(anomaly.threshold());
    assertThat(anomaly.threshold()).isBetween(360L, 440L); // twice the mean

    assertThat(anomaly.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(monitor.baselinedEndpoints()).isEqualTo(1);
  }

  @Test
  void aNewEndpointIsNotFlaggedDuringItsWarmUpAndEndpointsAreBounded() {
    AbuseMonitor monitor =
        monitor()
            .baseline(Duration.ofSeconds(1), 0.5, 2, 1)
            .baselineWarmupIntervals(3)
            .maximumEndpoints(2)
            .build();
    for (int e = 0; e < 5; e++) {
      for (int i = 0; i < 10_000; i++) {
        monitor.record(ENDPOINT, RateLimitKey.of("endpoint", "e" + e));
      }
    }
    assertThat(events).isEmpty();
    assertThat(monitor.baselinedEndpoints()).isEqualTo(2);
  }

  @Test
  void eventsAndToStringNeverShowTheIdentifier() {
    AbuseMonitor monitor =
        monitor()
            .track(DESTINATION_PREFIX, 2, 60)
            .baseline(Duration.ofSeconds(1), 1, 1, 1)
            .baselineWarmupIntervals(1)
            .build();
    RateLimitKey phone = RateLimitKey.phone("+44 7700 900123");
    RateLimitKey prefix = AbuseKeys.destinationPrefix(phone, 4);
    monitor.record(DESTINATION_PREFIX, prefix, 2);
    RateLimitKey endpoint = RateLimitKey.of("endpoint", "secret-endpoint-name");
    monitor.record(ENDPOINT, endpoint);
    advance(Duration.ofSeconds(1));
    monitor.record(ENDPOINT, endpoint, 5);
    assertThat(events).hasSize(2);
    List<String> printed = new ArrayList<>();
    events.forEach(e -> printed.add(e.toString()));
    printed.add(monitor.toString());
    printed.add(monitor.heavyHitters(DESTINATION_PREFIX).toString());
    assertThat(printed)
        .allSatisfy(
            s ->
                assertThat(s)
                    .doesNotContain("4477")
                    .doesNotContain("7700")
                    .doesNotContain("secret-endpoint-name"));
    assertThat(events.get(0).toString())
        .contains("DESTINATION_PREFIX")
        .contains("RateLimitKey[ns]");
  }

  @Test
  void aFailingListenerIsCountedAndDoesNotStopTheOthers() {
    List<AbuseEvent> seen = new ArrayList<>();
    AbuseMonitor monitor =
        AbuseMonitor.builder()
            .ticker(now::get)
            .track(ACCOUNT, 1, 60)
            .listener(
                e -> {
                  throw new IllegalStateException("listener bug");
                })
            .listener(seen::add)
            .build();
    monitor.record(ACCOUNT, RateLimitKey.of("test", "a"));
    assertThat(seen).hasSize(1);
    assertThat(monitor.listenerFailures()).isEqualTo(1);
  }

  @Test
  void abuseKeysDeriveDestinationAndSourcePrefixes() {
    RateLimitKey phone = RateLimitKey.phone("+44 7700 900123");
    assertThat(AbuseKeys.destinationPrefix(phone, 2)).isEqualTo(RateLimitKey.of("dst", "+44"));
    assertThat(AbuseKeys.destinationPrefix(phone, 15))
        .isEqualTo(RateLimitKey.of("dst", "+447700900123"));
    assertThat(AbuseKeys.sourcePrefix(RateLimitKey.ip("203.0.113.77"), 24))
        .isEqualTo(RateLimitKey.of("src4", "203.0.113.0/24"));
    assertThat(AbuseKeys.sourcePrefix(RateLimitKey.ip("203.0.113.77"), 32))
        .isEqualTo(RateLimitKey.of("src4", "203.0.113.77/32"));
    assertThat(AbuseKeys.sourcePrefix(RateLimitKey.ip("255.255.255.255"), 8))
        .isEqualTo(RateLimitKey.of("src4", "255.0.0.0/8"));
    RateLimitKey v6 = RateLimitKey.ip("2001:db8::1", 48);
    assertThat(AbuseKeys.sourcePrefix(v6, 24)).isSameAs(v6);
    assertThatThrownBy(() -> AbuseKeys.destinationPrefix(RateLimitKey.ip("203.0.113.77"), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key must be a phone key, got ip4");
    assertThatThrownBy(() -> AbuseKeys.sourcePrefix(phone, 24))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key must be an IP key, got tel");
    assertThatThrownBy(() -> AbuseKeys.sourcePrefix(RateLimitKey.ip("203.0.113.77"), 7))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentRecordersLoseNoWeightForATrackedKey() throws InterruptedException {
    AbuseMonitor monitor = monitor().track(ACCOUNT, 1_000_000, 600).build();
    RateLimitKey hot = RateLimitKey.of("test", "hot");
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  monitor.record(ACCOUNT, hot);
                  monitor.record(ACCOUNT, RateLimitKey.of("test", id + "-" + (i % 50)));
                }
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    // 200 distinct cold keys fit in the 100 counters per sub-window only partly; the hot key,
    // holding half the stream, is never evicted, so none of its weight is lost.
    assertThat(monitor.estimate(ACCOUNT, hot)).isBetween(80_000L, 80_000L + 80_000L / 100);
    assertThat(monitor.trackedEntries(ACCOUNT)).isLessThanOrEqualTo(600);
  }
}
