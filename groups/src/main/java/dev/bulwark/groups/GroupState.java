package dev.bulwark.groups;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.groups.internal.Checks;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The immutable state of a group at one version: members with roles, pending invitees, pending
 * requesters, banned users, access control, encrypted attribute blobs, the invite-link password,
 * the maximum size and the current key epoch.
 *
 * <p>Every instance satisfies these invariants, checked by {@link Builder#build()}: the member,
 * invitee, requester and banned lists are pairwise disjoint; members plus invitees do not exceed
 * {@link #maxSize()}, and requesters do not either; every attribute blob fits its {@link
 * Attribute#maxBytes()}; the invite-link password is empty (no link) or 16 to 64 bytes; and a group
 * with members has at least one administrator. This module <b>rejects</b> a change that would leave
 * members without an administrator rather than promoting someone automatically, so no member ever
 * gains a role nobody gave it.
 *
 * <p>Thread-safe (immutable). {@code toString()} prints counts only.
 */
public final class GroupState {
  /** The largest {@link #maxSize()} a group may have. */
  public static final int MAX_GROUP_SIZE = 10_000;

  /** The largest number of banned users a group may keep. */
  public static final int MAX_BANNED = 10_000;

  /** Shortest non-empty invite-link password, in bytes. */
  public static final int MIN_PASSWORD_BYTES = 16;

  /** Longest invite-link password, in bytes. */
  public static final int MAX_PASSWORD_BYTES = 64;

  private final GroupId groupId;
  private final long version;
  private final Map<UUID, Member> members;
  private final Set<UUID> invitees;
  private final Set<UUID> requesters;
  private final Set<UUID> banned;
  private final AccessControl accessControl;
  private final Map<Attribute, byte[]> attributes;
  private final byte[] inviteLinkPassword;
  private final int maxSize;
  private final long keyEpoch;

  private GroupState(Builder b) {
    this.groupId = b.groupId;
    this.version = b.version;
    // Lists the builder did not touch are the base state's unmodifiable ones: shared, not copied.
    this.members =
        b.membersOwned ? Collections.unmodifiableMap(new TreeMap<>(b.members)) : b.members;
    this.invitees = b.inviteesOwned ? frozen(b.invitees) : b.invitees;
    this.requesters = b.requestersOwned ? frozen(b.requesters) : b.requesters;
    this.banned = b.bannedOwned ? frozen(b.banned) : b.banned;
    this.accessControl = b.accessControl;
    EnumMap<Attribute, byte[]> attrs = new EnumMap<>(Attribute.class);
    b.attributes.forEach((k, v) -> attrs.put(k, v.clone()));
    this.attributes = attrs;
    this.inviteLinkPassword = b.inviteLinkPassword.clone();
    this.maxSize = b.maxSize;
    this.keyEpoch = b.keyEpoch;
  }

  private static Set<UUID> frozen(Set<UUID> set) {
    return Collections.unmodifiableSet(new TreeSet<>(set));
  }

  /** A builder for a new group at version 0 with default access control. */
  public static Builder builder(GroupId groupId) {
    return new Builder(Checks.requireNonNull(groupId, "groupId"));
  }

  /**
   * A builder initialized with this state. It shares this state's member, invitee, requester and
   * banned lists until it changes one of them (then it copies that one), and {@link
   * Builder#build()} does not check again the invariants that only depend on lists it did not
   * change, so deriving a state that keeps the lists of a large group costs no copy of them.
   */
  public Builder toBuilder() {
    Builder b = new Builder(groupId);
    b.base = this;
    b.version = version;
    b.members = members;
    b.membersOwned = false;
    b.invitees = invitees;
    b.inviteesOwned = false;
    b.requesters = requesters;
    b.requestersOwned = false;
    b.banned = banned;
    b.bannedOwned = false;
    b.accessControl = accessControl;
    attributes.forEach((k, v) -> b.attributes.put(k, v.clone()));
    b.inviteLinkPassword = inviteLinkPassword.clone();
    b.maxSize = maxSize;
    b.keyEpoch = keyEpoch;
    return b;
  }

  /** The group's ID. */
  public GroupId groupId() {
    return groupId;
  }

  /** The version: 0 at creation, one more per accepted change. */
  public long version() {
    return version;
  }

  /** The members by ID (unmodifiable, ordered by ID). */
  public Map<UUID, Member> members() {
    return members;
  }

  /** Whether {@code id} is a member. */
  public boolean isMember(UUID id) {
    return members.containsKey(id);
  }

  /** Whether {@code id} is an administrator. */
  public boolean isAdministrator(UUID id) {
    Member m = members.get(id);
    return m != null && m.role() == Role.ADMINISTRATOR;
  }

  /** Pending invitees (unmodifiable). */
  public Set<UUID> invitees() {
    return invitees;
  }

  /** Pending requesters from invite-link joins awaiting approval (unmodifiable). */
  public Set<UUID> requesters() {
    return requesters;
  }

  /** Banned users (unmodifiable). */
  public Set<UUID> banned() {
    return banned;
  }

  /** Access control. */
  public AccessControl accessControl() {
    return accessControl;
  }

  /** A copy of an attribute blob; empty if unset. */
  public byte[] attribute(Attribute attribute) {
    byte[] v = attributes.get(attribute);
    return v == null ? new byte[0] : v.clone();
  }

  /** A copy of the invite-link password; empty if there is no link. */
  public byte[] inviteLinkPassword() {
    return inviteLinkPassword.clone();
  }

  /** The maximum of members plus invitees. */
  public int maxSize() {
    return maxSize;
  }

  /** The current key epoch: 0 at creation, one more per change that carries key packages. */
  public long keyEpoch() {
    return keyEpoch;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GroupState s)) {
      return false;
    }
    if (!(groupId.equals(s.groupId)
        && version == s.version
        && members.equals(s.members)
        && invitees.equals(s.invitees)
        && requesters.equals(s.requesters)
        && banned.equals(s.banned)
        && accessControl.equals(s.accessControl)
        && Arrays.equals(inviteLinkPassword, s.inviteLinkPassword)
        && maxSize == s.maxSize
        && keyEpoch == s.keyEpoch)) {
      return false;
    }
    for (Attribute a : Attribute.values()) {
      if (!Arrays.equals(attribute(a), s.attribute(a))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(version) * 31 + groupId.hashCode() * 17 + members.size();
  }

  @Override
  public String toString() {
    return "GroupState[version="
        + version
        + ", members="
        + members.size()
        + ", invitees="
        + invitees.size()
        + ", requesters="
        + requesters.size()
        + ", banned="
        + banned.size()
        + ", keyEpoch="
        + keyEpoch
        + "]";
  }

  /** Builds a {@link GroupState}; {@link #build()} checks every invariant. Not thread-safe. */
  public static final class Builder {
    private final GroupId groupId;
    private @Nullable GroupState base;
    private long version;
    // Copy-on-write: a list not owned is the base state's unmodifiable one.
    private Map<UUID, Member> members = new TreeMap<>();
    private boolean membersOwned = true;
    private Set<UUID> invitees = new HashSet<>();
    private boolean inviteesOwned = true;
    private Set<UUID> requesters = new HashSet<>();
    private boolean requestersOwned = true;
    private Set<UUID> banned = new HashSet<>();
    private boolean bannedOwned = true;
    private AccessControl accessControl = AccessControl.DEFAULT;
    private final Map<Attribute, byte[]> attributes = new EnumMap<>(Attribute.class);
    private byte[] inviteLinkPassword = new byte[0];
    private int maxSize = 1000;
    private long keyEpoch;

    private Builder(GroupId groupId) {
      this.groupId = groupId;
    }

    /** Sets the version (default 0). */
    @CanIgnoreReturnValue
    public Builder version(long version) {
      this.version = Checks.requireInRange("version", version, 0, Long.MAX_VALUE);
      return this;
    }

    /** Adds or replaces a member. */
    @CanIgnoreReturnValue
    public Builder member(UUID id, Role role, long joinedAtVersion) {
      Member m = new Member(id, role, joinedAtVersion);
      if (!m.equals(members.get(id))) {
        ownMembers().put(id, m);
      }
      return this;
    }

    /** Removes a member, if present. */
    @CanIgnoreReturnValue
    public Builder removeMember(UUID id) {
      if (members.containsKey(id)) {
        ownMembers().remove(id);
      }
      return this;
    }

    private Map<UUID, Member> ownMembers() {
      if (!membersOwned) {
        members = new TreeMap<>(members);
        membersOwned = true;
      }
      return members;
    }

    /** Adds ({@code true}) or removes a pending invitee. */
    @CanIgnoreReturnValue
    public Builder invitee(UUID id, boolean present) {
      if (needsChange(invitees, id, present)) {
        if (!inviteesOwned) {
          invitees = new HashSet<>(invitees);
          inviteesOwned = true;
        }
        mark(invitees, id, present);
      }
      return this;
    }

    /** Adds ({@code true}) or removes a pending requester. */
    @CanIgnoreReturnValue
    public Builder requester(UUID id, boolean present) {
      if (needsChange(requesters, id, present)) {
        if (!requestersOwned) {
          requesters = new HashSet<>(requesters);
          requestersOwned = true;
        }
        mark(requesters, id, present);
      }
      return this;
    }

    /** Adds ({@code true}) or removes a banned user. */
    @CanIgnoreReturnValue
    public Builder banned(UUID id, boolean present) {
      if (needsChange(banned, id, present)) {
        if (!bannedOwned) {
          banned = new HashSet<>(banned);
          bannedOwned = true;
        }
        mark(banned, id, present);
      }
      return this;
    }

    private static boolean needsChange(Set<UUID> set, UUID id, boolean present) {
      Checks.requireNonNull(id, "id");
      return set.contains(id) != present;
    }

    private static void mark(Set<UUID> set, UUID id, boolean present) {
      if (present) {
        set.add(id);
      } else {
        set.remove(id);
      }
    }

    /** Sets access control (default {@link AccessControl#DEFAULT}). */
    @CanIgnoreReturnValue
    public Builder accessControl(AccessControl accessControl) {
      this.accessControl = Checks.requireNonNull(accessControl, "accessControl");
      return this;
    }

    /** Sets an attribute blob (copied); an empty blob clears it. */
    @CanIgnoreReturnValue
    public Builder attribute(Attribute attribute, byte[] blob) {
      Checks.requireNonNull(attribute, "attribute");
      Checks.requireNonNull(blob, "blob");
      if (blob.length == 0) {
        attributes.remove(attribute);
      } else {
        attributes.put(attribute, blob.clone());
      }
      return this;
    }

    /** Sets the invite-link password (copied); empty disables the link. */
    @CanIgnoreReturnValue
    public Builder inviteLinkPassword(byte[] password) {
      this.inviteLinkPassword = Checks.requireNonNull(password, "password").clone();
      return this;
    }

    /**
     * Sets the maximum of members plus invitees (default 1000, at most {@value #MAX_GROUP_SIZE}).
     */
    @CanIgnoreReturnValue
    public Builder maxSize(int maxSize) {
      this.maxSize = Checks.requireInRange("maxSize", maxSize, 1, MAX_GROUP_SIZE);
      return this;
    }

    /** Sets the key epoch (default 0). */
    @CanIgnoreReturnValue
    public Builder keyEpoch(long keyEpoch) {
      this.keyEpoch = Checks.requireInRange("keyEpoch", keyEpoch, 0, Long.MAX_VALUE);
      return this;
    }

    /**
     * Builds the state.
     *
     * @throws IllegalArgumentException if an invariant listed on {@link GroupState} does not hold
     */
    public GroupState build() {
      GroupState b = base;
      boolean listsAsInBase =
          b != null
              && !membersOwned
              && !inviteesOwned
              && !requestersOwned
              && !bannedOwned
              && maxSize >= b.maxSize
              && version >= b.version;
      if (!listsAsInBase) {
        checkLists();
      }
      for (Map.Entry<Attribute, byte[]> e : attributes.entrySet()) {
        Checks.requireArgument(
            e.getValue().length <= e.getKey().maxBytes(),
            "%s blob must be at most %d bytes",
            e.getKey(),
            e.getKey().maxBytes());
      }
      int pw = inviteLinkPassword.length;
      Checks.requireArgument(
          pw == 0 || (pw >= MIN_PASSWORD_BYTES && pw <= MAX_PASSWORD_BYTES),
          "invite-link password must be empty or %d to %d bytes",
          MIN_PASSWORD_BYTES,
          MAX_PASSWORD_BYTES);
      return new GroupState(this);
    }

    /**
     * The invariants on the lists. The base state satisfied them, so they still hold when the lists
     * are the base's, the maximum size did not shrink and the version did not go down.
     */
    private void checkLists() {
      Checks.requireArgument(
          members.size() + invitees.size() <= maxSize,
          "members plus invitees must be at most maxSize %d",
          maxSize);
      Checks.requireArgument(requesters.size() <= maxSize, "requesters must be at most maxSize");
      Checks.requireArgument(banned.size() <= MAX_BANNED, "banned must be at most %d", MAX_BANNED);
      Checks.requireArgument(
          disjoint(members.keySet(), invitees, requesters, banned),
          "members, invitees, requesters and banned must be disjoint");
      Checks.requireArgument(
          members.isEmpty()
              || members.values().stream().anyMatch(m -> m.role() == Role.ADMINISTRATOR),
          "a group with members must have at least one administrator");
      for (Member m : members.values()) {
        Checks.requireArgument(
            m.joinedAtVersion() <= version, "joinedAtVersion must not exceed version");
      }
    }

    @SafeVarargs
    private static boolean disjoint(Set<UUID>... sets) {
      Set<UUID> seen = new HashSet<>();
      for (Set<UUID> s : sets) {
        for (UUID id : s) {
          if (!seen.add(id)) {
            return false;
          }
        }
      }
      return true;
    }
  }
}
