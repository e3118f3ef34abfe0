package dev.bulwark.ratelimit.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.bulwark.ratelimit.internal.SpaceSaving;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Space-Saving sketch behind {@link AbuseMonitor}, checked against an exact reference model (a
 * map of true counts) over random streams: these bounds are what the monitor's recall and memory
 * guarantees rest on.
 *
 * <p>Streams draw from 1 to 60 keys into sketches of 1 to 12 counters, so evictions are frequent.
 */
class SpaceSavingProperties {

  private static void replay(int capacity, List<Integer> stream, Checker checker) {
    SpaceSaving<Integer> sketch = new SpaceSaving<>(capacity);
    Map<Integer, Long> exact = new HashMap<>();
    for (int key : stream) {
      long estimate = sketch.add(key, 1);
      assertThat(estimate).isEqualTo(sketch.estimate(key));
      exact.merge(key, 1L, Long::sum);
    }
    checker.check(sketch, exact, stream.size());
  }

  /** What a property asserts once the stream is replayed. */
  private interface Checker {
    void check(SpaceSaving<Integer> sketch, Map<Integer, Long> exact, long total);
  }

  /** Memory is bounded: the sketch never holds more keys than its capacity. */
  @Test
  void theSketchNeverHoldsMoreKeysThanItsCapacity() {
    qt().forAll(
            integers().between(1, 12), lists().of(integers().between(0, 59)).ofSizeBetween(0, 400))
        .checkAssert(
            (capacity, stream) ->
                replay(
                    capacity,
                    stream,
                    (sketch, exact, total) -> {
                      assertThat(sketch.size()).isLessThanOrEqualTo(capacity);
                      assertThat(sketch.size()).isLessThanOrEqualTo(exact.size());
                      assertThat(sketch.total()).isEqualTo(total);
                    }));
  }

  /**
   * A tracked key's estimate never undercounts it and overcounts it by at most its recorded error,
   * which is at most total / capacity.
   */
  @Test
  void aTrackedKeysEstimateLiesBetweenItsTrueCountAndItsTrueCountPlusTotalOverCapacity() {
    qt().forAll(
            integers().between(1, 12), lists().of(integers().between(0, 59)).ofSizeBetween(1, 400))
        .checkAssert(
            (capacity, stream) ->
                replay(
                    capacity,
                    stream,
                    (sketch, exact, total) ->
                        sketch.forEach(
                            (key, estimate) -> {
                              long truth = exact.get(key);
                              assertThat(estimate).isGreaterThanOrEqualTo(truth);
                              assertThat(estimate - sketch.error(key)).isLessThanOrEqualTo(truth);
                              assertThat(sketch.error(key)).isLessThanOrEqualTo(total / capacity);
                            })));
  }

  /**
   * No heavy hitter is missed: every key whose true count exceeds total / capacity is tracked, and
   * no untracked key has a true count above the smallest tracked count.
   */
  @Test
  void everyKeyAboveTotalOverCapacityIsTrackedAndNoUntrackedKeyOutweighsTheSmallestCounter() {
    qt().forAll(
            integers().between(1, 12), lists().of(integers().between(0, 59)).ofSizeBetween(1, 400))
        .checkAssert(
            (capacity, stream) ->
                replay(
                    capacity,
                    stream,
                    (sketch, exact, total) ->
                        exact.forEach(
                            (key, truth) -> {
                              if (truth * capacity > total) {
                                assertThat(sketch.estimate(key)).isPositive();
                              }
                              if (sketch.estimate(key) == 0) {
                                assertThat(truth).isLessThanOrEqualTo(sketch.minCount());
                              }
                            })));
  }
}
