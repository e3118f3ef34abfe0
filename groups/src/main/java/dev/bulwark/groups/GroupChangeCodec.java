package dev.bulwark.groups;

import dev.bulwark.groups.internal.ByteReader;
import dev.bulwark.groups.internal.ByteWriter;
import dev.bulwark.groups.internal.Ed25519s;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The canonical binary encoding of a {@link GroupChange}, and its signing input. The one class that
 * writes and parses the format.
 *
 * <p>All integers are big-endian and unsigned; {@code uuid} is 16 bytes (most significant half
 * first); {@code blob} is a {@code u32} length followed by that many bytes. Format version 1:
 *
 * <pre>
 * change      = u8 formatVersion (= 0x01)
 *               32 groupId
 *               u64 targetVersion            (1 .. 2^63-1)
 *               uuid author
 *               u16 actionCount              (1 .. 1024)
 *               action[actionCount]
 *               u8 hasPackages               (0 or 1)
 *               [ u64 epoch                  (1 .. 2^63-1)
 *                 u16 packageCount           (0 .. 10000)
 *                 (uuid member, blob package (1 .. 16384))[packageCount]
 *                                            members strictly ascending ]
 *               u8 signatureLength           (= 64)
 *               64 signature
 * action      = u8 tag, then by tag:
 *               1 AddMember        uuid member, u8 role
 *               2 RemoveMember     uuid member
 *               3 ChangeRole       uuid member, u8 role
 *               4 Invite           uuid invitee
 *               5 AcceptInvite     (nothing)
 *               6 ApproveRequest   uuid requester
 *               7 DenyRequest      uuid requester
 *               8 Ban              uuid user
 *               9 Unban            uuid user
 *               10 ModifyAttribute u8 attribute, blob value (0 .. attribute's maximum)
 *               11 ModifyAccess    u8 members, u8 attributes, u8 addFromInviteLink
 *               12 RotateInviteLink blob password (0, or 16 .. 64)
 *               13 JoinViaLink     blob password (16 .. 64)
 * role        = 0 ADMINISTRATOR, 1 MEMBER
 * access      = 0 ANY, 1 MEMBER, 2 ADMINISTRATOR, 3 UNSATISFIABLE
 * attribute   = 0 TITLE, 1 DESCRIPTION, 2 AVATAR
 * </pre>
 *
 * <p>The signing input is the ASCII domain label {@code "bulwark-groups/change/v1"}, a zero byte,
 * then the encoding up to (not including) {@code signatureLength}. The parser rejects, with {@link
 * MalformedEncodingException}: another format version, an unknown tag or enum value, a length or
 * count out of range (before allocating), packages out of order, a truncated field, and trailing
 * bytes. Every value has exactly one encoding. Thread-safe (stateless).
 */
public final class GroupChangeCodec {
  /** The format version this codec writes and the only one it reads. */
  public static final int FORMAT_VERSION = 1;

  private static final byte[] DOMAIN =
      "bulwark-groups/change/v1\0".getBytes(StandardCharsets.US_ASCII);

  private GroupChangeCodec() {}

  /** The canonical encoding of {@code change}, signature included. */
  public static byte[] encode(GroupChange change) {
    return change.encodingRef().clone();
  }

  /** The bytes the author signs: the domain label, then the encoding without the signature. */
  public static byte[] signingInput(GroupChange change) {
    return signingInput(change.encodingRef());
  }

  /** The signing input of a canonical encoding (the encoding minus its signature field). */
  static byte[] signingInput(byte[] encoding) {
    int body = encoding.length - 1 - Ed25519s.SIGNATURE_LENGTH;
    byte[] in = new byte[DOMAIN.length + body];
    System.arraycopy(DOMAIN, 0, in, 0, DOMAIN.length);
    System.arraycopy(encoding, 0, in, DOMAIN.length, body);
    return in;
  }

  /**
   * Encodes {@code change} from its fields (not from the encoding it keeps): what every other
   * method here relies on, and what the codec's tests compare with.
   */
  static byte[] encodeFields(GroupChange change) {
    ByteWriter w = new ByteWriter(128 + 64 * change.actions().size());
    w.u8(FORMAT_VERSION)
        .raw(change.groupId().toBytes())
        .u64(change.targetVersion())
        .uuid(change.author())
        .u16(change.actions().size());
    for (GroupAction a : change.actions()) {
      writeAction(w, a);
    }
    EpochPackages p = change.epochPackages();
    if (p == null) {
      w.u8(0);
    } else {
      w.u8(1).u64(p.epoch()).u16(p.recipients().size());
      for (UUID member : p.recipients()) {
        w.uuid(member).blob(p.packageFor(member));
      }
    }
    return w.u8(Ed25519s.SIGNATURE_LENGTH).raw(change.signature()).toByteArray();
  }

  private static void writeAction(ByteWriter w, GroupAction action) {
    w.u8(action.tag());
    if (action instanceof GroupAction.AddMember a) {
      w.uuid(a.member()).u8(a.role().ordinal());
    } else if (action instanceof GroupAction.RemoveMember a) {
      w.uuid(a.member());
    } else if (action instanceof GroupAction.ChangeRole a) {
      w.uuid(a.member()).u8(a.role().ordinal());
    } else if (action instanceof GroupAction.Invite a) {
      w.uuid(a.invitee());
    } else if (action instanceof GroupAction.ApproveRequest a) {
      w.uuid(a.requester());
    } else if (action instanceof GroupAction.DenyRequest a) {
      w.uuid(a.requester());
    } else if (action instanceof GroupAction.Ban a) {
      w.uuid(a.user());
    } else if (action instanceof GroupAction.Unban a) {
      w.uuid(a.user());
    } else if (action instanceof GroupAction.ModifyAttribute a) {
      w.u8(a.attribute().ordinal()).blob(a.blob());
    } else if (action instanceof GroupAction.ModifyAccessControl a) {
      AccessControl ac = a.accessControl();
      w.u8(ac.members().ordinal())
          .u8(ac.attributes().ordinal())
          .u8(ac.addFromInviteLink().ordinal());
    } else if (action instanceof GroupAction.RotateInviteLink a) {
      w.blob(a.password());
    } else if (action instanceof GroupAction.JoinViaLink a) {
      w.blob(a.password());
    }
    // AcceptInvite has no body.
  }

  /**
   * Parses a change.
   *
   * @throws MalformedEncodingException if {@code encoded} is not exactly one valid version-1
   *     encoding
   */
  public static GroupChange decode(byte[] encoded) {
    if (encoded == null) {
      throw new MalformedEncodingException("encoding must not be null");
    }
    ByteReader r = new ByteReader(encoded);
    int version = r.u8("formatVersion");
    if (version != FORMAT_VERSION) {
      throw new MalformedEncodingException("unknown format version " + version);
    }
    GroupId groupId = GroupId.of(r.raw(GroupId.LENGTH, "groupId"));
    long targetVersion = r.u64("targetVersion");
    if (targetVersion < 1) {
      throw new MalformedEncodingException("targetVersion must be between 1 and 2^63-1");
    }
    UUID author = r.uuid("author");
    int count = r.u16("actionCount");
    if (count < 1 || count > GroupChange.MAX_ACTIONS) {
      throw new MalformedEncodingException(
          "actionCount must be between 1 and " + GroupChange.MAX_ACTIONS);
    }
    List<GroupAction> actions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      actions.add(readAction(r));
    }
    EpochPackages packages = readPackages(r);
    int sigLength = r.u8("signatureLength");
    if (sigLength != Ed25519s.SIGNATURE_LENGTH) {
      throw new MalformedEncodingException("signature must be 64 bytes");
    }
    byte[] signature = r.raw(sigLength, "signature");
    r.requireEnd();
    // Every value has exactly one encoding (the fuzz test checks it against encodeFields), so the
    // input is this change's canonical encoding: keep a copy instead of encoding it again.
    return new GroupChange(
        groupId, targetVersion, author, actions, packages, signature, encoded.clone());
  }

  private static @Nullable EpochPackages readPackages(ByteReader r) {
    int has = r.u8("hasPackages");
    if (has == 0) {
      return null;
    }
    if (has != 1) {
      throw new MalformedEncodingException("hasPackages must be 0 or 1");
    }
    long epoch = r.u64("epoch");
    if (epoch < 1) {
      throw new MalformedEncodingException("epoch must be between 1 and 2^63-1");
    }
    int count = r.u16("packageCount");
    if (count > GroupState.MAX_GROUP_SIZE) {
      throw new MalformedEncodingException(
          "packageCount must be at most " + GroupState.MAX_GROUP_SIZE);
    }
    Map<UUID, byte[]> map = new TreeMap<>();
    UUID previous = null;
    for (int i = 0; i < count; i++) {
      UUID member = r.uuid("package member");
      if (previous != null && previous.compareTo(member) >= 0) {
        throw new MalformedEncodingException("package members must be strictly ascending");
      }
      previous = member;
      byte[] pkg = r.blob("package", EpochPackages.MAX_PACKAGE_BYTES);
      if (pkg.length == 0) {
        throw new MalformedEncodingException("package must not be empty");
      }
      map.put(member, pkg);
    }
    return EpochPackages.of(epoch, map);
  }

  private static GroupAction readAction(ByteReader r) {
    int tag = r.u8("action tag");
    switch (tag) {
      case 1:
        return new GroupAction.AddMember(r.uuid("member"), role(r));
      case 2:
        return new GroupAction.RemoveMember(r.uuid("member"));
      case 3:
        return new GroupAction.ChangeRole(r.uuid("member"), role(r));
      case 4:
        return new GroupAction.Invite(r.uuid("invitee"));
      case 5:
        return new GroupAction.AcceptInvite();
      case 6:
        return new GroupAction.ApproveRequest(r.uuid("requester"));
      case 7:
        return new GroupAction.DenyRequest(r.uuid("requester"));
      case 8:
        return new GroupAction.Ban(r.uuid("user"));
      case 9:
        return new GroupAction.Unban(r.uuid("user"));
      case 10:
        {
          Attribute attribute = enumValue(Attribute.values(), r.u8("attribute"), "attribute");
          return new GroupAction.ModifyAttribute(
              attribute, r.blob("attribute blob", attribute.maxBytes()));
        }
      case 11:
        return new GroupAction.ModifyAccessControl(
            new AccessControl(access(r, "members"), access(r, "attributes"), access(r, "link")));
      case 12:
        return new GroupAction.RotateInviteLink(
            password(r.blob("password", GroupState.MAX_PASSWORD_BYTES), true));
      case 13:
        return new GroupAction.JoinViaLink(
            password(r.blob("password", GroupState.MAX_PASSWORD_BYTES), false));
      default:
        throw new MalformedEncodingException("unknown action tag " + tag);
    }
  }

  private static byte[] password(byte[] password, boolean emptyAllowed) {
    int n = password.length;
    if ((emptyAllowed && n == 0) || n >= GroupState.MIN_PASSWORD_BYTES) {
      return password;
    }
    throw new MalformedEncodingException("password length out of range");
  }

  private static Role role(ByteReader r) {
    return enumValue(Role.values(), r.u8("role"), "role");
  }

  private static AccessRequired access(ByteReader r, String field) {
    return enumValue(AccessRequired.values(), r.u8(field), field);
  }

  private static <E> E enumValue(E[] values, int ordinal, String field) {
    if (ordinal >= values.length) {
      throw new MalformedEncodingException("unknown " + field + " value " + ordinal);
    }
    return values[ordinal];
  }
}
