package dev.bulwark.errors;

/**
 * Runs a task after a delay without holding a thread while it waits; what {@link TimingEqualizer}'s
 * asynchronous form uses to complete a future at its deadline. Tests inject a manual scheduler.
 * Implementations must be thread-safe and must run every task exactly once.
 */
@FunctionalInterface
public interface DelayScheduler {

  /** Runs {@code task} once, no earlier than {@code delayNanos} from now ({@code <= 0}: soon). */
  void schedule(Runnable task, long delayNanos);

  /**
   * Returns the shared default: one daemon thread of a {@link
   * java.util.concurrent.ScheduledThreadPoolExecutor}, created on first use. Tasks must be short
   * (completing a future); the completion's dependent stages run on that thread unless the caller
   * attaches them with an {@code ...Async} method and its own executor.
   */
  static DelayScheduler shared() {
    return SystemTime.SharedScheduler.INSTANCE;
  }
}
