package dev.bulwark.groups;

/** A member's role. Administrators may perform every action; members only what access allows. */
public enum Role {
  /** May perform every action, including changing roles and access control. */
  ADMINISTRATOR,
  /** May leave, and act as far as the group's {@link AccessControl} allows members to. */
  MEMBER
}
