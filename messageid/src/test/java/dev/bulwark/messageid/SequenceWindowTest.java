package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SequenceWindowTest {
  private final ReplayPolicy policy = ReplayPolicy.builder().windowBits(64).maxJumpAhead(1_000).build();
  private final SequenceWindow window = SequenceWindow.create(policy);

  @Test
  void acceptsOnceThenReportsDuplicates() {
    assertThat(window.commit(5)).isEqualTo(SequenceOutcome.ACCEPT);
    assertThat(window.commit(5)).isEqualTo(SequenceOutcome.DUPLICATE);
    assertThat(window.commit(3)).isEqualTo(SequenceOutcome.ACCEPT);
    assertThat(window.check(3)).isEqualTo(SequenceOutcome.DUPLICATE);
    assertThat(window.highestAccepted()).isEqualTo(5);
  }

  @Test
  void theWholeWindowIsTrackedEvenAtTheEndOfABlock() {
    // top at the last bit of a block: the window then spans two blocks plus the spare.
    assertThat(window.commit(127)).isEqualTo(SequenceOutcome.ACCEPT);
    assertThat(window.commit(64)).isEqualTo(SequenceOutcome.ACCEPT);
    assertThat(window.commit(63)).isEqualTo(SequenceOutcome.TOO_OLD);
    assertThat(window.commit(128)).isEqualTo(SequenceOutcome.ACCEPT);
    assertThat(window.commit(64)).isEqualTo(SequenceOutcome.TOO_OLD);
    assertThat(window.commit(65)).isEqualTo(SequenceOutcome.ACCEPT);
    assertThat(window.commit(127)).isEqualTo(SequenceOutcome.DUPLICATE);
  }

  @Test
  void aLargeJumpClearsEveryBlock() {
    assertThat(window.commit(10)).isEqualTo(SequenceOutcome.ACCEPT);
    assertThat(window.commit(900)).isEqualTo(SequenceOutcome.ACCEPT);
    assertThat(window.commit(850)).isEqualTo(SequenceOutcome.ACCEPT);
    assertThat(window.commit(836)).isEqualTo(SequenceOutcome.TOO_OLD);
    assertThat(window.commit(837)).isEqualTo(SequenceOutcome.ACCEPT);
  }

  @Test
  void badNumbersAreTypedAndChangeNothing() {
    assertThat(window.commit(100)).isEqualTo(SequenceOutcome.ACCEPT);
    assertThat(window.commit(-1)).isEqualTo(SequenceOutcome.INVALID);
    assertThat(window.commit(Long.MIN_VALUE)).isEqualTo(SequenceOutcome.INVALID);
    assertThat(window.commit(Long.MAX_VALUE)).isEqualTo(SequenceOutcome.TOO_FAR_AHEAD);
    assertThat(window.commit(1_101)).isEqualTo(SequenceOutcome.TOO_FAR_AHEAD);
    assertThat(window.highestAccepted()).isEqualTo(100);
    assertThat(window.commit(99)).isEqualTo(SequenceOutcome.ACCEPT);
    assertThat(window.commit(1_100)).isEqualTo(SequenceOutcome.ACCEPT);
  }

  @Test
  void aFreshWindowTakesAnyFirstNumberIncludingTheLargest() {
    assertThat(window.commit(Long.MAX_VALUE)).isEqualTo(SequenceOutcome.ACCEPT);
    assertThat(window.commit(Long.MAX_VALUE)).isEqualTo(SequenceOutcome.DUPLICATE);
    assertThat(window.commit(Long.MAX_VALUE - 63)).isEqualTo(SequenceOutcome.ACCEPT);
    assertThat(window.commit(Long.MAX_VALUE - 64)).isEqualTo(SequenceOutcome.TOO_OLD);
    assertThat(window.commit(0)).isEqualTo(SequenceOutcome.TOO_OLD);
  }

  @Test
  void windowSizeAndJumpLimitAreValidated() {
    assertThatThrownBy(() -> ReplayPolicy.builder().windowBits(32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("windowBits must be between 64 and 8192, got 32");
    assertThatThrownBy(() -> ReplayPolicy.builder().windowBits(1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("windowBits must be a power of two, got 1000");
    assertThatThrownBy(() -> ReplayPolicy.builder().windowBits(16384))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReplayPolicy.builder().maxJumpAhead(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxJumpAhead must be between 1 and");
    assertThat(ReplayPolicy.defaults().windowBits()).isEqualTo(1024);
  }
}
