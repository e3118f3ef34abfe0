package dev.bulwark.keys;

/** The kinds of prekeys a device uploads; each kind has its own key-ID space. */
public enum PreKeyType {
  /** The medium-term signed prekey, replaced periodically. */
  SIGNED,
  /** The signed key served when no one-time prekey is left. */
  LAST_RESORT,
  /** A one-time prekey, served at most once. */
  ONE_TIME
}
