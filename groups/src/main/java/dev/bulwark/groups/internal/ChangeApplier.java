package dev.bulwark.groups.internal;

import dev.bulwark.groups.AccessControl;
import dev.bulwark.groups.AccessRequired;
import dev.bulwark.groups.Attribute;
import dev.bulwark.groups.GroupAction;
import dev.bulwark.groups.GroupState;
import dev.bulwark.groups.Member;
import dev.bulwark.groups.Refusal;
import dev.bulwark.groups.Role;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Authorizes and applies a change's actions one by one, each against the state as the previous
 * actions left it, on a private draft. The first refused action stops everything; the current state
 * is never touched. The draft reads the base state's lists until an action changes one, and only
 * then copies that one, so a change that keeps the membership of a large group copies none of it.
 * Not thread-safe; one instance per change.
 */
public final class ChangeApplier {
  private final GroupState base;
  private final UUID author;
  private final long newVersion;
  // Copy-on-write: until the first change, each of these is the base state's unmodifiable list.
  private Map<UUID, Member> members;
  private Set<UUID> invitees;
  private Set<UUID> requesters;
  private Set<UUID> banned;
  private boolean membersCopied;
  private boolean inviteesCopied;
  private boolean requestersCopied;
  private boolean bannedCopied;
  private AccessControl access;
  private final Map<Attribute, byte[]> attributes = new EnumMap<>(Attribute.class);
  private byte[] password;
  private @Nullable Refusal refusal;
  private int refusedIndex = -1;

  /** A draft of {@code base} for a change by {@code author}. */
  public ChangeApplier(GroupState base, UUID author) {
    this.base = base;
    this.author = author;
    this.newVersion = base.version() + 1;
    this.members = base.members();
    this.invitees = base.invitees();
    this.requesters = base.requesters();
    this.banned = base.banned();
    this.access = base.accessControl();
    for (Attribute a : Attribute.values()) {
      attributes.put(a, base.attribute(a));
    }
    this.password = base.inviteLinkPassword();
  }

  /**
   * Applies {@code actions} in order.
   *
   * @return {@code null} if all were authorized and applied, else the refusal of the first one that
   *     was not ({@link #refusedIndex()} tells which)
   */
  public @Nullable Refusal applyAll(List<GroupAction> actions) {
    for (int i = 0; i < actions.size(); i++) {
      Refusal r = apply(actions.get(i));
      if (r != null) {
        refusal = r;
        refusedIndex = i;
        return r;
      }
    }
    return null;
  }

  /** The index of the refused action, or -1. */
  public int refusedIndex() {
    return refusedIndex;
  }

  /** The members that were members of the base state and are not any more. */
  public Set<UUID> removedMembers() {
    if (!membersCopied) {
      return Set.of();
    }
    Set<UUID> removed = new HashSet<>(base.members().keySet());
    removed.removeAll(members.keySet());
    return removed;
  }

  /** The member IDs of the draft (unmodifiable). */
  public Set<UUID> memberIds() {
    return Collections.unmodifiableSet(members.keySet());
  }

  private Map<UUID, Member> writableMembers() {
    if (!membersCopied) {
      members = new HashMap<>(members);
      membersCopied = true;
    }
    return members;
  }

  private Set<UUID> writableInvitees() {
    if (!inviteesCopied) {
      invitees = new HashSet<>(invitees);
      inviteesCopied = true;
    }
    return invitees;
  }

  private Set<UUID> writableRequesters() {
    if (!requestersCopied) {
      requesters = new HashSet<>(requesters);
      requestersCopied = true;
    }
    return requesters;
  }

  private Set<UUID> writableBanned() {
    if (!bannedCopied) {
      banned = new HashSet<>(banned);
      bannedCopied = true;
    }
    return banned;
  }

  /**
   * The resulting state at version + 1 with {@code keyEpoch}.
   *
   * @throws IllegalArgumentException if it breaks an invariant of {@link GroupState}
   */
  public GroupState result(long keyEpoch) {
    if (refusal != null) {
      throw new IllegalStateException("the change was refused");
    }
    // The builder shares the base's lists and copies only those the draft changed.
    GroupState.Builder b =
        base.toBuilder()
            .version(newVersion)
            .accessControl(access)
            .inviteLinkPassword(password)
            .keyEpoch(keyEpoch);
    if (membersCopied) {
      for (UUID id : base.members().keySet()) {
        if (!members.containsKey(id)) {
          b.removeMember(id);
        }
      }
      members.values().forEach(m -> b.member(m.id(), m.role(), m.joinedAtVersion()));
    }
    if (inviteesCopied) {
      base.invitees().forEach(id -> b.invitee(id, invitees.contains(id)));
      invitees.forEach(id -> b.invitee(id, true));
    }
    if (requestersCopied) {
      base.requesters().forEach(id -> b.requester(id, requesters.contains(id)));
      requesters.forEach(id -> b.requester(id, true));
    }
    if (bannedCopied) {
      base.banned().forEach(id -> b.banned(id, banned.contains(id)));
      banned.forEach(id -> b.banned(id, true));
    }
    attributes.forEach(b::attribute);
    return b.build();
  }

  private boolean isAdmin() {
    Member m = members.get(author);
    return m != null && m.role() == Role.ADMINISTRATOR;
  }

  private boolean isMember() {
    return members.containsKey(author);
  }

  /** Whether the author satisfies {@code required} as a member of the draft. */
  private boolean satisfies(AccessRequired required) {
    switch (required) {
      case ANY:
      case MEMBER:
        return isMember();
      case ADMINISTRATOR:
        return isAdmin();
      default:
        return false;
    }
  }

  private @Nullable Refusal apply(GroupAction action) {
    if (action instanceof GroupAction.JoinViaLink j) {
      return joinViaLink(j.password());
    }
    if (action instanceof GroupAction.AcceptInvite) {
      return acceptInvite();
    }
    if (action instanceof GroupAction.DenyRequest d && d.requester().equals(author)) {
      return requesters.contains(author) && writableRequesters().remove(author)
          ? null
          : Refusal.INVALID_ACTION;
    }
    if (!isMember()) {
      return Refusal.NOT_A_MEMBER;
    }
    if (action instanceof GroupAction.AddMember a) {
      return addMember(a.member(), a.role());
    } else if (action instanceof GroupAction.RemoveMember a) {
      return removeMember(a.member());
    } else if (action instanceof GroupAction.ChangeRole a) {
      return changeRole(a.member(), a.role());
    } else if (action instanceof GroupAction.Invite a) {
      return invite(a.invitee());
    } else if (action instanceof GroupAction.ApproveRequest a) {
      return approve(a.requester());
    } else if (action instanceof GroupAction.DenyRequest a) {
      return adminOnly(
          requesters.contains(a.requester()), () -> writableRequesters().remove(a.requester()));
    } else if (action instanceof GroupAction.Ban a) {
      return ban(a.user());
    } else if (action instanceof GroupAction.Unban a) {
      return adminOnly(banned.contains(a.user()), () -> writableBanned().remove(a.user()));
    } else if (action instanceof GroupAction.ModifyAttribute a) {
      if (!satisfies(access.attributes())) {
        return Refusal.NOT_AUTHORIZED;
      }
      attributes.put(a.attribute(), a.blob());
      return null;
    } else if (action instanceof GroupAction.ModifyAccessControl a) {
      if (!isAdmin()) {
        return Refusal.NOT_AUTHORIZED;
      }
      access = a.accessControl();
      return null;
    } else if (action instanceof GroupAction.RotateInviteLink a) {
      if (!isAdmin()) {
        return Refusal.NOT_AUTHORIZED;
      }
      password = a.password();
      return null;
    }
    return Refusal.INVALID_ACTION;
  }

  /** For admin-only removals: refused unless admin, invalid unless {@code present}. */
  private @Nullable Refusal adminOnly(boolean present, Runnable remove) {
    if (!isAdmin()) {
      return Refusal.NOT_AUTHORIZED;
    }
    if (!present) {
      return Refusal.INVALID_ACTION;
    }
    remove.run();
    return null;
  }

  private @Nullable Refusal addMember(UUID user, Role role) {
    if (!satisfies(access.members()) || (role == Role.ADMINISTRATOR && !isAdmin())) {
      return Refusal.NOT_AUTHORIZED;
    }
    if (banned.contains(user)) {
      return Refusal.BANNED;
    }
    if (members.containsKey(user)) {
      return Refusal.INVALID_ACTION;
    }
    removeIfPresent(user);
    writableMembers().put(user, new Member(user, role, newVersion));
    return null;
  }

  /** Takes {@code user} off the invitee and requester lists, copying a list only if it is on it. */
  private void removeIfPresent(UUID user) {
    if (invitees.contains(user)) {
      writableInvitees().remove(user);
    }
    if (requesters.contains(user)) {
      writableRequesters().remove(user);
    }
  }

  private @Nullable Refusal removeMember(UUID user) {
    if (!user.equals(author) && !isAdmin()) {
      return Refusal.NOT_AUTHORIZED;
    }
    if (members.containsKey(user)) {
      writableMembers().remove(user);
      return null;
    }
    if (invitees.contains(user)) {
      writableInvitees().remove(user);
      return null;
    }
    return Refusal.INVALID_ACTION;
  }

  private @Nullable Refusal changeRole(UUID user, Role role) {
    if (!isAdmin()) {
      return Refusal.NOT_AUTHORIZED;
    }
    Member m = members.get(user);
    if (m == null) {
      return Refusal.INVALID_ACTION;
    }
    writableMembers().put(user, new Member(user, role, m.joinedAtVersion()));
    return null;
  }

  private @Nullable Refusal invite(UUID user) {
    if (!satisfies(access.members())) {
      return Refusal.NOT_AUTHORIZED;
    }
    if (banned.contains(user)) {
      return Refusal.BANNED;
    }
    if (members.containsKey(user) || invitees.contains(user)) {
      return Refusal.INVALID_ACTION;
    }
    if (requesters.contains(user)) {
      writableRequesters().remove(user);
    }
    writableInvitees().add(user);
    return null;
  }

  private @Nullable Refusal approve(UUID user) {
    if (!isAdmin()) {
      return Refusal.NOT_AUTHORIZED;
    }
    if (!requesters.contains(user)) {
      return Refusal.INVALID_ACTION;
    }
    writableRequesters().remove(user);
    writableMembers().put(user, new Member(user, Role.MEMBER, newVersion));
    return null;
  }

  private @Nullable Refusal ban(UUID user) {
    if (!isAdmin()) {
      return Refusal.NOT_AUTHORIZED;
    }
    if (user.equals(author) || banned.contains(user)) {
      return Refusal.INVALID_ACTION;
    }
    writableBanned().add(user);
    if (members.containsKey(user)) {
      writableMembers().remove(user);
    }
    removeIfPresent(user);
    return null;
  }

  private @Nullable Refusal acceptInvite() {
    if (banned.contains(author)) {
      return Refusal.BANNED;
    }
    if (!invitees.contains(author)) {
      return Refusal.INVALID_ACTION;
    }
    writableInvitees().remove(author);
    writableMembers().put(author, new Member(author, Role.MEMBER, newVersion));
    return null;
  }

  private @Nullable Refusal joinViaLink(byte[] offered) {
    if (banned.contains(author)) {
      return Refusal.BANNED;
    }
    if (members.containsKey(author) || requesters.contains(author)) {
      return Refusal.INVALID_ACTION;
    }
    if (password.length == 0 || !MessageDigest.isEqual(password, offered)) {
      return Refusal.INVALID_ACTION;
    }
    AccessRequired link = access.addFromInviteLink();
    if (link == AccessRequired.ANY) {
      if (invitees.contains(author)) {
        writableInvitees().remove(author);
      }
      writableMembers().put(author, new Member(author, Role.MEMBER, newVersion));
      return null;
    }
    if (link == AccessRequired.ADMINISTRATOR) {
      writableRequesters().add(author);
      return null;
    }
    return Refusal.NOT_AUTHORIZED;
  }
}
