package dev.bulwark.keys;

/** Why a key was revoked; recorded with the revocation and passed to listeners. */
public enum RevocationReason {
  /** The private key or the material is known or suspected to be exposed. */
  COMPROMISED,
  /** A newer key replaced it and it must no longer be used. */
  SUPERSEDED,
  /** The device that held the key is lost or was wiped. */
  DEVICE_LOST,
  /** An operator decision with no more specific reason. */
  ADMINISTRATIVE
}
