package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Invariants of client-timestamp validation, stated as a reviewer would read them. */
class TimestampProperties {

  private static Gen<ReplayPolicy> policies() {
    return integers()
        .between(1, 48 * 3600)
        .zip(
            integers().between(0, 300_000),
            (pastSeconds, futureMillis) ->
                ReplayPolicy.builder()
                    .maxPast(Duration.ofSeconds(pastSeconds))
                    .maxFuture(Duration.ofMillis(futureMillis))
                    .reorderTolerance(Duration.ZERO)
                    .build());
  }

  /**
   * Timestamps outside [now - maxPast, now + maxFuture] are always rejected, those inside accepted.
   */
  @Test
  void timestampsOutsideTheBoundsAreAlwaysRejected() {
    Gen<Long> offsets = longs().between(-200_000_000, 200_000_000).mix(longs().all(), 10);
    qt().forAll(policies(), longs().between(0, 1L << 45), offsets)
        .checkAssert(
            (policy, now, offset) -> {
              long client = now + offset; // may wrap for huge offsets: any long is fair input
              TimestampOutcome outcome = policy.checkTimestamp(client, now);
              long low = now - policy.maxPast().toMillis();
              long high = now + policy.maxFuture().toMillis();
              if (client < low) {
                assertThat(outcome).isEqualTo(TimestampOutcome.TOO_OLD);
              } else if (client > high) {
                assertThat(outcome).isEqualTo(TimestampOutcome.FROM_FUTURE);
              } else {
                assertThat(outcome).isEqualTo(TimestampOutcome.ACCEPT);
              }
            });
  }

  /**
   * An ID may be forgotten at forgetAfterMillis of its timestamp because from that instant on the
   * same timestamp is always rejected as too old.
   */
  @Test
  void aTimestampIsTooOldFromTheInstantItsIdMayBeForgotten() {
    qt().forAll(policies(), longs().between(0, 1L << 45), longs().between(0, 1L << 30))
        .checkAssert(
            (policy, client, later) -> {
              long forget = policy.forgetAfterMillis(client);
              assertThat(policy.checkTimestamp(client, forget - 1))
                  .isEqualTo(TimestampOutcome.ACCEPT);
              assertThat(policy.checkTimestamp(client, forget + later))
                  .isEqualTo(TimestampOutcome.TOO_OLD);
              assertThat(forget - client).isLessThanOrEqualTo(policy.retentionMillis() + 1);
            });
  }
}
