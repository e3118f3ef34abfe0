package dev.bulwark.storage.spi;

import java.util.Arrays;

/**
 * One data key of a recipient, wrapped (encrypted) by a key-encryption key. The wrap binds the
 * key's owner and ID as associated data, so a wrapped key moved to another recipient does not
 * unwrap. Immutable: the bytes are copied in and out.
 */
public final class WrappedDataKey {
  private final int keyId;
  private final String kekId;
  private final byte[] wrapped;
  private final long createdAtEpochSecond;

  /** Creates a wrapped key, copying {@code wrapped}. */
  public WrappedDataKey(int keyId, String kekId, byte[] wrapped, long createdAtEpochSecond) {
    this.keyId = keyId;
    this.kekId = kekId;
    this.wrapped = wrapped.clone();
    this.createdAtEpochSecond = createdAtEpochSecond;
  }

  /** The data key ID, unique per recipient, written in each record's header. */
  public int keyId() {
    return keyId;
  }

  /** The ID of the key-encryption key that wrapped it. */
  public String kekId() {
    return kekId;
  }

  /** A copy of the wrapped key. */
  public byte[] wrapped() {
    return wrapped.clone();
  }

  /** When the data key was created, in epoch seconds. */
  public long createdAtEpochSecond() {
    return createdAtEpochSecond;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrappedDataKey k
        && keyId == k.keyId
        && kekId.equals(k.kekId)
        && createdAtEpochSecond == k.createdAtEpochSecond
        && Arrays.equals(wrapped, k.wrapped);
  }

  @Override
  public int hashCode() {
    return keyId;
  }

  @Override
  public String toString() {
    return "WrappedDataKey[keyId=" + Integer.toUnsignedString(keyId) + ", kekId=" + kekId + "]";
  }
}
