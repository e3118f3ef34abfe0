package dev.bulwark.benchmarks.errors;

import dev.bulwark.errors.InternalReason;
import dev.bulwark.errors.LearnedFloor;
import dev.bulwark.errors.OpaqueErrors;
import dev.bulwark.errors.OutcomeTable;
import dev.bulwark.errors.PublicOutcome;
import dev.bulwark.errors.PublicResponse;
import dev.bulwark.errors.Surface;
import dev.bulwark.errors.TimingEqualizer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.helpers.NOPLogger;

/**
 * The cost of the opaque-error path on top of the work it wraps, in one run:
 *
 * <ul>
 *   <li>{@code mappingOnly}: {@link OutcomeTable#outcomeFor}, against {@code baselineEnumMap}, a
 *       plain {@link EnumMap} lookup;
 *   <li>{@code equalizedMappingFixedFloor}: the mapping inside {@link TimingEqualizer#call} with a
 *       fixed 1 microsecond floor that is already met: its ticker reads {@link System#nanoTime()}
 *       and adds 2 microseconds per read, so every call pays the real clock reads and the
 *       bookkeeping but never waits;
 *   <li>{@code equalizedMappingLearnedFloor}: the same with a learned floor (p99 of a 1,024-entry
 *       window, which adds a short lock and, every 64 calls, a sort of the window);
 *   <li>{@code fullResponse}: {@link OpaqueErrors#respond} with a no-op logger, which also draws a
 *       128-bit correlation ID from {@code SecureRandom} and builds the header map.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class OpaqueErrorsBenchmark {
  private static final long STEP_NANOS = 2_000;

  private OutcomeTable table;
  private Map<InternalReason, PublicOutcome> enumMap;
  private TimingEqualizer fixed;
  private TimingEqualizer learned;
  private long skew;
  private OpaqueErrors errors;
  private InternalReason[] reasons;
  private int next;

  @Setup
  public void setUp() {
    table = OutcomeTable.defaults(Surface.LOGIN);
    enumMap = new EnumMap<>(InternalReason.class);
    for (InternalReason r : InternalReason.values()) {
      enumMap.put(r, table.outcomeFor(r));
    }
    fixed =
        TimingEqualizer.builder()
            .fixedFloor(Duration.ofNanos(1_000))
            .ticker(() -> System.nanoTime() + (skew += STEP_NANOS))
            .build();
    learned =
        TimingEqualizer.builder()
            .learnedFloor(
                LearnedFloor.builder()
                    .margin(Duration.ZERO)
                    .minimum(Duration.ofNanos(1_000))
                    .cap(Duration.ofNanos(1_000))
                    .build())
            .ticker(() -> System.nanoTime() + (skew += STEP_NANOS))
            .build();
    errors = OpaqueErrors.builder().table(table).logger(NOPLogger.NOP_LOGGER).build();
    reasons = InternalReason.values();
  }

  private InternalReason nextReason() {
    next = (next + 1) & 7;
    return reasons[next];
  }

  @Benchmark
  public PublicOutcome mappingOnly() {
    return table.outcomeFor(nextReason());
  }

  @Benchmark
  public PublicOutcome baselineEnumMap() {
    return enumMap.get(nextReason());
  }

  @Benchmark
  public PublicOutcome equalizedMappingFixedFloor() {
    return fixed.call(() -> table.outcomeFor(nextReason()));
  }

  @Benchmark
  public PublicOutcome equalizedMappingLearnedFloor() {
    return learned.call(() -> table.outcomeFor(nextReason()));
  }

  @Benchmark
  public PublicResponse fullResponse() {
    return errors.respond(Surface.LOGIN, nextReason(), "benchmark");
  }
}
