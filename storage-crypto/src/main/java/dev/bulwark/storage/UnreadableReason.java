package dev.bulwark.storage;

/** Why a stored record could not be opened. None of them reveals anything about the plaintext. */
public enum UnreadableReason {
  /** Shorter than the smallest possible record, or longer than the largest this store writes. */
  MALFORMED,
  /** The format byte is not one this version of Bulwark reads. */
  UNKNOWN_FORMAT_VERSION,
  /**
   * The data key it names does not exist for its recipient: never did, was retired, or was
   * shredded.
   */
  UNKNOWN_DATA_KEY,
  /** The data key exists but its key-encryption key refused to unwrap it. */
  KEY_UNWRAP_FAILED,
  /**
   * Authentication failed: the ciphertext, its header, its record ID or its recipient was changed.
   */
  AUTHENTICATION_FAILED
}
