package dev.bulwark.examples.server;

import static dev.bulwark.examples.server.Protections.GROUPS;

import dev.bulwark.errors.InternalReason;
import dev.bulwark.groups.ApplyResult;
import dev.bulwark.groups.GroupChange;
import dev.bulwark.groups.GroupChangeCodec;
import dev.bulwark.groups.GroupId;
import dev.bulwark.groups.GroupState;
import dev.bulwark.groups.LogIntegrityException;
import dev.bulwark.groups.LogPage;
import dev.bulwark.groups.ReadResult;
import dev.bulwark.groups.Role;
import dev.bulwark.groups.SignedHead;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Groups. {@code PUT /v1/groups} creates a group with the caller as administrator; {@code PATCH
 * /v1/groups/{group}} applies a change signed by its author, who must be the caller; {@code GET
 * /v1/groups/{group}/keys/{epoch}} serves the caller's own key package of an epoch; {@code GET
 * /v1/groups/{group}/log?from=N} serves a member a page of the change log from version N (not
 * before the version it joined at) with the server's signed head over it, for the member to verify
 * with {@link dev.bulwark.groups.ChangeLog#verify}. Every refusal is one opaque answer, so
 * outsiders do not learn whether a group exists.
 *
 * <p>If the store returns a log entry this server did not write (someone rewrote it behind the
 * server's back), the groups module refuses to sign a head over it or chain a change onto it: the
 * request fails closed with the internal-error answer and nothing changes.
 */
final class GroupEndpoints {
  record Create(String groupId, List<UUID> members) {}

  record Change(String change) {}

  /** A log entry on the wire: its stored fields, all binary fields in base64. */
  record Entry(long version, String change, String previousHash, String seal) {}

  /** A signed head on the wire. */
  record Head(long version, String hash, String signature) {}

  /** A page of the log: entries in version order and the signed head that covers them. */
  record Page(List<Entry> entries, Head head) {}

  /** Entries per page. */
  static final int PAGE_SIZE = 100;

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
    ApplyResult result;
    try {
      result = bulwark.groups.apply(change);
    } catch (LogIntegrityException e) {
      throw integrityFailure(e);
    }
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

  Reply log(Call call) {
    long from = Long.parseLong(call.query("from"));
    if (from < 1) {
      throw new IllegalArgumentException("from must be at least 1");
    }
    ReadResult<LogPage> result;
    try {
      result = bulwark.groups.readLog(groupId(call), call.account(), from, PAGE_SIZE);
    } catch (LogIntegrityException e) {
      throw integrityFailure(e);
    }
    if (result instanceof ReadResult.Granted<LogPage> granted) {
      LogPage page = granted.value();
      Base64.Encoder b64 = Base64.getEncoder();
      List<Entry> entries =
          page.entries().stream()
              .map(
                  e ->
                      new Entry(
                          e.version(),
                          b64.encodeToString(e.change()),
                          b64.encodeToString(e.previousHash()),
                          b64.encodeToString(e.seal())))
              .toList();
      SignedHead h = page.head();
      Head head =
          new Head(h.version(), b64.encodeToString(h.hash()), b64.encodeToString(h.signature()));
      return Reply.ok(new Page(entries, head));
    }
    throw bulwark.refuse(GROUPS, InternalReason.WRONG_SECRET, "log " + result);
  }

  private Reply.Refused integrityFailure(LogIntegrityException e) {
    return bulwark.refuse(
        GROUPS,
        InternalReason.INTERNAL_ERROR,
        "group log integrity, store tampered or foreign: " + e.getMessage());
  }

  private static GroupId groupId(Call call) {
    return groupId(call.param("group"));
  }

  private static GroupId groupId(String base64url) {
    return GroupId.of(Base64.getUrlDecoder().decode(base64url));
  }
}
