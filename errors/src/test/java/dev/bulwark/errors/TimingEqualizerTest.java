package dev.bulwark.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The equalizer releases results and exceptions at the floor, blocking or asynchronously. */
class TimingEqualizerTest {
  private static final long MS = 1_000_000;

  private final ManualTime time = new ManualTime();

  private TimingEqualizer fixed(long floorMillis) {
    return TimingEqualizer.builder()
        .fixedFloor(Duration.ofMillis(floorMillis))
        .ticker(time)
        .sleeper(time)
        .scheduler(time)
        .build();
  }

  @Test
  void aFastResultIsReleasedAtTheFloorAfterTheStart() {
    TimingEqualizer eq = fixed(100);
    long start = time.read();
    String result =
        eq.call(
            () -> {
              time.now.addAndGet(3 * MS);
              return "ok";
            });
    assertThat(result).isEqualTo("ok");
    assertThat(time.read() - start).isEqualTo(100 * MS);
    assertThat(time.sleptUntil).containsExactly(start + 100 * MS);
    assertThat(eq.overruns()).isZero();
  }

  @Test
  void anExceptionIsDelayedExactlyLikeAResult() {
    TimingEqualizer eq = fixed(100);
    long start = time.read();
    assertThatThrownBy(
            () ->
                eq.call(
                    () -> {
                      time.now.addAndGet(MS);
                      throw new IOException("unknown user");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("unknown user");
    assertThat(time.read() - start).isEqualTo(100 * MS);
    assertThatThrownBy(
            () ->
                eq.call(
                    () -> {
                      throw new IllegalStateException("bug");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(time.read() - start).isEqualTo(200 * MS);
  }

  @Test
  void workSlowerThanTheFloorIsReleasedAtOnceAndCountedAsAnOverrun() {
    TimingEqualizer eq = fixed(100);
    long start = time.read();
    int result =
        eq.call(
            () -> {
              time.now.addAndGet(150 * MS);
              return 1;
            });
    assertThat(result).isEqualTo(1);
    assertThat(time.read() - start).isEqualTo(150 * MS);
    assertThat(time.sleptUntil).isEmpty();
    assertThat(eq.overruns()).isEqualTo(1);
  }

  @Test
  void theAsyncFormCompletesAtTheDeadlineWithoutHoldingAThread() throws Exception {
    TimingEqualizer eq = fixed(100);
    CompletableFuture<String> work = new CompletableFuture<>();
    CompletableFuture<String> released = eq.callAsync(() -> work);
    time.advance(10 * MS);
    work.complete("ok");
    assertThat(released).isNotDone();
    assertThat(time.pending()).isEqualTo(1);
    time.advance(89 * MS);
    assertThat(released).isNotDone();
    time.advance(MS);
    assertThat(released.get()).isEqualTo("ok");
    assertThat(time.sleptUntil).isEmpty();
  }

  @Test
  void theAsyncFormDelaysAFailedStageAndAThrowingSupplier() {
    TimingEqualizer eq = fixed(50);
    CompletableFuture<String> failed =
        eq.callAsync(() -> CompletableFuture.failedFuture(new IOException("no such account")));
    CompletableFuture<String> thrown =
        eq.callAsync(
            () -> {
              throw new IllegalArgumentException("bad input");
            });
    time.advance(49 * MS);
    assertThat(failed).isNotDone();
    assertThat(thrown).isNotDone();
    time.advance(MS);
    assertThatThrownBy(failed::get)
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThatThrownBy(thrown::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theAsyncFormCompletesAtOnceWhenTheFloorIsAlreadyMet() {
    TimingEqualizer eq = fixed(50);
    CompletableFuture<Integer> work = new CompletableFuture<>();
    CompletableFuture<Integer> released = eq.callAsync(() -> work);
    time.now.addAndGet(60 * MS);
    work.complete(7);
    assertThat(released).isCompletedWithValue(7);
    assertThat(time.pending()).isZero();
    assertThat(eq.overruns()).isEqualTo(1);
  }

  @Test
  void aLearnedFloorStartsAtTheCapThenFollowsThePercentilePlusMargin() {
    TimingEqualizer eq =
        TimingEqualizer.builder()
            .learnedFloor(
                LearnedFloor.builder()
                    .percentile(0.9)
                    .margin(Duration.ofMillis(5))
                    .cap(Duration.ofMillis(500))
                    .windowSize(100)
                    .warmupSamples(100)
                    .build())
            .ticker(time)
            .sleeper(time)
            .scheduler(time)
            .build();
    assertThat(eq.floorNanos()).isEqualTo(500 * MS);
    for (int i = 1; i <= 100; i++) {
      long cost = i * MS;
      eq.call(() -> time.now.addAndGet(cost));
    }
    // p90 of 1..100 ms is 90 ms; plus the 5 ms margin.
    assertThat(eq.floorNanos()).isEqualTo(95 * MS);
    for (int i = 0; i < 100; i++) {
      eq.observe(Duration.ofSeconds(10));
    }
    assertThat(eq.floorNanos()).isEqualTo(500 * MS);
  }

  @Test
  void aLearnedFloorNeverGoesBelowItsMinimum() {
    TimingEqualizer eq =
        TimingEqualizer.builder()
            .learnedFloor(
                LearnedFloor.builder()
                    .minimum(Duration.ofMillis(20))
                    .margin(Duration.ZERO)
                    .windowSize(16)
                    .warmupSamples(16)
                    .build())
            .ticker(time)
            .sleeper(time)
            .build();
    for (int i = 0; i < 32; i++) {
      eq.observe(Duration.ofNanos(-5));
    }
    assertThat(eq.floorNanos()).isEqualTo(20 * MS);
  }

  @Test
  void misconfigurationIsRejectedWithTheRule() {
    assertThatThrownBy(() -> TimingEqualizer.builder().build())
        .hasMessage("set exactly one of fixedFloor and learnedFloor");
    assertThatThrownBy(
            () ->
                TimingEqualizer.builder()
                    .fixedFloor(Duration.ofMillis(1))
                    .learnedFloor(LearnedFloor.builder().build())
                    .build())
        .hasMessage("set exactly one of fixedFloor and learnedFloor");
    assertThatThrownBy(() -> TimingEqualizer.builder().fixedFloor(Duration.ofMinutes(2)))
        .hasMessageContaining("floor must be between 1 microsecond and 1 minute");
    assertThatThrownBy(() -> LearnedFloor.builder().percentile(0.3))
        .hasMessage("percentile must be between 0.5 and 0.9999, got 0.3");
    assertThatThrownBy(
            () ->
                LearnedFloor.builder()
                    .minimum(Duration.ofSeconds(3))
                    .cap(Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("minimum (3000000000 ns) must not exceed cap (1000000000 ns)");
    assertThatThrownBy(() -> LearnedFloor.builder().windowSize(16).warmupSamples(17).build())
        .hasMessage("warmupSamples (17) must not exceed windowSize (16)");
    assertThatThrownBy(() -> LearnedFloor.builder().margin(Duration.ofMillis(-1)))
        .hasMessageContaining("margin must be between 0 ns and 1 minute");
  }

  @Test
  void theSystemSleeperWaitsUntilTheDeadlineAndKeepsTheInterrupt() {
    // A ticker that moves 1 ms per read: the parking sleeper returns once it passes the deadline.
    long[] t = {0};
    Ticker stepping = () -> t[0] += MS;
    Thread.currentThread().interrupt();
    Sleeper.parking().sleepUntil(stepping, 5 * MS);
    assertThat(Thread.interrupted()).isTrue();
    assertThat(t[0]).isGreaterThanOrEqualTo(5 * MS);
  }

  @Test
  void theSharedSchedulerRunsATask() throws Exception {
    CompletableFuture<String> done = new CompletableFuture<>();
    DelayScheduler.shared().schedule(() -> done.complete("ran"), 0);
    assertThat(done.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("ran");
  }
}
