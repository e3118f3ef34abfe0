package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireArgument;
import static dev.bulwark.messageid.internal.Checks.requireInRange;
import static dev.bulwark.messageid.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The rules a {@link MessageGuard} and a {@link dev.bulwark.messageid.spi.ReplayStore} apply: the
 * dedup mode, the replay window, and the client-timestamp bounds.
 *
 * <p><b>Timestamps.</b> A client timestamp {@code t} (Unix milliseconds) is accepted at server time
 * {@code now} iff {@code now - maxPast <= t <= now + maxFuture}, and, per scope, {@code t >= newest
 * - reorderTolerance} where {@code newest} is the latest timestamp accepted in the scope. Defaults:
 * maxPast 24 h (1 s to 30 days), maxFuture 60 s (0 to 5 min: a larger future skew would let a
 * client pre-date messages), reorderTolerance 5 min (0 to maxPast).
 *
 * <p><b>Why dedup memory is bounded.</b> A message whose timestamp is {@code t} can only be
 * accepted while {@code now <= t + maxPast}; so an ID needs remembering only until {@code t +
 * maxPast}, at most {@link #retention()} = maxPast + maxFuture after it arrived. A seen-set that
 * forgets IDs then holds at most (accepted messages per second) x retention entries, whatever the
 * history. This relies on the timestamp being covered by the message's authentication: a replay
 * with a rewritten timestamp is otherwise a new message.
 *
 * <p><b>Window.</b> {@code windowBits} is a power of two from 64 to 8192 (1024 by default): numbers
 * in {@code (top - windowBits, top]} are tracked exactly, numbers behind are {@link
 * SequenceOutcome#TOO_OLD}. A number more than {@code maxJumpAhead} (1 to 2<sup>40</sup>, 65,536 by
 * default) above the top is {@link SequenceOutcome#TOO_FAR_AHEAD}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ReplayPolicy {
  /** The smallest window. */
  public static final int MIN_WINDOW_BITS = 64;

  /** The largest window. */
  public static final int MAX_WINDOW_BITS = 8192;

  /** The largest accepted future skew. */
  public static final Duration MAX_FUTURE_CAP = Duration.ofMinutes(5);

  private static final ReplayPolicy DEFAULTS = builder().build();

  private final DedupMode dedupMode;
  private final int windowBits;
  private final long maxJumpAhead;
  private final long maxPastMillis;
  private final long maxFutureMillis;
  private final long reorderToleranceMillis;

  private ReplayPolicy(Builder b) {
    this.dedupMode = b.dedupMode;
    this.windowBits = b.windowBits;
    this.maxJumpAhead = b.maxJumpAhead;
    this.maxPastMillis = b.maxPast.toMillis();
    this.maxFutureMillis = b.maxFuture.toMillis();
    this.reorderToleranceMillis = b.reorderTolerance.toMillis();
  }

  /** The defaults: sequence mode, 1024-bit window, 24 h past, 60 s future, 5 min reordering. */
  public static ReplayPolicy defaults() {
    return DEFAULTS;
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this policy's settings. */
  public Builder toBuilder() {
    return new Builder()
        .dedupMode(dedupMode)
        .windowBits(windowBits)
        .maxJumpAhead(maxJumpAhead)
        .maxPast(maxPast())
        .maxFuture(maxFuture())
        .reorderTolerance(reorderTolerance());
  }

  /** How replays are recognized. */
  public DedupMode dedupMode() {
    return dedupMode;
  }

  /** The window size in bits. */
  public int windowBits() {
    return windowBits;
  }

  /** The largest accepted distance above the highest accepted sequence number. */
  public long maxJumpAhead() {
    return maxJumpAhead;
  }

  /** How old a client timestamp may be. */
  public Duration maxPast() {
    return Duration.ofMillis(maxPastMillis);
  }

  /** How far ahead of the server a client timestamp may be. */
  public Duration maxFuture() {
    return Duration.ofMillis(maxFutureMillis);
  }

  /** How far behind the newest accepted timestamp of its scope a client timestamp may be. */
  public Duration reorderTolerance() {
    return Duration.ofMillis(reorderToleranceMillis);
  }

  /** How long an accepted message can matter: maxPast + maxFuture. */
  public Duration retention() {
    return Duration.ofMillis(maxPastMillis + maxFutureMillis);
  }

  /** {@link #reorderTolerance()} in milliseconds. */
  public long reorderToleranceMillis() {
    return reorderToleranceMillis;
  }

  /** {@link #retention()} in milliseconds. */
  public long retentionMillis() {
    return maxPastMillis + maxFutureMillis;
  }

  /**
   * Checks a client timestamp against the bounds at server time {@code nowMillis}; never {@link
   * TimestampOutcome#OUT_OF_ORDER}. Any {@code long} is accepted as input, without overflow.
   */
  public TimestampOutcome checkTimestamp(long clientMillis, long nowMillis) {
    if (clientMillis < saturatedAdd(nowMillis, -maxPastMillis)) {
      return TimestampOutcome.TOO_OLD;
    }
    if (clientMillis > saturatedAdd(nowMillis, maxFutureMillis)) {
      return TimestampOutcome.FROM_FUTURE;
    }
    return TimestampOutcome.ACCEPT;
  }

  /**
   * Whether {@code clientMillis} is out of order behind {@code newestMillis}, the newest timestamp
   * accepted in its scope ({@link Long#MIN_VALUE} if none).
   */
  public boolean isOutOfOrder(long clientMillis, long newestMillis) {
    return clientMillis < saturatedAdd(newestMillis, -reorderToleranceMillis);
  }

  /**
   * The first instant (Unix milliseconds) at which a message stamped {@code clientMillis} is {@link
   * TimestampOutcome#TOO_OLD}, and so the instant after which its ID may be forgotten.
   */
  public long forgetAfterMillis(long clientMillis) {
    return saturatedAdd(saturatedAdd(clientMillis, maxPastMillis), 1);
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    // Overflow iff both operands have the same sign and the result's sign differs.
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ReplayPolicy)) {
      return false;
    }
    ReplayPolicy p = (ReplayPolicy) o;
    return dedupMode == p.dedupMode
        && windowBits == p.windowBits
        && maxJumpAhead == p.maxJumpAhead
        && maxPastMillis == p.maxPastMillis
        && maxFutureMillis == p.maxFutureMillis
        && reorderToleranceMillis == p.reorderToleranceMillis;
  }

  @Override
  public int hashCode() {
    int h = dedupMode.hashCode();
    h = 31 * h + windowBits;
    h = 31 * h + Long.hashCode(maxJumpAhead);
    h = 31 * h + Long.hashCode(maxPastMillis);
    h = 31 * h + Long.hashCode(maxFutureMillis);
    return 31 * h + Long.hashCode(reorderToleranceMillis);
  }

  @Override
  public String toString() {
    return "ReplayPolicy["
        + dedupMode
        + ", windowBits="
        + windowBits
        + ", maxJumpAhead="
        + maxJumpAhead
        + ", maxPast="
        + maxPast()
        + ", maxFuture="
        + maxFuture()
        + ", reorderTolerance="
        + reorderTolerance()
        + "]";
  }

  /** Builds a {@link ReplayPolicy}; every setter validates its argument at once. */
  public static final class Builder {
    private DedupMode dedupMode = DedupMode.SEQUENCE;
    private int windowBits = 1024;
    private long maxJumpAhead = 1 << 16;
    private Duration maxPast = Duration.ofHours(24);
    private Duration maxFuture = Duration.ofSeconds(60);
    private Duration reorderTolerance = Duration.ofMinutes(5);

    private Builder() {}

    /** Sets how replays are recognized; {@link DedupMode#SEQUENCE} by default. */
    @CanIgnoreReturnValue
    public Builder dedupMode(DedupMode mode) {
      this.dedupMode = requireNonNull(mode, "dedupMode");
      return this;
    }

    /** Sets the window size: a power of two from 64 to 8192 bits; 1024 by default. */
    @CanIgnoreReturnValue
    public Builder windowBits(int bits) {
      requireInRange("windowBits", bits, MIN_WINDOW_BITS, MAX_WINDOW_BITS);
      requireArgument(
          Integer.bitCount(bits) == 1, "windowBits must be a power of two, got %d", bits);
      this.windowBits = bits;
      return this;
    }

    /** Sets the jump limit, from 1 to 2<sup>40</sup>; 65,536 by default. */
    @CanIgnoreReturnValue
    public Builder maxJumpAhead(long jump) {
      this.maxJumpAhead = requireInRange("maxJumpAhead", jump, 1, 1L << 40);
      return this;
    }

    /** Sets how old a client timestamp may be, from 1 s to 30 days in whole ms; 24 h by default. */
    @CanIgnoreReturnValue
    public Builder maxPast(Duration maxPast) {
      this.maxPast = wholeMillis("maxPast", maxPast, Duration.ofSeconds(1), Duration.ofDays(30));
      return this;
    }

    /** Sets the future skew, from 0 to 5 min in whole ms; 60 s by default. */
    @CanIgnoreReturnValue
    public Builder maxFuture(Duration maxFuture) {
      this.maxFuture = wholeMillis("maxFuture", maxFuture, Duration.ZERO, MAX_FUTURE_CAP);
      return this;
    }

    /** Sets the reorder tolerance, from 0 to maxPast in whole ms; 5 min by default. */
    @CanIgnoreReturnValue
    public Builder reorderTolerance(Duration tolerance) {
      this.reorderTolerance =
          wholeMillis("reorderTolerance", tolerance, Duration.ZERO, Duration.ofDays(30));
      return this;
    }

    private static Duration wholeMillis(String name, Duration d, Duration min, Duration max) {
      requireInRange(name, d, min, max);
      requireArgument(
          d.toNanos() % 1_000_000 == 0, "%s must be whole milliseconds, got %s", name, d);
      return d;
    }

    /**
     * Returns the policy.
     *
     * @throws IllegalArgumentException if reorderTolerance exceeds maxPast
     */
    public ReplayPolicy build() {
      requireArgument(
          reorderTolerance.compareTo(maxPast) <= 0,
          "reorderTolerance must not exceed maxPast (%s), got %s",
          maxPast,
          reorderTolerance);
      return new ReplayPolicy(this);
    }
  }
}
