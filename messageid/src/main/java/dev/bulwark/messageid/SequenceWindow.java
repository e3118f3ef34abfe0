package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireNonNull;

import dev.bulwark.messageid.internal.RingWindow;

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
 * <p><b>Memory.</b> {@code W/64 + 1} longs (136 bytes for 1024 bits) plus two small headers.
 *
 * <p>This class is thread-safe: each call holds the window's lock for a few dozen instructions.
 * For many scopes, use a {@link MessageGuard} over a {@link dev.bulwark.messageid.spi.ReplayStore}.
 */
public final class SequenceWindow {
  private final RingWindow ring;

  private SequenceWindow(ReplayPolicy policy) {
    this.ring = new RingWindow(policy.windowBits(), policy.maxJumpAhead());
  }

  /** Returns an empty window with the policy's size and jump limit. */
  public static SequenceWindow create(ReplayPolicy policy) {
    return new SequenceWindow(requireNonNull(policy, "policy"));
  }

  /** What {@link #commit} would answer now; never changes the window. */
  public synchronized SequenceOutcome check(long sequence) {
    return ring.check(sequence);
  }

  /** Atomically accepts {@code sequence} if {@link #check} would, marking it seen; else no change. */
  public synchronized SequenceOutcome commit(long sequence) {
    return ring.commit(sequence);
  }

  /** The highest accepted number, or -1 if none. */
  public synchronized long highestAccepted() {
    return ring.top();
  }

  @Override
  public String toString() {
    return "SequenceWindow[highestAccepted=" + highestAccepted() + "]";
  }
}
