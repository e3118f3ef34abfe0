package dev.bulwark.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.groups.GroupAction.AddMember;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GroupChangeCodecTest {
  private static final GroupId GROUP = GroupId.of(new byte[32]);
  private static final SigningKey KEY = SigningKey.fromSeed(new byte[32]);
  private static final UUID A = new UUID(1, 2);
  private static final UUID B = new UUID(3, 4);

  static List<GroupAction> everyAction() {
    byte[] pw = new byte[16];
    return List.of(
        new AddMember(A, Role.ADMINISTRATOR),
        new GroupAction.RemoveMember(B),
        new GroupAction.ChangeRole(A, Role.MEMBER),
        new GroupAction.Invite(B),
        new GroupAction.AcceptInvite(),
        new GroupAction.ApproveRequest(A),
        new GroupAction.DenyRequest(B),
        new GroupAction.Ban(A),
        new GroupAction.Unban(B),
        new GroupAction.ModifyAttribute(Attribute.DESCRIPTION, new byte[] {1, 2, 3}),
        new GroupAction.ModifyAccessControl(
            new AccessControl(
                AccessRequired.ANY, AccessRequired.ADMINISTRATOR, AccessRequired.UNSATISFIABLE)),
        new GroupAction.RotateInviteLink(new byte[0]),
        new GroupAction.JoinViaLink(pw));
  }

  static GroupChange sample() {
    GroupChange.Builder b = GroupChange.builder(GROUP, 7, A);
    everyAction().forEach(b::action);
    return b.epochPackages(EpochPackages.of(3, Map.of(A, new byte[] {9}, B, new byte[] {8, 8})))
        .sign(KEY);
  }

  @Test
  void aResignedChangeKeepsAnEncodingThatMatchesItsFields() {
    GroupChange c = sample();
    byte[] other = new byte[64];
    other[5] = 1;
    GroupChange resigned = c.withSignature(other);
    assertThat(GroupChangeCodec.encode(resigned))
        .isEqualTo(GroupChangeCodec.encodeFields(resigned))
        .isNotEqualTo(GroupChangeCodec.encode(c));
    assertThat(GroupChangeCodec.signingInput(resigned)).isEqualTo(GroupChangeCodec.signingInput(c));
    byte[] out = GroupChangeCodec.encode(c);
    out[0] ^= 1;
    assertThat(GroupChangeCodec.encode(c)).isEqualTo(GroupChangeCodec.encodeFields(c));
  }

  @Test
  void everyActionRoundTripsToTheSameBytes() {
    GroupChange c = sample();
    byte[] encoded = GroupChangeCodec.encode(c);
    GroupChange decoded = GroupChangeCodec.decode(encoded);
    assertThat(decoded.actions()).isEqualTo(c.actions());
    assertThat(decoded.targetVersion()).isEqualTo(7);
    assertThat(decoded.author()).isEqualTo(A);
    assertThat(decoded.epochPackages().recipients()).containsExactly(A, B);
    assertThat(GroupChangeCodec.encode(decoded)).isEqualTo(encoded);
    assertThat(GroupChangeCodec.encodeFields(decoded)).isEqualTo(encoded);
    assertThat(GroupChangeCodec.encodeFields(c)).isEqualTo(encoded);
    assertThat(encoded[0]).isEqualTo((byte) GroupChangeCodec.FORMAT_VERSION);
  }

  @Test
  void signingInputBindsGroupAndVersion() {
    GroupChange c = sample();
    GroupChange other =
        GroupChange.builder(GroupId.of(filled(32, 1)), 7, A)
            .action(new GroupAction.AcceptInvite())
            .sign(KEY);
    GroupChange otherVersion =
        GroupChange.builder(GROUP, 8, A).action(new GroupAction.AcceptInvite()).sign(KEY);
    GroupChange base =
        GroupChange.builder(GROUP, 7, A).action(new GroupAction.AcceptInvite()).sign(KEY);
    assertThat(GroupChangeCodec.signingInput(base))
        .isNotEqualTo(GroupChangeCodec.signingInput(other))
        .isNotEqualTo(GroupChangeCodec.signingInput(otherVersion));
    assertThat(GroupChangeCodec.signingInput(c)).startsWith("bulwark-groups/change/v1".getBytes());
  }

  @Test
  void unknownFormatVersionIsRejected() {
    byte[] e = GroupChangeCodec.encode(sample());
    e[0] = 2;
    assertMalformed(e, "unknown format version");
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] e = GroupChangeCodec.encode(sample());
    assertMalformed(Arrays.copyOf(e, e.length + 1), "trailing bytes");
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] e = GroupChangeCodec.encode(sample());
    for (int n = 0; n < e.length; n++) {
      byte[] prefix = Arrays.copyOf(e, n);
      assertThatThrownBy(() -> GroupChangeCodec.decode(prefix))
          .isInstanceOf(MalformedEncodingException.class);
    }
  }

  @Test
  void unknownActionTagIsRejected() {
    assertMalformed(header(1).put((byte) 99).array(), "unknown action tag 99");
    assertMalformed(header(1).put((byte) 0).array(), "unknown action tag 0");
  }

  @Test
  void unknownEnumValuesAreRejected() {
    ByteBuffer b = header(1).put((byte) 1).putLong(1).putLong(2).put((byte) 2);
    assertMalformed(b.array(), "unknown role value 2");
  }

  @Test
  void oversizedBlobIsRejectedBeforeAllocation() {
    ByteBuffer b = header(1).put((byte) 10).put((byte) 0).putInt(Integer.MAX_VALUE);
    assertMalformed(b.array(), "attribute blob length must be at most 1024");
    assertThatThrownBy(
            () ->
                new GroupAction.ModifyAttribute(
                    Attribute.TITLE, new byte[Attribute.TITLE.maxBytes() + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TITLE blob must be at most 1024 bytes");
  }

  @Test
  void hugeCountsAreRejectedBeforeAllocation() {
    assertMalformed(header(0xffff).array(), "actionCount must be between 1 and 1024");
    assertMalformed(header(0).array(), "actionCount must be between 1 and 1024");
    ByteBuffer packages = header(1).put((byte) 5).put((byte) 1).putLong(1).putShort((short) 60000);
    assertMalformed(packages.array(), "packageCount must be at most 10000");
  }

  @Test
  void wrongSignatureLengthIsRejected() {
    byte[] e = GroupChangeCodec.encode(sample());
    int sigLenAt = e.length - 65;
    for (int len : new int[] {0, 63, 65, 255}) {
      byte[] bad = e.clone();
      bad[sigLenAt] = (byte) len;
      assertMalformed(bad, "signature must be 64 bytes");
    }
    assertThatThrownBy(() -> sample().withSignature(new byte[63]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signature must be 64 bytes");
  }

  @Test
  void packagesOutOfOrderAreRejected() {
    ByteBuffer b = header(1).put((byte) 5).put((byte) 1).putLong(1).putShort((short) 2);
    b.putLong(5).putLong(5).putInt(1).put((byte) 1);
    b.putLong(1).putLong(1).putInt(1).put((byte) 1);
    assertMalformed(b.array(), "strictly ascending");
  }

  @Test
  void malformedBytesAreRefusedByTheServerWithoutChangingState() {
    GroupFixture f = new GroupFixture(7, 2);
    GroupState before = f.state();
    byte[] e =
        GroupChangeCodec.encode(f.change(f.admin(), new AddMember(f.users.get(1), Role.MEMBER)));
    byte[] trailing = Arrays.copyOf(e, e.length + 1);
    assertThat(f.server.apply(trailing)).isEqualTo(new ApplyResult.Refused(Refusal.MALFORMED, -1));
    assertThat(f.server.apply(new byte[0]))
        .isEqualTo(new ApplyResult.Refused(Refusal.MALFORMED, -1));
    assertThat(f.state()).isEqualTo(before);
    assertThat(f.server.apply(e).isApplied()).isTrue();
  }

  @Test
  void validFuzzSeedsParseSoTheRoundTripBranchIsExercised() throws java.io.IOException {
    for (String seed : List.of("add-member", "every-kind", "with-packages")) {
      try (var in =
          getClass()
              .getResourceAsStream(
                  "GroupChangeCodecFuzzTestInputs/parsesCanonicallyOrRejects/" + seed)) {
        byte[] bytes = in.readAllBytes();
        assertThat(GroupChangeCodec.encodeFields(GroupChangeCodec.decode(bytes))).isEqualTo(bytes);
      }
    }
  }

  /** Format version, group, target version 1, author, action count; sized with room to spare. */
  private static ByteBuffer header(int actionCount) {
    ByteBuffer b = ByteBuffer.allocate(200);
    b.put((byte) 1)
        .put(new byte[32])
        .putLong(1)
        .putLong(1)
        .putLong(2)
        .putShort((short) actionCount);
    return b;
  }

  private static void assertMalformed(byte[] bytes, String message) {
    assertThatThrownBy(() -> GroupChangeCodec.decode(bytes))
        .isInstanceOf(MalformedEncodingException.class)
        .hasMessageContaining(message);
  }

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
