package dev.bulwark.groups;

/** Who may perform an action that access control governs. */
public enum AccessRequired {
  /**
   * Anyone: for member additions and attributes this means any member; for invite-link joins it
   * means anyone with the link joins at once.
   */
  ANY,
  /** Any member (for invite-link joins this is not satisfiable and refuses every join). */
  MEMBER,
  /**
   * Administrators only; for invite-link joins, a join becomes a pending request that an
   * administrator approves.
   */
  ADMINISTRATOR,
  /** Nobody. */
  UNSATISFIABLE
}
