package dev.bulwark.groups;

import dev.bulwark.groups.internal.ChangeApplier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one generated integer into a change by a random actor: one or two random actions on random
 * targets, with key packages that are right, missing or wrong, a signature that is right, foreign
 * or tampered, and a target version that is right or stale. The bits of the integer are read as
 * independent choices, so QuickTheories shrinks sequences to few, simple steps.
 */
final class RandomChanges {
  private static final byte[] PASSWORD = new byte[20];

  /** How a step was built, so properties can state what must happen to it. */
  enum Signature {
    VALID,
    FOREIGN,
    TAMPERED
  }

  record Step(GroupChange change, Signature signature, boolean stale) {}

  private RandomChanges() {}

  static Step step(GroupFixture f, int x) {
    List<UUID> users = f.users;
    GroupState state = f.state();
    // Half the steps are the first administrator's, so that groups grow and members get to act.
    UUID author = (x & 8) == 0 ? f.admin() : users.get(Math.floorMod(x, users.size()));
    List<GroupAction> actions = new ArrayList<>();
    actions.add(action(users, x >>> 3, author));
    if (((x >>> 20) & 1) == 1) {
      actions.add(action(users, x >>> 21, author));
    }
    boolean stale = Math.floorMod(x >>> 17, 6) == 0 && state.version() > 0;
    long target = stale ? state.version() : state.version() + 1;
    GroupChange.Builder b = GroupChange.builder(f.groupId, target, author);
    actions.forEach(b::action);
    int packagesMode = Math.floorMod(x >>> 12, 4);
    EpochPackages packages = packages(f, state, author, actions, packagesMode);
    if (packages != null) {
      b.epochPackages(packages);
    }
    Signature sig = Signature.values()[Math.floorMod(x >>> 14, 8) < 6 ? 0 : 1 + ((x >>> 16) & 1)];
    GroupChange change;
    switch (sig) {
      case FOREIGN:
        change = b.sign(f.keys.get(users.get(Math.floorMod(x + 1, users.size()))));
        break;
      case TAMPERED:
        {
          GroupChange good = b.sign(f.keys.get(author));
          byte[] s = good.signature();
          s[Math.floorMod(x >>> 9, 64)] ^= 0x40;
          change = good.withSignature(s);
          break;
        }
      default:
        change = b.sign(f.keys.get(author));
    }
    return new Step(change, sig, stale);
  }

  /** Mode 0 and 1: packages for the members the change would leave; 2: none; 3: wrong ones. */
  private static EpochPackages packages(
      GroupFixture f, GroupState state, UUID author, List<GroupAction> actions, int mode) {
    ChangeApplier dry = new ChangeApplier(state, author);
    if (dry.applyAll(actions) != null) {
      return mode == 2 ? null : f.packagesFor(state.members().keySet());
    }
    Set<UUID> resulting = new HashSet<>(dry.memberIds());
    if (mode == 2) {
      return null;
    }
    if (mode == 3) {
      resulting.addAll(dry.removedMembers());
      resulting.add(f.users.get(f.users.size() - 1));
    }
    return f.packagesFor(resulting);
  }

  private static GroupAction action(List<UUID> users, int x, UUID author) {
    UUID target = users.get(Math.floorMod(x >>> 4, users.size()));
    Role role = ((x >>> 8) & 1) == 0 ? Role.MEMBER : Role.ADMINISTRATOR;
    AccessRequired access = AccessRequired.values()[(x >>> 9) & 3];
    switch (Math.floorMod(x, 14)) {
      case 0:
        return new GroupAction.AddMember(target, role);
      case 1:
        return new GroupAction.RemoveMember(target);
      case 2:
        return new GroupAction.ChangeRole(target, role);
      case 3:
        return new GroupAction.Invite(target);
      case 4:
        return new GroupAction.AcceptInvite();
      case 5:
        return new GroupAction.ApproveRequest(target);
      case 6:
        return new GroupAction.DenyRequest(target);
      case 7:
        return new GroupAction.Ban(target);
      case 8:
        return new GroupAction.Unban(target);
      case 9:
        return new GroupAction.ModifyAttribute(Attribute.TITLE, new byte[(x >>> 11) & 31]);
      case 10:
        return new GroupAction.ModifyAccessControl(new AccessControl(access, access, access));
      case 11:
        return new GroupAction.RotateInviteLink(PASSWORD);
      case 12:
        return new GroupAction.JoinViaLink(PASSWORD);
      default:
        return new GroupAction.RemoveMember(author);
    }
  }
}
