package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireNonNull;

import dev.bulwark.messageid.internal.Uuids;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message ID: 128 bits in the RFC 9562 UUID layout, made by {@link MessageIdGenerator} or
 * accepted by {@link ClientIdValidator}.
 *
 * <p>Ordering is by the 128 bits read as one unsigned number, so UUIDv7 IDs sort by creation time
 * (unlike {@link UUID#compareTo}, which compares signed halves). {@link #toString()} is the
 * lowercase canonical text form. Instances are immutable.
 */
public final class MessageId implements Comparable<MessageId> {
  private final long msb;
  private final long lsb;

  private MessageId(long msb, long lsb) {
    this.msb = msb;
    this.lsb = lsb;
  }

  /** Returns the ID with these 128 bits, without validating them. */
  public static MessageId fromBits(long mostSignificantBits, long leastSignificantBits) {
    return new MessageId(mostSignificantBits, leastSignificantBits);
  }

  /** Returns the ID with the bits of {@code uuid}, without validating them. */
  public static MessageId of(UUID uuid) {
    requireNonNull(uuid, "uuid");
    return new MessageId(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
  }

  /** The high 64 bits. */
  public long mostSignificantBits() {
    return msb;
  }

  /** The low 64 bits. */
  public long leastSignificantBits() {
    return lsb;
  }

  /** The version nibble (7 for IDs from {@link MessageIdGenerator}). */
  public int version() {
    return (int) (msb >>> 12) & 0xF;
  }

  /**
   * The Unix time in milliseconds in the first 48 bits, meaningful for version 7 only.
   *
   * @throws IllegalStateException if {@link #version()} is not 7
   */
  public long unixMillis() {
    if (version() != 7) {
      throw new IllegalStateException("only a version 7 ID carries a timestamp");
    }
    return msb >>> 16;
  }

  /** The same bits as a {@link UUID}. */
  public UUID toUuid() {
    return new UUID(msb, lsb);
  }

  @Override
  public int compareTo(MessageId other) {
    int c = Long.compareUnsigned(msb, other.msb);
    return c != 0 ? c : Long.compareUnsigned(lsb, other.lsb);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof MessageId && ((MessageId) o).msb == msb && ((MessageId) o).lsb == lsb;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(msb * 31 + lsb);
  }

  /** The lowercase canonical text form, e.g. {@code 01890a5d-ac96-774b-bcce-b302099a8057}. */
  @Override
  public String toString() {
    return Uuids.format(msb, lsb);
  }
}
