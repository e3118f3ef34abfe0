package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireNonNull;

import dev.bulwark.messageid.internal.RingWindow;
import java.util.concurrent.locks.StampedLock;

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
 * <p><b>Memory.</b> {@code W/64 + 1} longs (136 bytes for 1024 bits), a lock and two headers.
 *
 * <p>This class is thread-safe. {@code commit} holds a write lock for a few dozen instructions;
 * {@code check} is an optimistic read that takes no lock unless a commit races with it.
 * For many scopes, use a {@link MessageGuard} over a {@link dev.bulwark.messageid.spi.ReplayStore}.
 */
public final class SequenceWindow {
  private final RingWindow ring;
  private final long maxJumpAhead;
  private final int windowBits;
  private final StampedLock lock = new StampedLock();

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
    long stamp = lock.tryOptimisticRead();
    if (stamp != 0) {
      SequenceOutcome outcome = ring.check(sequence, maxJumpAhead);
      if (lock.validate(stamp)) {
        return outcome;
      }
    }
    stamp = lock.readLock();
    try {
      return ring.check(sequence, maxJumpAhead);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Atomically accepts {@code sequence} if {@link #check} would, marking it seen; else no change. */
  public SequenceOutcome commit(long sequence) {
    long stamp = lock.writeLock();
    try {
      return ring.commit(sequence, maxJumpAhead, windowBits);
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** The highest accepted number, or -1 if none. */
  public long highestAccepted() {
    long stamp = lock.readLock();
    try {
      return ring.top();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  @Override
  public String toString() {
    return "SequenceWindow[highestAccepted=" + highestAccepted() + "]";
  }
}
