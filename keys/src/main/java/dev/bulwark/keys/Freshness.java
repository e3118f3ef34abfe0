package dev.bulwark.keys;

/** How current a device's signed prekey is. */
public enum Freshness {
  /** Present and younger than the directory's maximum age. */
  FRESH,
  /** Present but older than the maximum age: the host should ask the client to rotate it. */
  STALE,
  /** Absent (never uploaded, or revoked): the device cannot be reached until it uploads one. */
  MISSING
}
