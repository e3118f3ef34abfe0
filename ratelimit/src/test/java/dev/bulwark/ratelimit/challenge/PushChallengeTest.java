package dev.bulwark.ratelimit.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.RateLimitKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushChallengeTest {
  private final TestClock clock = new TestClock();
  private final ChallengeTokens tokens = ChallengeTokens.builder(new byte[32]).clock(clock).build();
  private final PushChallenge push = new PushChallenge(tokens);
  private final RateLimitKey alice = RateLimitKey.phone("+15550100001");
  private final Map<RateLimitKey, String> device = new HashMap<>();

  @Test
  void theDeliveredCodePassesOnce() {
    String token = push.issue(alice, "registration", device::put).token();
    String code = device.get(alice);
    assertThat(code).hasSize(PushChallenge.CODE_LENGTH).doesNotContain("=");
    assertThat(push.verify(token, alice, "registration", code)).isEqualTo(ChallengeOutcome.PASSED);
    assertThat(push.verify(token, alice, "registration", code))
        .isEqualTo(ChallengeOutcome.ALREADY_USED);
  }

  @Test
  void aWrongCodeFailsAndBurnsTheChallenge() {
    String token = push.issue(alice, "registration", device::put).token();
    String code = device.get(alice);
    String wrong = (code.charAt(0) == 'A' ? 'B' : 'A') + code.substring(1);
    assertThat(push.verify(token, alice, "registration", wrong)).isEqualTo(ChallengeOutcome.FAILED);
    assertThat(push.verify(token, alice, "registration", code))
        .isEqualTo(ChallengeOutcome.ALREADY_USED);
  }

  @Test
  void malformedCodesAreRefusedWithoutBurningTheChallenge() {
    String token = push.issue(alice, "registration", device::put).token();
    for (String junk :
        new String[] {"", "short", "A".repeat(23), "A".repeat(21) + "=", "A".repeat(21) + "ä"}) {
      assertThat(push.verify(token, alice, "registration", junk))
          .isEqualTo(ChallengeOutcome.MALFORMED);
    }
    assertThat(push.verify(token, alice, "registration", null))
        .isEqualTo(ChallengeOutcome.MALFORMED);
    assertThat(push.verify(token, alice, "registration", device.get(alice)))
        .isEqualTo(ChallengeOutcome.PASSED);
  }

  @Test
  void codesExpireAfterFiveMinutes() {
    String token = push.issue(alice, "registration", device::put).token();
    clock.advance(Duration.ofMinutes(5));
    assertThat(push.verify(token, alice, "registration", device.get(alice)))
        .isEqualTo(ChallengeOutcome.EXPIRED);
  }

  @Test
  void eachChallengeGetsAFreshCode() {
    push.issue(alice, "registration", device::put);
    String first = device.get(alice);
    push.issue(alice, "registration", device::put);
    assertThat(device.get(alice)).isNotEqualTo(first);
  }
}
