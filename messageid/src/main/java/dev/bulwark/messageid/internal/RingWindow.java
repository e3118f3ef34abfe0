package dev.bulwark.messageid.internal;

import dev.bulwark.messageid.SequenceOutcome;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 6479 anti-replay window over non-negative sequence numbers: a ring of 64-bit blocks in
 * which the window slides by moving the ring's head and clearing the blocks it enters, never by
 * shifting bits.
 *
 * <p>For a window of {@code W} bits (a power of two, 64 to 8192) the ring holds {@code W/64 + 1}
 * blocks, so the <em>whole</em> range {@code [top - W + 1, top]} is tracked exactly, whatever
 * {@code top}'s position inside its block (RFC 6479 with one spare block). Slots are found from the
 * distance in blocks to the head, so no division is needed even though the block count is not a
 * power of two. The window size is fixed when the bitmap is allocated; the jump limit is passed per
 * call, so a policy change applies at once.
 *
 * <p>Not thread-safe: callers hold a lock. {@link #check} reads each field once, so that under an
 * optimistic read (a {@code StampedLock} validated afterwards) a racing write can give a stale
 * answer but never an out-of-bounds index. A fresh window has seen nothing; its first accepted
 * number becomes the top whatever its size, and later numbers are measured against that top.
 *
 * <p>Not final: the in-memory store's per-scope state extends it, saving an object header and a
 * reference per scope.
 */
public class RingWindow {
  private long @Nullable [] blocks;
  private long top = -1;
  private int topSlot;

  /** Creates a window whose bitmap is allocated on the first commit. */
  protected RingWindow() {}

  /** Creates a window with its bitmap of {@code windowBits} (validated by the caller's policy). */
  public RingWindow(int windowBits) {
    this.blocks = new long[(windowBits >>> 6) + 1];
  }

  /** The highest number accepted so far, or -1 if none. */
  public final long top() {
    return top;
  }

  /** What {@link #commit} would answer now, without changing anything. */
  public final SequenceOutcome check(long seq, long maxJumpAhead) {
    if (seq < 0) {
      return SequenceOutcome.INVALID;
    }
    long t = top;
    long[] b = blocks;
    if (seq > t) {
      // t >= 0 here, so seq - t cannot overflow. A fresh window takes any first number.
      boolean tooFar = t >= 0 && seq - t > maxJumpAhead;
      return tooFar ? SequenceOutcome.TOO_FAR_AHEAD : SequenceOutcome.ACCEPT;
    }
    if (b == null) {
      return SequenceOutcome.ACCEPT; // only under a racing optimistic read; the caller revalidates
    }
    if (seq <= t - ((long) (b.length - 1) << 6)) {
      return SequenceOutcome.TOO_OLD;
    }
    long word = b[slotOf(seq, t, topSlot, b.length)];
    return (word & bit(seq)) != 0 ? SequenceOutcome.DUPLICATE : SequenceOutcome.ACCEPT;
  }

  /**
   * Marks {@code seq} as seen if {@link #check} accepts it, sliding the window forward if it is
   * ahead; otherwise changes nothing. Returns what {@link #check} would have.
   *
   * @param windowBits the window size, used only if the bitmap is not allocated yet
   */
  public final SequenceOutcome commit(long seq, long maxJumpAhead, int windowBits) {
    SequenceOutcome verdict = check(seq, maxJumpAhead);
    if (verdict != SequenceOutcome.ACCEPT) {
      return verdict;
    }
    long[] b = blocks;
    if (b == null) {
      b = new long[(windowBits >>> 6) + 1];
      blocks = b;
    }
    if (seq > top) {
      advanceTo(seq, b);
    }
    b[slotOf(seq, top, topSlot, b.length)] |= bit(seq);
    return SequenceOutcome.ACCEPT;
  }

  /** Moves the head to {@code seq}'s block, clearing every block the ring enters. */
  private void advanceTo(long seq, long[] b) {
    long distance = top < 0 ? Long.MAX_VALUE : (seq >>> 6) - (top >>> 6);
    int n = b.length;
    if (distance >= n) {
      Arrays.fill(b, 0L);
      topSlot = 0;
    } else {
      int slot = topSlot;
      for (long i = 0; i < distance; i++) {
        slot = slot + 1 == n ? 0 : slot + 1;
        b[slot] = 0L;
      }
      topSlot = slot;
    }
    top = seq;
  }

  /**
   * The ring slot of a number in {@code (top - W, top]}: at most {@code n - 1} blocks behind the
   * head, so the result lies in {@code [0, n)} for any {@code slot} in {@code [0, n)}.
   */
  private static int slotOf(long seq, long top, int topSlot, int n) {
    int behind = (int) ((top >>> 6) - (seq >>> 6));
    int slot = topSlot - behind;
    return slot < 0 ? slot + n : slot;
  }

  private static long bit(long seq) {
    return 1L << (seq & 63);
  }
}
