package dev.bulwark.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.groups.GroupAction.AddMember;
import dev.bulwark.groups.GroupAction.ModifyAttribute;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ServerKeyRotationTest {
  private final GroupFixture f = new GroupFixture(7, 6);
  private final UUID admin = f.admin();
  private final UUID alice = f.users.get(1);
  private final SigningKey oldKey = f.serverKey;
  private final SigningKey newKey = key(1);

  /** A fixed key, different for each {@code n} and from the fixture's keys. */
  private static SigningKey key(int n) {
    return SigningKey.fromSeed(seedOf(n));
  }

  /** The retired forms of {@code keys}, a null for a null. */
  private static RetiredServerKey[] retired(SigningKey... keys) {
    RetiredServerKey[] out = new RetiredServerKey[keys.length];
    for (int i = 0; i < keys.length; i++) {
      out[i] = keys[i] == null ? null : RetiredServerKey.of(keys[i]);
    }
    return out;
  }

  private GroupServer.Builder newServer() {
    return GroupServer.builder(f.store, f.directory, newKey);
  }

  @Test
  void withoutTheRetiredKeyANewKeyRefusesTheOldLogAsBefore() {
    f.adminApplies(new AddMember(alice, Role.MEMBER));
    GroupState before = f.state();
    GroupServer b = newServer().build();
    assertThatThrownBy(() -> b.signedHead(f.groupId))
        .isInstanceOf(LogIntegrityException.class)
        .hasMessage("the stored log entry at version 1 is not sealed by any key this server holds");
    assertThatThrownBy(() -> b.readLog(f.groupId, admin, 1, 10))
        .isInstanceOf(LogIntegrityException.class);
    assertThatThrownBy(
            () -> b.apply(f.change(admin, new ModifyAttribute(Attribute.TITLE, new byte[] {9}))))
        .isInstanceOf(LogIntegrityException.class);
    assertThatThrownBy(() -> b.retiredKeyNeededBy(f.groupId))
        .isInstanceOf(LogIntegrityException.class);
    assertThat(f.state()).isEqualTo(before);
    assertThat(f.store.readLog(f.groupId, 1, 10)).hasSize(1);
  }

  @Test
  void withTheRetiredKeyTheNewKeyExtendsTheLogAndSignsEveryHead() {
    f.adminApplies(new AddMember(alice, Role.MEMBER));
    GroupServer b = newServer().retiredServerKeys(retired(oldKey)).build();
    assertThat(b.serverPublicKey()).isEqualTo(newKey.publicKey());

    // the head over the entry the old key sealed is signed by the new key
    SignedHead head1 = b.signedHead(f.groupId);
    assertThat(head1.version()).isEqualTo(1);
    assertThat(head1.verifies(newKey.publicKey())).isTrue();
    assertThat(head1.verifies(oldKey.publicKey())).isFalse();
    assertThat(b.retiredKeyNeededBy(f.groupId)).isEqualTo(oldKey.publicKey());

    ApplyResult r = b.apply(f.change(admin, new ModifyAttribute(Attribute.TITLE, new byte[] {3})));
    assertThat(r.isApplied()).isTrue();
    LogEntry entry2 = ((ApplyResult.Applied) r).logEntry();
    assertThat(entry2.sealedBy(newKey)).isTrue();
    assertThat(entry2.sealedBy(oldKey)).isFalse();
    assertThat(b.retiredKeyNeededBy(f.groupId)).isNull();

    LogPage page = ((ReadResult.Granted<LogPage>) b.readLog(f.groupId, admin, 1, 10)).value();
    byte[] genesis = LogEntry.genesisHash(f.groupId);
    assertThat(ChangeLog.verify(f.groupId, newKey.publicKey(), genesis, page).valid()).isTrue();
    assertThat(ChangeLog.verify(f.groupId, oldKey.publicKey(), genesis, page).valid()).isFalse();

    // once no group depends on it, the old key can go
    GroupServer withoutOldKey = newServer().build();
    assertThat(withoutOldKey.signedHead(f.groupId).hash()).isEqualTo(entry2.hash());
    assertThat(withoutOldKey.apply(f.change(admin, new AddMember(f.users.get(2), Role.MEMBER))))
        .matches(ApplyResult::isApplied);
  }

  @Test
  void aGroupWithNoEntryOrNoSuchGroupNeedsNoRetiredKey() {
    GroupServer b = newServer().retiredServerKeys(retired(oldKey)).build();
    assertThat(b.retiredKeyNeededBy(f.groupId)).isNull();
    assertThat(b.retiredKeyNeededBy(GroupId.of(new byte[32]))).isNull();
    assertThat(b.signedHead(f.groupId).verifies(newKey.publicKey())).isTrue();
  }

  @Test
  void anEntrySealedByAnUnrelatedKeyIsRefusedEvenWithRetiredKeys() {
    SigningKey unrelated = key(3);
    f.adminApplies(new AddMember(alice, Role.MEMBER));
    GroupState before = f.state();
    // the genuine newest entry, resealed under a key the new server was not given
    RewritingStore resealed =
        new RewritingStore(
            f.store,
            1,
            e ->
                LogEntry.of(
                    e.groupId(),
                    e.version(),
                    e.change(),
                    e.previousHash(),
                    unrelated.seal(e.hash())));
    GroupServer b =
        GroupServer.builder(resealed, f.directory, newKey)
            .retiredServerKeys(retired(oldKey, key(4)))
            .build();
    assertThatThrownBy(() -> b.signedHead(f.groupId)).isInstanceOf(LogIntegrityException.class);
    assertThatThrownBy(() -> b.readLog(f.groupId, admin, 1, 10))
        .isInstanceOf(LogIntegrityException.class);
    assertThatThrownBy(() -> b.retiredKeyNeededBy(f.groupId))
        .isInstanceOf(LogIntegrityException.class);
    assertThatThrownBy(
            () -> b.apply(f.change(admin, new ModifyAttribute(Attribute.TITLE, new byte[] {9}))))
        .isInstanceOf(LogIntegrityException.class);
    assertThat(f.state()).isEqualTo(before);

    // the same holds for a log that another server, under the unrelated key, wrote itself
    GroupFixture other = new GroupFixture(8, 3);
    GroupServer third = GroupServer.builder(other.store, other.directory, unrelated).build();
    assertThat(
            third.apply(
                other.change(other.admin(), new ModifyAttribute(Attribute.TITLE, new byte[] {9}))))
        .matches(ApplyResult::isApplied);
    GroupServer rotated =
        GroupServer.builder(other.store, other.directory, newKey)
            .retiredServerKeys(RetiredServerKey.of(other.serverKey))
            .build();
    assertThatThrownBy(() -> rotated.signedHead(other.groupId))
        .isInstanceOf(LogIntegrityException.class);
  }

  @Test
  void retiredKeysAreValidated() {
    assertThatThrownBy(() -> newServer().retiredServerKeys((RetiredServerKey[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("retiredServerKeys must not be null");
    assertThatThrownBy(() -> newServer().retiredServerKeys(retired(oldKey, null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("retiredServerKeys[1] must not be null");
    assertThatThrownBy(() -> newServer().retiredServerKeys(retired(oldKey, newKey)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "retiredServerKeys[1] is the current serverKey; a key is either current or retired");
    // the same key twice, also when the second is another object made from the same seed or
    // restored from an export
    SigningKey sameAsKey2 = SigningKey.fromSeed(seedOf(2));
    assertThatThrownBy(() -> newServer().retiredServerKeys(retired(key(2), key(3), sameAsKey2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retiredServerKeys[2] is the same key as retiredServerKeys[0]");
    RetiredServerKey restored =
        RetiredServerKey.importSecret(RetiredServerKey.of(key(2)).exportSecret());
    assertThatThrownBy(
            () ->
                newServer()
                    .retiredServerKeys(
                        RetiredServerKey.of(key(2)), RetiredServerKey.of(key(3)), restored))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retiredServerKeys[2] is the same key as retiredServerKeys[0]");
    assertThatThrownBy(() -> newServer().retiredServerKeys(retired(oldKey, oldKey)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retiredServerKeys[1] is the same key as retiredServerKeys[0]");
    RetiredServerKey[] tooMany = new RetiredServerKey[GroupServer.MAX_RETIRED_SERVER_KEYS + 1];
    for (int i = 0; i < tooMany.length; i++) {
      tooMany[i] = RetiredServerKey.of(key(10 + i));
    }
    assertThatThrownBy(() -> newServer().retiredServerKeys(tooMany))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retiredServerKeys must hold at most 4 keys, got 5");

    // the maximum is allowed, and a later call replaces the keys (none at all included)
    RetiredServerKey[] most = java.util.Arrays.copyOf(tooMany, GroupServer.MAX_RETIRED_SERVER_KEYS);
    assertThat(newServer().retiredServerKeys(most).build()).isNotNull();
    f.adminApplies(new AddMember(alice, Role.MEMBER));
    GroupServer cleared =
        newServer().retiredServerKeys(retired(oldKey)).retiredServerKeys().build();
    assertThatThrownBy(() -> cleared.signedHead(f.groupId))
        .isInstanceOf(LogIntegrityException.class);
    // a caller's array changed after the call changes nothing
    RetiredServerKey[] given = retired(oldKey);
    GroupServer.Builder builder = newServer().retiredServerKeys(given);
    given[0] = RetiredServerKey.of(key(5));
    assertThat(builder.build().signedHead(f.groupId).version()).isEqualTo(1);
  }

  @Test
  void noMessageOrToStringHoldsKeyMaterial() {
    List<String> printed = new ArrayList<>();
    for (Runnable bad :
        List.<Runnable>of(
            () -> newServer().retiredServerKeys(retired(oldKey, newKey)),
            () -> newServer().retiredServerKeys(retired(key(2), key(2))),
            () -> newServer().retiredServerKeys(retired(key(2), null)),
            () -> newServer().retiredServerKeys(new RetiredServerKey[9]))) {
      try {
        bad.run();
      } catch (RuntimeException e) {
        printed.add(e.getMessage());
      }
    }
    f.adminApplies(new AddMember(alice, Role.MEMBER));
    try {
      GroupServer b = newServer().build();
      printed.add(b.toString());
      SignedHead ignored = b.signedHead(f.groupId);
    } catch (LogIntegrityException e) {
      printed.add(e.getMessage());
    }
    GroupServer.Builder builder = newServer().retiredServerKeys(retired(oldKey, key(2)));
    printed.add(builder.toString());
    printed.add(builder.build().toString());
    printed.add(oldKey + " " + newKey + " " + RetiredServerKey.of(oldKey));
    assertThat(printed).hasSize(9);
    String all = String.join("\n", printed);
    for (SigningKey k : List.of(oldKey, newKey, key(2))) {
      assertThat(all)
          .doesNotContainIgnoringCase(HexFormat.of().formatHex(k.publicKey()))
          .doesNotContain(Base64.getEncoder().encodeToString(k.publicKey()))
          .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(k.publicKey()));
    }
    for (int n : new int[] {1, 2}) {
      assertThat(all)
          .doesNotContainIgnoringCase(HexFormat.of().formatHex(seedOf(n)))
          .doesNotContain(Base64.getEncoder().encodeToString(seedOf(n)));
    }
  }

  private static byte[] seedOf(int n) {
    byte[] seed = new byte[32];
    new Random(1000 + n).nextBytes(seed);
    return seed;
  }
}
