package dev.bulwark.messageid.internal;

import dev.bulwark.messageid.SequenceOutcome;
import java.util.Arrays;

/**
 * An RFC 6479 anti-replay window over non-negative sequence numbers: a ring of 64-bit blocks in
 * which the window slides by moving the ring's head and clearing the blocks it enters, never by
 * shifting bits.
 *
 * <p>For a window of {@code W} bits (a power of two, 64 to 8192) the ring holds {@code W/64 + 1}
 * blocks, so the <em>whole</em> range {@code [top - W + 1, top]} is tracked exactly, whatever
 * {@code top}'s position inside its block (RFC 6479 with one spare block). Slots are found from
 * the distance in blocks to the head, so no division is needed even though the block count is not
 * a power of two.
 *
 * <p>Not thread-safe: callers hold a lock. A fresh window has seen nothing; its first accepted
 * number becomes the top whatever its size, and later numbers are measured against that top.
 */
public final class RingWindow {
  private final int windowBits;
  private final long maxJumpAhead;
  private final long[] blocks;
  private long top = -1;
  private int topSlot;

  /**
   * Creates an empty window. Arguments are validated by the caller's policy.
   *
   * @param windowBits a power of two from 64 to 8192
   * @param maxJumpAhead the largest accepted {@code seq - top}, at least 1
   */
  public RingWindow(int windowBits, long maxJumpAhead) {
    this.windowBits = windowBits;
    this.maxJumpAhead = maxJumpAhead;
    this.blocks = new long[(windowBits >>> 6) + 1];
  }

  /** The highest number accepted so far, or -1 if none. */
  public long top() {
    return top;
  }

  /** What {@link #commit} would answer now, without changing anything. */
  public SequenceOutcome check(long seq) {
    if (seq < 0) {
      return SequenceOutcome.INVALID;
    }
    if (seq > top) {
      // top >= 0 here, so seq - top cannot overflow. A fresh window takes any first number.
      boolean tooFar = top >= 0 && seq - top > maxJumpAhead;
      return tooFar ? SequenceOutcome.TOO_FAR_AHEAD : SequenceOutcome.ACCEPT;
    }
    if (seq <= top - windowBits) {
      return SequenceOutcome.TOO_OLD;
    }
    return (blocks[slotOf(seq)] & bit(seq)) != 0 ? SequenceOutcome.DUPLICATE : SequenceOutcome.ACCEPT;
  }

  /**
   * Marks {@code seq} as seen if {@link #check} accepts it, sliding the window forward if it is
   * ahead; otherwise changes nothing. Returns the same code {@link #check} would have.
   */
  public SequenceOutcome commit(long seq) {
    SequenceOutcome verdict = check(seq);
    if (verdict != SequenceOutcome.ACCEPT) {
      return verdict;
    }
    if (seq > top) {
      advanceTo(seq);
    }
    blocks[slotOf(seq)] |= bit(seq);
    return SequenceOutcome.ACCEPT;
  }

  /** Moves the head to {@code seq}'s block, clearing every block the ring enters. */
  private void advanceTo(long seq) {
    long newBlock = seq >>> 6;
    long distance = top < 0 ? Long.MAX_VALUE : newBlock - (top >>> 6);
    int n = blocks.length;
    if (distance >= n) {
      Arrays.fill(blocks, 0L);
      topSlot = 0;
    } else {
      for (long i = 0; i < distance; i++) {
        topSlot = topSlot + 1 == n ? 0 : topSlot + 1;
        blocks[topSlot] = 0L;
      }
    }
    top = seq;
  }

  /** The ring slot of a number no more than {@code blocks.length - 1} blocks behind the head. */
  private int slotOf(long seq) {
    int behind = (int) ((top >>> 6) - (seq >>> 6));
    int slot = topSlot - behind;
    return slot < 0 ? slot + blocks.length : slot;
  }

  private static long bit(long seq) {
    return 1L << (seq & 63);
  }
}
