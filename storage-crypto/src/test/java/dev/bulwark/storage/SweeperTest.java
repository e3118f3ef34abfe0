package dev.bulwark.storage;

import static dev.bulwark.storage.Fixture.ALICE;
import static dev.bulwark.storage.Fixture.OPERATOR;
import static dev.bulwark.storage.Fixture.SENDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SweeperTest {

  /** A real scheduler that also hands the scheduled task to the test, to run it on demand. */
  static final class CapturingScheduler extends ScheduledThreadPoolExecutor {
    Runnable task;
    long delayMillis;

    CapturingScheduler() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
        Runnable command, long initialDelay, long delay, TimeUnit unit) {
      task = command;
      delayMillis = unit.toMillis(delay);
      return super.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }
  }

  @Test
  void theScheduledSweeperDeletesExpiredRecordsAsTheOperator() {
    Fixture f = new Fixture();
    f.store.put(SENDER, ALICE, new byte[] {1}, Duration.ofSeconds(5));
    f.store.put(SENDER, ALICE, new byte[] {2}, Duration.ofHours(1));
    CapturingScheduler scheduler = new CapturingScheduler();
    try {
      ScheduledFuture<?> future =
          f.store.scheduleSweeper(scheduler, OPERATOR, Duration.ofMinutes(10));
      assertThat(scheduler.delayMillis).isEqualTo(600_000);
      f.clock.advance(Duration.ofSeconds(5));
      scheduler.task.run();
      assertThat(f.blobs.list(f.blobs.references().get(0), Long.MIN_VALUE, 10)).hasSize(1);
      assertThat(future.cancel(false)).isTrue();
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void onlyAnOperatorMayScheduleTheSweeperAndThePeriodIsBounded() {
    Fixture f = new Fixture();
    CapturingScheduler scheduler = new CapturingScheduler();
    try {
      assertThatThrownBy(() -> f.store.scheduleSweeper(scheduler, SENDER, Duration.ofMinutes(1)))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> f.store.scheduleSweeper(scheduler, OPERATOR, Duration.ofMillis(10)))
          .hasMessage("sweep period must be at least PT1S");
      assertThat(scheduler.task).isNull();
    } finally {
      scheduler.shutdownNow();
    }
  }
}
