package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireNonNull;

import dev.bulwark.messageid.internal.RingWindow;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An RFC 6479 anti-replay window for one scope, in two steps: {@link #check} before the host
 * authenticates a message, {@link #commit} after.
 *
 * <p><b>Why two steps.</b> {@code check} changes nothing, so a forged message that fails
 * authentication can neither mark a number as seen nor slide the window forward. {@code commit}
 * repeats the whole check and marks the number in one atomic step; it accepts exactly what {@code
 * check} would accept in the same state, so skipping {@code check} weakens nothing, and a number
 * accepted by a concurrent commit in between is reported as {@link SequenceOutcome#DUPLICATE}.
 *
 * <p><b>Semantics</b> ({@code W} = {@link ReplayPolicy#windowBits()}, {@code top} = the highest
 * accepted number): a negative number is {@link SequenceOutcome#INVALID}; a number {@code <= top -
 * W} is {@link SequenceOutcome#TOO_OLD}; a number in {@code (top - W, top]} is accepted once, then
 * {@link SequenceOutcome#DUPLICATE}; a number above {@code top} is accepted unless it exceeds
 * {@code top + maxJumpAhead} ({@link SequenceOutcome#TOO_FAR_AHEAD}). A fresh window accepts any
 * non-negative first number. Rejections leave the window unchanged.
 *
 * <p><b>Memory.</b> {@code W/64 + 1} longs (136 bytes for 1024 bits) and two small objects.
 *
 * <p><b>Concurrency.</b> This class is thread-safe, with a sequence lock: {@code commit} makes a
 * version counter odd with one compare-and-set, updates the ring (a few dozen instructions) and
 * publishes the next even version with a release store; {@code check} reads the version, reads the
 * ring without locking and retries if the version moved, so it never blocks a commit and a racing
 * commit can only make it retry. Committers of one window spin briefly, then yield. For many
 * scopes, use a {@link MessageGuard} over a {@link dev.bulwark.messageid.spi.ReplayStore}.
 */
public final class SequenceWindow {
  private final RingWindow ring;
  private final long maxJumpAhead;
  private final int windowBits;

  /** A sequence lock: even when free, odd while a commit is writing. */
  private volatile long version;

  private static final VarHandle VERSION;

  static {
    try {
      VERSION = MethodHandles.lookup().findVarHandle(SequenceWindow.class, "version", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private SequenceWindow(ReplayPolicy policy) {
    this.ring = new RingWindow(policy.windowBits());
    this.maxJumpAhead = policy.maxJumpAhead();
    this.windowBits = policy.windowBits();
  }

  /** Returns an empty window with the policy's size and jump limit. */
  public static SequenceWindow create(ReplayPolicy policy) {
    return new SequenceWindow(requireNonNull(policy, "policy"));
  }

  /** What {@link #commit} would answer now; never changes the window. */
  public SequenceOutcome check(long sequence) {
    for (int spins = 0; ; spins++) {
      long before = (long) VERSION.getAcquire(this);
      if ((before & 1) == 0) {
        SequenceOutcome outcome = ring.check(sequence, maxJumpAhead);
        VarHandle.acquireFence(); // the reads above complete before the version is read again
        if ((long) VERSION.getOpaque(this) == before) {
          return outcome;
        }
      }
      backOff(spins);
    }
  }

  /**
   * Atomically accepts {@code sequence} if {@link #check} would, marking it seen; else no change.
   */
  public SequenceOutcome commit(long sequence) {
    long locked = lock();
    try {
      return ring.commit(sequence, maxJumpAhead, windowBits);
    } finally {
      VERSION.setRelease(this, locked + 1);
    }
  }

  /** The highest accepted number, or -1 if none. */
  public long highestAccepted() {
    long locked = lock();
    try {
      return ring.top();
    } finally {
      VERSION.setRelease(this, locked + 1);
    }
  }

  /** Makes the version odd; returns it. */
  private long lock() {
    for (int spins = 0; ; spins++) {
      long v = (long) VERSION.getAcquire(this);
      if ((v & 1) == 0 && VERSION.compareAndSet(this, v, v + 1)) {
        VarHandle.releaseFence(); // the window's writes stay after the version turned odd
        return v + 1;
      }
      backOff(spins);
    }
  }

  private static void backOff(int spins) {
    if (spins < 64) {
      Thread.onSpinWait();
    } else {
      Thread.yield();
    }
  }

  @Override
  public String toString() {
    return "SequenceWindow[highestAccepted=" + highestAccepted() + "]";
  }
}
