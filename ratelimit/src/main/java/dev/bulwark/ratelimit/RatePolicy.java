package dev.bulwark.ratelimit;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A named set of limits that must all pass, with what to do when the store fails and whether keys
 * are hashed before they reach it.
 *
 * <p>All-or-nothing: a request is admitted only if every limit admits it, and a denied request
 * consumes from none of them. So "5 per minute and 100 per day" never lets a burst that fails the
 * daily limit drain the minute limit.
 *
 * <p>Instances are immutable and thread-safe. Defaults: {@link FailureMode#FAIL_CLOSED}, {@link
 * KeyPrivacy#none()}, a {@linkplain #localFallbackShare() local fallback share} of 1.
 */
public final class RatePolicy {

  /** The most limits one policy may hold. */
  public static final int MAX_LIMITS = 8;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final String name;
  private final List<RateLimit> limits;
  private final FailureMode failureMode;
  private final KeyPrivacy keyPrivacy;
  private final double localFallbackShare;
  private final RatePolicy localFallbackPolicy;
  // Flattened copies of the limits for the decision path: no list or boxing there.
  private final long[] intervalNanos;
  private final long[] burstWindowNanos;
  private final long maxBurstWindowNanos;
  private final int minCapacity;

  private RatePolicy(Builder b) {
    this.name = b.name;
    this.limits = List.copyOf(b.limits);
    this.failureMode = b.failureMode;
    this.keyPrivacy = b.keyPrivacy;
    this.localFallbackShare = b.localFallbackShare;
    int n = limits.size();
    this.intervalNanos = new long[n];
    this.burstWindowNanos = new long[n];
    long maxWindow = 0;
    int minCap = Integer.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      RateLimit limit = limits.get(i);
      intervalNanos[i] = limit.refillIntervalNanos();
      burstWindowNanos[i] = limit.burstWindowNanos();
      maxWindow = Math.max(maxWindow, burstWindowNanos[i]);
      minCap = Math.min(minCap, limit.capacity());
    }
    this.maxBurstWindowNanos = maxWindow;
    this.minCapacity = minCap;
    this.localFallbackPolicy = localFallbackShare == 1.0 ? this : shared(this, localFallbackShare);
  }

  /** The policy with every limit cut to {@code share}: one instance's part of the whole. */
  private static RatePolicy shared(RatePolicy whole, double share) {
    BigDecimal fraction = BigDecimal.valueOf(share);
    Builder b = whole.toBuilder().localFallbackShare(1.0);
    List<RateLimit> scaled = new ArrayList<>();
    for (RateLimit limit : whole.limits) {
      int capacity =
          Math.max(
              1,
              BigDecimal.valueOf(limit.capacity())
                  .multiply(fraction)
                  .setScale(0, RoundingMode.FLOOR)
                  .intValueExact());
      long interval =
          BigDecimal.valueOf(limit.refillIntervalNanos())
              .divide(fraction, 0, RoundingMode.CEILING)
              .longValueExact();
      // Rounding may push the burst window a few nanoseconds past the maximum: stay within it.
      interval = Math.min(interval, RateLimit.MAX_BURST_WINDOW.toNanos() / capacity);
      scaled.add(RateLimit.of(capacity, Duration.ofNanos(interval)));
    }
    return b.limits(scaled).build();
  }

  /** Returns a policy with one or more limits and the defaults for everything else. */
  public static RatePolicy of(String name, RateLimit limit, RateLimit... more) {
    Builder b = builder(name).limit(limit);
    for (RateLimit m : requireNonNull(more, "more")) {
      b.limit(m);
    }
    return b.build();
  }

  /**
   * Returns a builder for a policy called {@code name}: 1 to 64 characters of {@code a-z 0-9 . _
   * -}, starting with a letter or digit.
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Returns a builder holding this policy's settings, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.limits.addAll(limits);
    b.failureMode = failureMode;
    b.keyPrivacy = keyPrivacy;
    b.localFallbackShare = localFallbackShare;
    return b;
  }

  /** The policy's name, unique within a registry. */
  public String name() {
    return name;
  }

  /** The limits, all of which must admit a request; never empty. */
  public List<RateLimit> limits() {
    return limits;
  }

  /** The number of limits. */
  public int limitCount() {
    return intervalNanos.length;
  }

  /** The refill interval of limit {@code i}, in nanoseconds. */
  public long intervalNanos(int i) {
    return intervalNanos[i];
  }

  /** The burst window ({@code capacity * interval}) of limit {@code i}, in nanoseconds. */
  public long burstWindowNanos(int i) {
    return burstWindowNanos[i];
  }

  /** The longest burst window among the limits: after that long idle, every key is full. */
  public long maxBurstWindowNanos() {
    return maxBurstWindowNanos;
  }

  /** The smallest capacity among the limits: the most permits one request can ever take. */
  public int minCapacity() {
    return minCapacity;
  }

  /** What a limiter decides when the store fails. */
  public FailureMode failureMode() {
    return failureMode;
  }

  /** Whether and how keys are hashed before they reach the store. */
  public KeyPrivacy keyPrivacy() {
    return keyPrivacy;
  }

  /**
   * The share of each limit that one process enforces on its own under {@link
   * FailureMode#LOCAL_FALLBACK} while the store is down, in {@code (0, 1]}; 1 by default. With
   * {@code N} application servers behind a balancer, {@code 1/N} keeps the whole close to the
   * limit.
   */
  public double localFallbackShare() {
    return localFallbackShare;
  }

  /**
   * The policy a {@link FailureMode#LOCAL_FALLBACK} limiter enforces in-process: this one with each
   * limit cut to the {@linkplain #localFallbackShare() share}. A limit of capacity {@code c} and
   * interval {@code T} becomes capacity {@code max(1, floor(c * share))} and interval {@code ceil(T
   * / share)} nanoseconds (rounded so the part never exceeds the share, except that a capacity
   * never drops below 1). This policy itself when the share is 1.
   */
  public RatePolicy localFallbackPolicy() {
    return localFallbackPolicy;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RatePolicy)) {
      return false;
    }
    RatePolicy p = (RatePolicy) o;
    return name.equals(p.name)
        && limits.equals(p.limits)
        && failureMode == p.failureMode
        && keyPrivacy == p.keyPrivacy
        && Double.compare(localFallbackShare, p.localFallbackShare) == 0;
  }

  @Override
  public int hashCode() {
    return ((name.hashCode() * 31 + limits.hashCode()) * 31 + failureMode.hashCode()) * 31
        + Double.hashCode(localFallbackShare);
  }

  @Override
  public String toString() {
    return "RatePolicy["
        + name
        + ", "
        + limits
        + ", "
        + failureMode
        + (localFallbackShare == 1.0 ? "" : " (share " + localFallbackShare + ")")
        + ", "
        + keyPrivacy
        + "]";
  }

  /**
   * Builds a {@link RatePolicy}; every setter validates at once and {@link #build()} checks the
   * whole.
   */
  public static final class Builder {
    private final String name;
    private final List<RateLimit> limits = new ArrayList<>();
    private FailureMode failureMode = FailureMode.FAIL_CLOSED;
    private KeyPrivacy keyPrivacy = KeyPrivacy.none();
    private double localFallbackShare = 1.0;

    private Builder(String name) {
      requireNonNull(name, "name");
      requireArgument(
          NAME.matcher(name).matches(),
          "policy name must be 1 to 64 characters of a-z 0-9 . _ - starting with a letter or"
              + " digit");
      this.name = name;
    }

    /** Adds a limit that must pass. */
    @CanIgnoreReturnValue
    public Builder limit(RateLimit limit) {
      requireNonNull(limit, "limit");
      requireInRange("number of limits", limits.size() + 1, 1, MAX_LIMITS);
      limits.add(limit);
      return this;
    }

    /** Replaces the limits with {@code newLimits}. */
    @CanIgnoreReturnValue
    public Builder limits(List<RateLimit> newLimits) {
      requireNonNull(newLimits, "limits");
      requireInRange("number of limits", newLimits.size(), 1, MAX_LIMITS);
      for (RateLimit l : newLimits) {
        requireNonNull(l, "limit");
      }
      limits.clear();
      limits.addAll(newLimits);
      return this;
    }

    /**
     * Sets what a limiter decides when the store fails; {@link FailureMode#FAIL_CLOSED} by default.
     */
    @CanIgnoreReturnValue
    public Builder failureMode(FailureMode mode) {
      this.failureMode = requireNonNull(mode, "failureMode");
      return this;
    }

    /**
     * Sets whether keys are hashed before they reach the store; {@link KeyPrivacy#none()} by
     * default.
     */
    @CanIgnoreReturnValue
    public Builder keyPrivacy(KeyPrivacy privacy) {
      this.keyPrivacy = requireNonNull(privacy, "keyPrivacy");
      return this;
    }

    /**
     * Sets the share of each limit one process enforces under {@link FailureMode#LOCAL_FALLBACK},
     * in {@code (0, 1]}; 1 by default. See {@link RatePolicy#localFallbackPolicy()}.
     *
     * @throws IllegalArgumentException if {@code share} is not in {@code (0, 1]}
     */
    @CanIgnoreReturnValue
    public Builder localFallbackShare(double share) {
      requireArgument(
          share > 0 && share <= 1, "localFallbackShare must be in (0, 1], got %s", share);
      this.localFallbackShare = share;
      return this;
    }

    /**
     * Returns the policy.
     *
     * @throws IllegalArgumentException if no limit was added
     */
    public RatePolicy build() {
      requireArgument(!limits.isEmpty(), "policy '%s' needs at least one limit", name);
      return new RatePolicy(this);
    }
  }
}
