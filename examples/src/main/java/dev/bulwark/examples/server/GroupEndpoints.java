package dev.bulwark.examples.server;

import static dev.bulwark.examples.server.Protections.GROUPS;

import dev.bulwark.errors.InternalReason;
import dev.bulwark.groups.ApplyResult;
import dev.bulwark.groups.GroupChange;
import dev.bulwark.groups.GroupChangeCodec;
import dev.bulwark.groups.GroupId;
import dev.bulwark.groups.GroupState;
import dev.bulwark.groups.ReadResult;
import dev.bulwark.groups.Role;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Groups. {@code PUT /v1/groups} creates a group with the caller as administrator; {@code PATCH
 * /v1/groups/{group}} applies a change signed by its author, who must be the caller; {@code GET
 * /v1/groups/{group}/keys/{epoch}} serves the caller's own key package of an epoch. Every refusal
 * is one opaque answer, so outsiders do not learn whether a group exists.
 */
final class GroupEndpoints {
  record Create(String groupId, List<UUID> members) {}

  record Change(String change) {}

  private final Protections bulwark;

  GroupEndpoints(Protections bulwark) {
    this.bulwark = bulwark;
  }

  Reply create(Call call) {
    Create c = call.body(Create.class);
    GroupState.Builder group = GroupState.builder(groupId(c.groupId()));
    group.member(call.account(), Role.ADMINISTRATOR, 0);
    c.members().forEach(m -> group.member(m, Role.MEMBER, 0));
    if (!bulwark.groups.create(group.build())) {
      throw bulwark.refuse(GROUPS, InternalReason.MALFORMED, "group exists");
    }
    return Reply.ok(Map.of("version", 0));
  }

  Reply change(Call call) {
    GroupChange change =
        GroupChangeCodec.decode(Base64.getDecoder().decode(call.body(Change.class).change()));
    if (!change.author().equals(call.account()) || !change.groupId().equals(groupId(call))) {
      throw bulwark.refuse(GROUPS, InternalReason.WRONG_SECRET, "change not by the caller");
    }
    ApplyResult result = bulwark.groups.apply(change);
    if (result instanceof ApplyResult.Applied applied) {
      return Reply.ok(Map.of("version", applied.state().version()));
    }
    if (result instanceof ApplyResult.Conflict conflict) {
      return Reply.json(409, Map.of("version", conflict.current().version()));
    }
    ApplyResult.Refused refused = (ApplyResult.Refused) result;
    throw bulwark.refuse(GROUPS, InternalReason.WRONG_SECRET, "change " + refused.reason());
  }

  Reply keyPackage(Call call) {
    long epoch = Long.parseLong(call.param("epoch"));
    ReadResult<byte[]> result = bulwark.groups.keyPackage(groupId(call), call.account(), epoch);
    if (result instanceof ReadResult.Granted<byte[]> granted) {
      return Reply.ok(Map.of("package", Base64.getEncoder().encodeToString(granted.value())));
    }
    throw bulwark.refuse(GROUPS, InternalReason.WRONG_SECRET, "key package " + result);
  }

  private static GroupId groupId(Call call) {
    return groupId(call.param("group"));
  }

  private static GroupId groupId(String base64url) {
    return GroupId.of(Base64.getUrlDecoder().decode(base64url));
  }
}
