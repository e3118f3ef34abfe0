package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SequenceWindowTest {
  private final ReplayPolicy policy =
      ReplayPolicy.builder().windowBits(64).maxJumpAhead(1_000).build();
  private final SequenceWindow window = SequenceWindow.create(policy);

  private void expect(long seq, SequenceOutcome outcome) {
    assertThat(window.commit(seq)).as("commit %d", seq).isEqualTo(outcome);
  }

  @Test
  void acceptsOnceThenReportsDuplicates() {
    expect(5, SequenceOutcome.ACCEPT);
    expect(5, SequenceOutcome.DUPLICATE);
    expect(3, SequenceOutcome.ACCEPT);
    assertThat(window.check(3)).isEqualTo(SequenceOutcome.DUPLICATE);
    assertThat(window.highestAccepted()).isEqualTo(5);
  }

  @Test
  void theWholeWindowIsTrackedEvenAtTheEndOfABlock() {
    // top at the last bit of a block: the window then spans two blocks plus the spare.
    expect(127, SequenceOutcome.ACCEPT);
    expect(64, SequenceOutcome.ACCEPT);
    expect(63, SequenceOutcome.TOO_OLD);
    expect(128, SequenceOutcome.ACCEPT);
    expect(64, SequenceOutcome.TOO_OLD);
    expect(65, SequenceOutcome.ACCEPT);
    expect(127, SequenceOutcome.DUPLICATE);
  }

  @Test
  void aLargeJumpClearsEveryBlock() {
    expect(10, SequenceOutcome.ACCEPT);
    expect(900, SequenceOutcome.ACCEPT);
    expect(850, SequenceOutcome.ACCEPT);
    expect(836, SequenceOutcome.TOO_OLD);
    expect(837, SequenceOutcome.ACCEPT);
  }

  @Test
  void badNumbersAreTypedAndChangeNothing() {
    expect(100, SequenceOutcome.ACCEPT);
    expect(-1, SequenceOutcome.INVALID);
    expect(Long.MIN_VALUE, SequenceOutcome.INVALID);
    expect(Long.MAX_VALUE, SequenceOutcome.TOO_FAR_AHEAD);
    expect(1_101, SequenceOutcome.TOO_FAR_AHEAD);
    assertThat(window.highestAccepted()).isEqualTo(100);
    expect(99, SequenceOutcome.ACCEPT);
    expect(1_100, SequenceOutcome.ACCEPT);
  }

  @Test
  void aFreshWindowTakesAnyFirstNumberIncludingTheLargest() {
    expect(Long.MAX_VALUE, SequenceOutcome.ACCEPT);
    expect(Long.MAX_VALUE, SequenceOutcome.DUPLICATE);
    expect(Long.MAX_VALUE - 63, SequenceOutcome.ACCEPT);
    expect(Long.MAX_VALUE - 64, SequenceOutcome.TOO_OLD);
    expect(0, SequenceOutcome.TOO_OLD);
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
