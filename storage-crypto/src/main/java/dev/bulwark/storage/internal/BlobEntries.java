package dev.bulwark.storage.internal;

import dev.bulwark.storage.RecordId;
import dev.bulwark.storage.spi.BlobEntry;

/**
 * Copy-free access to {@link BlobEntry}'s bytes for the store itself, which builds entries from
 * arrays it never touches again and only reads the bytes of the entries it gets back. {@link
 * BlobEntry}'s public constructor and {@link BlobEntry#blob()} keep copying, so no SPI
 * implementation can alias an entry's bytes. The accessor is installed by {@link BlobEntry}'s
 * static initializer; this package is not exported.
 */
public final class BlobEntries {
  /** What {@link BlobEntry} lets the store do without a copy. */
  public interface Access {
    /** An entry that takes ownership of {@code blob}: the caller must never change it. */
    BlobEntry adopt(RecordId id, byte[] blob, long expiresAtEpochSecond);

    /** The entry's bytes themselves: the caller must only read them. */
    byte[] view(BlobEntry entry);
  }

  private static volatile Access access;

  private BlobEntries() {}

  /**
   * Installs the accessor; called once by {@link BlobEntry}.
   *
   * @throws IllegalStateException if one is installed already
   */
  public static synchronized void install(Access a) {
    if (access != null) {
      throw new IllegalStateException("blob entry access is installed already");
    }
    access = a;
  }

  /** The accessor, initializing {@link BlobEntry} first if need be. */
  public static Access get() {
    Access a = access;
    if (a == null) {
      try {
        Class.forName(BlobEntry.class.getName(), true, BlobEntry.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
      a = access;
    }
    return a;
  }
}
