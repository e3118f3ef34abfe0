package dev.bulwark.keys;

/**
 * The state of one version of a {@link KeyRing}.
 *
 * <p>Transitions: a new version starts {@link #ACTIVE}; when another version becomes primary the
 * old primary becomes {@link #DECRYPT_ONLY}; {@link #REVOKED} is reversible (reinstate, or lower
 * the minimum decryption version); {@link #DESTROYED} is final and its material is gone.
 */
public enum KeyState {
  /** Usable for decryption and eligible to become primary; the primary is always ACTIVE. */
  ACTIVE,
  /** Usable for decryption only: a former primary. It can be promoted again. */
  DECRYPT_ONLY,
  /** Refused for every operation until reinstated. */
  REVOKED,
  /** Material wiped; refused for every operation, forever. */
  DESTROYED;

  /** Whether ciphertexts under a version in this state may be decrypted. */
  public boolean canDecrypt() {
    return this == ACTIVE || this == DECRYPT_ONLY;
  }
}
