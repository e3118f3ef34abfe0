package dev.bulwark.ratelimit.internal;

import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.spi.StoreOperation;

/**
 * The generic cell rate algorithm over absolute theoretical arrival times (TATs), in integer
 * nanoseconds.
 *
 * <p>For a limit with refill interval {@code T} and burst window {@code tau = capacity * T}, a
 * key's state is its TAT: the time at which it would be full again. Its debt at time {@code now} is
 * {@code d = clamp(tat - now, 0, tau)}; {@code n} permits are granted iff {@code d + n*T <= tau},
 * and then the TAT becomes {@code now + d + n*T}. Everything is computed from differences, so the
 * ticker's absolute value (and its wrapping) never matters. Clamping the debt to {@code tau} means
 * a key can owe at most one full window, also after a policy shrinks.
 */
public final class Gcra {
  private Gcra() {}

  /** The debt of a key with TAT {@code tat} at {@code now} under burst window {@code tau}. */
  public static long debt(long tat, long now, long tau) {
    long d = tat - now;
    return d <= 0 ? 0 : Math.min(d, tau);
  }

  /**
   * Applies {@code operation} to the TATs in {@code tats} (one per limit, updated in place when the
   * state changes) and returns the decision. {@link StoreOperation#RESET} sets every TAT to {@code
   * now}.
   *
   * @return the decision; {@code tats} was changed iff the operation changes state
   */
  public static RateLimitDecision apply(
      RatePolicy policy, long[] tats, StoreOperation operation, int permits, long now) {
    int n = policy.limitCount();
    if (operation == StoreOperation.RESET) {
      java.util.Arrays.fill(tats, 0, n, now);
      return RateLimitDecision.allowed(policy.minCapacity(), 0);
    }
    boolean refund = operation == StoreOperation.REFUND;
    boolean allowed = true;
    long retryAfter = 0;
    for (int i = 0; i < n; i++) {
      long interval = policy.intervalNanos(i);
      long tau = policy.burstWindowNanos(i);
      long d = debt(tats[i], now, tau);
      long wanted = d + permits * interval;
      if (!refund && wanted > tau) {
        allowed = false;
        retryAfter = Math.max(retryAfter, wanted - tau);
      }
    }
    if (refund || (allowed && operation == StoreOperation.ACQUIRE)) {
      for (int i = 0; i < n; i++) {
        long interval = policy.intervalNanos(i);
        long d = debt(tats[i], now, policy.burstWindowNanos(i));
        long next = refund ? Math.max(d - permits * interval, 0) : d + permits * interval;
        tats[i] = now + next;
      }
      return summarize(policy, tats, now, true, 0);
    }
    if (allowed) {
      // CHECK: report the state the acquire would leave, without writing it.
      long remaining = Long.MAX_VALUE;
      long reset = 0;
      for (int i = 0; i < n; i++) {
        long interval = policy.intervalNanos(i);
        long tau = policy.burstWindowNanos(i);
        long next = debt(tats[i], now, tau) + permits * interval;
        remaining = Math.min(remaining, (tau - next) / interval);
        reset = Math.max(reset, next);
      }
      return RateLimitDecision.allowed(remaining, reset);
    }
    return summarize(policy, tats, now, false, retryAfter);
  }

  private static RateLimitDecision summarize(
      RatePolicy policy, long[] tats, long now, boolean allowed, long retryAfter) {
    long remaining = Long.MAX_VALUE;
    long reset = 0;
    for (int i = 0; i < policy.limitCount(); i++) {
      long tau = policy.burstWindowNanos(i);
      long d = debt(tats[i], now, tau);
      remaining = Math.min(remaining, (tau - d) / policy.intervalNanos(i));
      reset = Math.max(reset, d);
    }
    return allowed
        ? RateLimitDecision.allowed(remaining, reset)
        : RateLimitDecision.denied(remaining, retryAfter, reset);
  }
}
