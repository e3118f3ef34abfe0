package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The replay window's specification. Arrivals are drawn from a narrow band (so that duplicates,
 * reordering and block wrap-around are frequent), mixed with large jumps, negative numbers and huge
 * numbers; window sizes cover the whole allowed range.
 */
class SequenceWindowProperties {

  private static Gen<ReplayPolicy> policies() {
    return integers()
        .between(6, 13)
        .zip(
            longs().between(1, 20_000),
            (log2, jump) ->
                ReplayPolicy.builder().windowBits(1 << log2).maxJumpAhead(jump).build());
  }

  private static Gen<List<Long>> arrivals() {
    Gen<Long> near = longs().between(0, 2_000).mix(longs().between(0, 20_000));
    Gen<Long> odd =
        longs().between(-3, 3).mix(longs().between(Long.MAX_VALUE - 3, Long.MAX_VALUE), 50);
    return lists().of(near.mix(odd, 3)).ofSizeBetween(0, 400);
  }

  /** No sequence number is ever accepted twice, whatever the order of arrival. */
  @Test
  void noSequenceNumberIsEverAcceptedTwice() {
    qt().forAll(policies(), arrivals())
        .checkAssert(
            (policy, seqs) -> {
              SequenceWindow window = SequenceWindow.create(policy);
              Set<Long> accepted = new HashSet<>();
              for (long seq : seqs) {
                if (window.commit(seq) == SequenceOutcome.ACCEPT) {
                  assertThat(accepted.add(seq)).as("accepted twice: %d", seq).isTrue();
                }
              }
            });
  }

  /**
   * The window answers every arrival exactly as an unbounded set of all accepted numbers would,
   * restricted to the last {@code windowBits} numbers below the top: so every number inside the
   * window that was not seen is accepted, every seen one is a duplicate, and every number behind
   * the window is too old.
   */
  @Test
  void everyUnseenNumberInsideTheWindowIsAcceptedAndTheWindowMatchesTheModel() {
    qt().forAll(policies(), arrivals())
        .checkAssert(
            (policy, seqs) -> {
              SequenceWindow window = SequenceWindow.create(policy);
              WindowModel model = new WindowModel(policy);
              for (long seq : seqs) {
                SequenceOutcome expected = model.expected(seq);
                assertThat(window.commit(seq)).as("seq %d", seq).isEqualTo(expected);
                if (expected == SequenceOutcome.ACCEPT) {
                  model.accept(seq);
                }
                assertThat(window.highestAccepted()).isEqualTo(model.top());
              }
              // Every number of the current window answers as the model says.
              long top = model.top();
              for (long d = -policy.windowBits() - 2; d <= 2; d++) {
                long s = top + d;
                boolean overflowed = d > 0 && s < top;
                if (s >= 0 && !overflowed) {
                  assertThat(window.check(s)).as("probe %d", s).isEqualTo(model.expected(s));
                }
              }
            });
  }

  /** A number behind the window is never accepted, even if it was never seen. */
  @Test
  void numbersBehindTheWindowAreNeverAccepted() {
    qt().forAll(policies(), arrivals(), longs().between(0, 10_000))
        .checkAssert(
            (policy, seqs, back) -> {
              SequenceWindow window = SequenceWindow.create(policy);
              seqs.forEach(s -> window.commit(s).hashCode());
              long top = window.highestAccepted();
              long behind = top - policy.windowBits() - back;
              if (top >= 0 && behind >= 0) {
                assertThat(window.check(behind)).isEqualTo(SequenceOutcome.TOO_OLD);
                assertThat(window.commit(behind)).isEqualTo(SequenceOutcome.TOO_OLD);
              }
            });
  }

  /**
   * A message never commits without its check: check changes nothing, and commit accepts exactly
   * what check accepts in the same state. So a host that commits only authenticated messages lets
   * no forged message mark a number or slide the window.
   */
  @Test
  void checkNeverChangesStateAndCommitAcceptsExactlyWhatCheckAccepts() {
    qt().forAll(policies(), arrivals(), arrivals())
        .checkAssert(
            (policy, committed, forged) -> {
              SequenceWindow window = SequenceWindow.create(policy);
              SequenceWindow twin = SequenceWindow.create(policy);
              List<Long> order = new ArrayList<>(committed);
              for (int i = 0; i < order.size(); i++) {
                long seq = order.get(i);
                if (i < forged.size()) {
                  window.check(forged.get(i)).hashCode(); // forged: checked, never committed
                }
                SequenceOutcome checked = window.check(seq);
                assertThat(window.commit(seq)).isEqualTo(checked);
                assertThat(twin.commit(seq)).isEqualTo(checked);
              }
              assertThat(window.highestAccepted()).isEqualTo(twin.highestAccepted());
            });
  }
}
