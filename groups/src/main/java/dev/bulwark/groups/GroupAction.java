package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;
import java.util.Arrays;
import java.util.UUID;

/**
 * One action of a {@link GroupChange}. The set is closed: {@link GroupChangeCodec} gives each a tag
 * and rejects unknown tags. Every action is immutable; {@code toString()} prints its kind and never
 * an identifier, blob or password.
 *
 * <p>Who may perform each action is decided by {@link GroupServer} against the state as it evolves
 * through the change; the rules are listed on each type.
 */
public sealed interface GroupAction {

  /** The codec's tag for this action. */
  int tag();

  /**
   * Adds a user as a member. Allowed by the group's {@link AccessControl#members()} setting; adding
   * an administrator needs an administrator; banned users cannot be added.
   *
   * @param member the user to add
   * @param role its role
   */
  record AddMember(UUID member, Role role) implements GroupAction {
    /** Checks the fields. */
    public AddMember {
      Checks.requireNonNull(member, "member");
      Checks.requireNonNull(role, "role");
    }

    @Override
    public int tag() {
      return 1;
    }

    @Override
    public String toString() {
      return "AddMember[role=" + role + "]";
    }
  }

  /**
   * Removes a member or revokes a pending invitation: any member may remove itself, only an
   * administrator may remove someone else. A change that removes a member must carry key packages
   * for the next epoch.
   *
   * @param member the member or invitee to remove
   */
  record RemoveMember(UUID member) implements GroupAction {
    /** Checks the field. */
    public RemoveMember {
      Checks.requireNonNull(member, "member");
    }

    @Override
    public int tag() {
      return 2;
    }

    @Override
    public String toString() {
      return "RemoveMember[]";
    }
  }

  /**
   * Changes a member's role. Administrators only.
   *
   * @param member the member
   * @param role the new role
   */
  record ChangeRole(UUID member, Role role) implements GroupAction {
    /** Checks the fields. */
    public ChangeRole {
      Checks.requireNonNull(member, "member");
      Checks.requireNonNull(role, "role");
    }

    @Override
    public int tag() {
      return 3;
    }

    @Override
    public String toString() {
      return "ChangeRole[role=" + role + "]";
    }
  }

  /**
   * Invites a user (it becomes a pending invitee). Same rule as {@link AddMember}.
   *
   * @param invitee the user to invite
   */
  record Invite(UUID invitee) implements GroupAction {
    /** Checks the field. */
    public Invite {
      Checks.requireNonNull(invitee, "invitee");
    }

    @Override
    public int tag() {
      return 4;
    }

    @Override
    public String toString() {
      return "Invite[]";
    }
  }

  /** The author, a pending invitee, accepts its invitation and becomes a member. */
  record AcceptInvite() implements GroupAction {
    @Override
    public int tag() {
      return 5;
    }
  }

  /**
   * Approves a pending requester as a member. Administrators only.
   *
   * @param requester the requester
   */
  record ApproveRequest(UUID requester) implements GroupAction {
    /** Checks the field. */
    public ApproveRequest {
      Checks.requireNonNull(requester, "requester");
    }

    @Override
    public int tag() {
      return 6;
    }

    @Override
    public String toString() {
      return "ApproveRequest[]";
    }
  }

  /**
   * Denies a pending request. Administrators, or the requester itself (cancelling).
   *
   * @param requester the requester
   */
  record DenyRequest(UUID requester) implements GroupAction {
    /** Checks the field. */
    public DenyRequest {
      Checks.requireNonNull(requester, "requester");
    }

    @Override
    public int tag() {
      return 7;
    }

    @Override
    public String toString() {
      return "DenyRequest[]";
    }
  }

  /**
   * Bans a user, removing it from members, invitees and requesters. Administrators only; banning a
   * member is a removal and needs key packages.
   *
   * @param user the user to ban
   */
  record Ban(UUID user) implements GroupAction {
    /** Checks the field. */
    public Ban {
      Checks.requireNonNull(user, "user");
    }

    @Override
    public int tag() {
      return 8;
    }

    @Override
    public String toString() {
      return "Ban[]";
    }
  }

  /**
   * Lifts a ban. Administrators only.
   *
   * @param user the banned user
   */
  record Unban(UUID user) implements GroupAction {
    /** Checks the field. */
    public Unban {
      Checks.requireNonNull(user, "user");
    }

    @Override
    public int tag() {
      return 9;
    }

    @Override
    public String toString() {
      return "Unban[]";
    }
  }

  /**
   * Replaces an encrypted attribute blob (empty clears it). Allowed by {@link
   * AccessControl#attributes()}.
   *
   * @param attribute which attribute
   * @param blob the new blob, at most {@link Attribute#maxBytes()} bytes (copied)
   */
  record ModifyAttribute(Attribute attribute, byte[] blob) implements GroupAction {
    /** Checks and copies the fields. */
    public ModifyAttribute {
      Checks.requireNonNull(attribute, "attribute");
      Checks.requireNonNull(blob, "blob");
      Checks.requireArgument(
          blob.length <= attribute.maxBytes(),
          "%s blob must be at most %d bytes",
          attribute,
          attribute.maxBytes());
      blob = blob.clone();
    }

    /** A copy of the blob. */
    @Override
    public byte[] blob() {
      return blob.clone();
    }

    @Override
    public int tag() {
      return 10;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ModifyAttribute m
          && attribute == m.attribute
          && Arrays.equals(blob, m.blob);
    }

    @Override
    public int hashCode() {
      return attribute.hashCode() * 31 + Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
      return "ModifyAttribute[" + attribute + ", " + blob.length + " bytes]";
    }
  }

  /**
   * Replaces the access control. Administrators only.
   *
   * @param accessControl the new access control
   */
  record ModifyAccessControl(AccessControl accessControl) implements GroupAction {
    /** Checks the field. */
    public ModifyAccessControl {
      Checks.requireNonNull(accessControl, "accessControl");
    }

    @Override
    public int tag() {
      return 11;
    }
  }

  /**
   * Sets a new invite-link password (empty disables the link). Administrators only.
   *
   * @param password empty or 16 to 64 bytes (copied)
   */
  record RotateInviteLink(byte[] password) implements GroupAction {
    /** Checks and copies the password. */
    public RotateInviteLink {
      password = checkedPassword(password, true);
    }

    /** A copy of the password. */
    @Override
    public byte[] password() {
      return password.clone();
    }

    @Override
    public int tag() {
      return 12;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RotateInviteLink r && Arrays.equals(password, r.password);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(password);
    }

    @Override
    public String toString() {
      return "RotateInviteLink[]";
    }
  }

  /**
   * The author joins through the invite link: needs the current password (compared in constant
   * time) and {@link AccessControl#addFromInviteLink()} {@link AccessRequired#ANY} (joins at once)
   * or {@link AccessRequired#ADMINISTRATOR} (becomes a pending requester). Banned users cannot.
   *
   * @param password the link's password, 16 to 64 bytes (copied)
   */
  record JoinViaLink(byte[] password) implements GroupAction {
    /** Checks and copies the password. */
    public JoinViaLink {
      password = checkedPassword(password, false);
    }

    /** A copy of the password. */
    @Override
    public byte[] password() {
      return password.clone();
    }

    @Override
    public int tag() {
      return 13;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof JoinViaLink j && Arrays.equals(password, j.password);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(password);
    }

    @Override
    public String toString() {
      return "JoinViaLink[]";
    }
  }

  private static byte[] checkedPassword(byte[] password, boolean emptyAllowed) {
    Checks.requireNonNull(password, "password");
    int n = password.length;
    Checks.requireArgument(
        (emptyAllowed && n == 0)
            || (n >= GroupState.MIN_PASSWORD_BYTES && n <= GroupState.MAX_PASSWORD_BYTES),
        "password must be %s%d to %d bytes",
        emptyAllowed ? "empty or " : "",
        GroupState.MIN_PASSWORD_BYTES,
        GroupState.MAX_PASSWORD_BYTES);
    return password.clone();
  }
}
