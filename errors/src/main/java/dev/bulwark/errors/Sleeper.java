package dev.bulwark.errors;

/**
 * Blocks the calling thread until a ticker reaches a deadline; what {@link TimingEqualizer}'s
 * blocking form uses to hold a response. Tests inject one that advances a manual ticker instead of
 * waiting. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Returns once {@code ticker.read() - deadline >= 0}. The default never returns early: if the
   * thread is interrupted it keeps waiting and restores the interrupt status before returning, so
   * an interrupt cannot shorten a padded response.
   */
  void sleepUntil(Ticker ticker, long deadline);

  /**
   * Returns the sleeper that parks the thread with {@link java.util.concurrent.locks.LockSupport}.
   */
  static Sleeper parking() {
    return SystemTime.INSTANCE;
  }
}
