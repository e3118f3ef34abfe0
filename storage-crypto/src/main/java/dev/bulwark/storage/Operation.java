package dev.bulwark.storage;

/** The operations of {@link EphemeralStore}, as checked by an {@link AccessPolicy}. */
public enum Operation {
  /** Store a record for a recipient. */
  PUT,
  /** Read a recipient's records (plaintext). */
  FETCH,
  /** Delete one delivered record. */
  ACKNOWLEDGE,
  /** Delete every record of a recipient. */
  PURGE,
  /** Count a recipient's live records. */
  COUNT,
  /** Destroy a recipient's data keys, making their records unreadable everywhere. */
  SHRED,
  /** Delete expired records and data keys no live record can use. */
  SWEEP,
  /** Re-wrap data keys under the primary key-encryption key. */
  REWRAP
}
