package dev.bulwark.storage;

/** Why an {@link AccessPolicy} refused an operation. */
public enum DenialReason {
  /** The caller's role may never perform this operation. */
  ROLE_NOT_PERMITTED,
  /** The caller's role may perform it, but only on its own records. */
  NOT_OWNER,
  /** A host policy added on top of the standard rules refused it. */
  HOST_POLICY
}
