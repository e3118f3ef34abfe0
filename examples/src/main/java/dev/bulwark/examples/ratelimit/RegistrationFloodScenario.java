package dev.bulwark.examples.ratelimit;

import dev.bulwark.examples.Scenario;
import dev.bulwark.ratelimit.PolicyPresets;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.RateLimiterRegistry;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.Ticker;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One IPv4 address and one IPv6 /64 (rotating through its addresses) each try to register 100 times
 * in 10 simulated seconds against the {@code registration} preset (6 in a burst, one more every 30
 * s), keyed by source address.
 */
public final class RegistrationFloodScenario implements Scenario {
  private static final int ATTEMPTS = 100;
  private static final long SPAN_NANOS = 10_000_000_000L;

  @Override
  public String title() {
    return "Registration flood from one IPv4 address and one rotating IPv6 /64";
  }

  @Override
  public boolean run(PrintStream out) {
    AtomicLong clock = new AtomicLong();
    Ticker ticker = clock::get;
    RatePolicy policy = PolicyPresets.registration();
    RateLimiterRegistry registry =
        RateLimiterRegistry.builder().ticker(ticker).policy(policy).build();
    RateLimiter limiter = registry.limiter(policy.name());

    out.printf(
        Locale.ROOT,
        "policy %s: %s; %d attempts per source over %d simulated seconds%n%n",
        policy.name(),
        policy.limits(),
        ATTEMPTS,
        SPAN_NANOS / 1_000_000_000L);
    out.printf(
        Locale.ROOT, "%-34s %9s %7s %19s%n", "source", "admitted", "denied", "last retry-after");

    long[] v4 = flood(limiter, clock, i -> "203.0.113.77");
    long[] v6 =
        flood(
            limiter,
            clock,
            i -> String.format(Locale.ROOT, "2001:db8:1:2:%x:%x::%x", i, i * 7, i * 13));
    row(out, "IPv4 203.0.113.77", v4);
    row(out, "IPv6 2001:db8:1:2::/64, 100 addrs", v6);

    // GCRA: a burst of 6, and no permit comes back within 10 s at one per 30 s.
    long bound = policy.limits().get(0).capacity() + SPAN_NANOS / policy.intervalNanos(0);
    out.printf(
        Locale.ROOT,
        "%nbound per source: %d admitted in %d s%n",
        bound,
        SPAN_NANOS / 1_000_000_000L);
    return v4[0] <= bound && v6[0] <= bound && v4[0] > 0 && v6[0] > 0;
  }

  private static long[] flood(
      RateLimiter limiter, AtomicLong clock, java.util.function.IntFunction<String> address) {
    long start = clock.get();
    long admitted = 0;
    long denied = 0;
    long lastRetrySeconds = 0;
    for (int i = 0; i < ATTEMPTS; i++) {
      clock.set(start + SPAN_NANOS * i / ATTEMPTS);
      RateLimitDecision d = limiter.tryAcquire(RateLimitKey.ip(address.apply(i)), 1);
      if (d.isAllowed()) {
        admitted++;
      } else {
        denied++;
        lastRetrySeconds = d.retryAfterSeconds();
      }
    }
    clock.set(start + SPAN_NANOS);
    return new long[] {admitted, denied, lastRetrySeconds};
  }

  private static void row(PrintStream out, String source, long[] r) {
    out.printf(Locale.ROOT, "%-34s %9d %7d %18ds%n", source, r[0], r[1], r[2]);
  }
}
