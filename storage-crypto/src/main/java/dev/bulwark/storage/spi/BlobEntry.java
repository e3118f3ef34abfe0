package dev.bulwark.storage.spi;

import dev.bulwark.storage.RecordId;
import dev.bulwark.storage.internal.BlobEntries;
import java.util.Arrays;

/**
 * One sealed record as a {@link BlobStore} keeps it: its ID, its sealed bytes and its expiry in
 * whole epoch seconds. Immutable: the bytes are copied in and out.
 */
public final class BlobEntry {
  private final RecordId id;
  private final byte[] blob;
  private final long expiresAtEpochSecond;

  static {
    BlobEntries.install(
        new BlobEntries.Access() {
          @Override
          public BlobEntry adopt(RecordId id, byte[] blob, long expiresAtEpochSecond) {
            return new BlobEntry(id, blob, expiresAtEpochSecond, false);
          }

          @Override
          public byte[] view(BlobEntry entry) {
            return entry.blob;
          }
        });
  }

  /** Creates an entry, copying {@code blob}. */
  public BlobEntry(RecordId id, byte[] blob, long expiresAtEpochSecond) {
    this(id, blob, expiresAtEpochSecond, true);
  }

  private BlobEntry(RecordId id, byte[] blob, long expiresAtEpochSecond, boolean copy) {
    this.id = id;
    this.blob = copy ? blob.clone() : blob;
    this.expiresAtEpochSecond = expiresAtEpochSecond;
  }

  /** The record ID. */
  public RecordId id() {
    return id;
  }

  /** A copy of the sealed bytes. */
  public byte[] blob() {
    return blob.clone();
  }

  /** The length of the sealed bytes. */
  public int length() {
    return blob.length;
  }

  /** The second at and after which the record is expired. */
  public long expiresAtEpochSecond() {
    return expiresAtEpochSecond;
  }

  /** Whether the record is expired at {@code nowEpochSecond}. */
  public boolean isExpiredAt(long nowEpochSecond) {
    return nowEpochSecond >= expiresAtEpochSecond;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlobEntry e
        && id.equals(e.id)
        && expiresAtEpochSecond == e.expiresAtEpochSecond
        && Arrays.equals(blob, e.blob);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "BlobEntry[id=" + id + ", length=" + blob.length + "]";
  }
}
