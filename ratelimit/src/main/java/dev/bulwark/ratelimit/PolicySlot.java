package dev.bulwark.ratelimit;

import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import java.util.function.Supplier;

/** The current version of one named policy, shared by a registry and its limiters. */
final class PolicySlot {
  volatile RatePolicy policy;

  PolicySlot(RatePolicy policy) {
    this.policy = policy;
  }

  /** A local in-memory store for {@link FailureMode#LOCAL_FALLBACK}, made on first need. */
  static Supplier<RateLimitStore> lazyFallback(Ticker ticker) {
    return new Supplier<>() {
      private volatile RateLimitStore store;

      @Override
      public RateLimitStore get() {
        RateLimitStore s = store;
        if (s == null) {
          synchronized (this) {
            s = store;
            if (s == null) {
              store = s = MemoryRateLimitStore.builder().ticker(ticker).build();
            }
          }
        }
        return s;
      }
    };
  }
}
