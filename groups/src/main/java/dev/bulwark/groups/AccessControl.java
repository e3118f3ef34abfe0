package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;

/**
 * Who may add members (and invite), who may modify attribute blobs, and how invite-link joins work.
 *
 * @param members who may add or invite members
 * @param attributes who may modify the title, description and avatar blobs
 * @param addFromInviteLink {@link AccessRequired#ANY}: link holders join at once; {@link
 *     AccessRequired#ADMINISTRATOR}: they become pending requesters; otherwise links are refused
 */
public record AccessControl(
    AccessRequired members, AccessRequired attributes, AccessRequired addFromInviteLink) {

  /** Signal's defaults: members add and edit, links are off. */
  public static final AccessControl DEFAULT =
      new AccessControl(AccessRequired.MEMBER, AccessRequired.MEMBER, AccessRequired.UNSATISFIABLE);

  /** Checks that no field is null. */
  public AccessControl {
    Checks.requireNonNull(members, "members");
    Checks.requireNonNull(attributes, "attributes");
    Checks.requireNonNull(addFromInviteLink, "addFromInviteLink");
  }
}
