package dev.bulwark.storage;

import java.time.Instant;

/**
 * One opened record: its ID, its payload and when it expires. Immutable; {@link #payload()} returns
 * a copy; {@link #toString()} omits the payload.
 */
public final class StoredRecord {
  private final RecordId id;
  private final byte[] payload;
  private final Instant expiresAt;

  StoredRecord(RecordId id, byte[] payload, Instant expiresAt) {
    this.id = id;
    this.payload = payload;
    this.expiresAt = expiresAt;
  }

  /** The record's ID, to acknowledge it with. */
  public RecordId id() {
    return id;
  }

  /** A copy of the payload. */
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload's length in bytes. */
  public int payloadLength() {
    return payload.length;
  }

  /** When the record expires, at the second precision the store keeps. */
  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public String toString() {
    return "StoredRecord[id="
        + id
        + ", length="
        + payload.length
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
