package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;
import java.util.UUID;

/**
 * A member of a group.
 *
 * @param id the member's opaque identifier (never printed)
 * @param role the member's role
 * @param joinedAtVersion the group version whose change made it a member; it may read the change
 *     log from this version on
 */
public record Member(UUID id, Role role, long joinedAtVersion) {
  /** Checks the fields. */
  public Member {
    Checks.requireNonNull(id, "id");
    Checks.requireNonNull(role, "role");
    Checks.requireInRange("joinedAtVersion", joinedAtVersion, 0, Long.MAX_VALUE);
  }

  /** Prints the role and join version only. */
  @Override
  public String toString() {
    return "Member[role=" + role + ", joinedAtVersion=" + joinedAtVersion + "]";
  }
}
