package dev.bulwark.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rotating the server's signing key as a specification. Server A holds key K1 and applies part of a
 * random history; at a random point server B, with current key K2 and K1 as its only retired key,
 * takes over the same store and applies the rest. B holds K1 only in its retired form ({@link
 * RetiredServerKey}, exported and restored as a host that destroyed K1's seed would), never K1's
 * seed. Then:
 *
 * <ul>
 *   <li>every change gets exactly the outcome it gets from a server that was never rotated, and the
 *       state and the log (entry by entry, by hash) are the same;
 *   <li>every entry B appends is sealed by K2 and not by K1;
 *   <li>every head B signs, and every page a member reads from B, verifies with K2's public key
 *       ({@link ChangeLog#verify}) and never with K1's; a member that trusts a head A signed
 *       continues from its hash across the rotation;
 *   <li>B reports that a group depends on K1 exactly while its newest entry is one A sealed;
 *   <li>a rewritten newest entry is still refused ({@link LogIntegrityException}, nothing stored),
 *       whichever key sealed the original.
 * </ul>
 *
 * <p>What the retired key does not do: vouch for anything sealed after the rotation, seal a new
 * entry or sign a head.
 */
class ServerKeyRotationProperties {

  @Test
  void aRotationChangesNoOutcomeAndEveryHeadVerifiesOnlyWithTheNewKey() {
    qt().withExamples(100)
        .withShrinkCycles(30)
        .forAll(
            longs().all(),
            lists().of(integers().all()).ofSizeBetween(0, 24),
            integers().all(),
            integers().all())
        .checkAssert(
            (seed, steps, cut, edit) -> {
              GroupFixture plain = new GroupFixture(seed, 6, 2);
              GroupFixture rotated = new GroupFixture(seed, 6, 2);
              SigningKey k1 = rotated.serverKey;
              SigningKey k2 = SigningKey.generate(GroupFixture.deterministic(new Random(~seed)));
              // at least one entry sealed by K1, so the hand-over has something to take over
              plain.adminApplies(new GroupAction.ModifyAttribute(Attribute.AVATAR, new byte[] {1}));
              rotated.adminApplies(
                  new GroupAction.ModifyAttribute(Attribute.AVATAR, new byte[] {1}));

              int rotateAt = Math.floorMod(cut, steps.size() + 1);
              GroupServer b = null;
              SignedHead lastHeadFromA = null;
              boolean appliedAfterRotation = false;
              for (int i = 0; i <= steps.size(); i++) {
                if (i == rotateAt) {
                  lastHeadFromA = rotated.server.signedHead(rotated.groupId);
                  b = rotatedServer(rotated, k2, k1);
                }
                if (i == steps.size()) {
                  break;
                }
                int x = steps.get(i);
                GroupServer current = b == null ? rotated.server : b;
                ApplyResult expected = plain.server.apply(RandomChanges.step(plain, x).change());
                ApplyResult actual = current.apply(RandomChanges.step(rotated, x).change());
                assertSameOutcome(actual, expected);
                if (actual instanceof ApplyResult.Applied a) {
                  assertThat(a.logEntry().sealedBy(b == null ? k1 : k2)).isTrue();
                  assertThat(a.logEntry().sealedBy(b == null ? k2 : k1)).isFalse();
                  appliedAfterRotation |= b != null;
                }
              }

              GroupId g = rotated.groupId;
              assertThat(rotated.state()).isEqualTo(plain.state());
              List<LogEntry> log = rotated.store.readLog(g, 1, 10_000);
              assertThat(log)
                  .extracting(e -> List.of(e.version(), hex(e.hash())))
                  .isEqualTo(
                      plain.store.readLog(g, 1, 10_000).stream()
                          .map(e -> List.of(e.version(), hex(e.hash())))
                          .toList());

              // heads and pages from B verify with K2, never with K1
              assertThat(b.serverPublicKey()).isEqualTo(k2.publicKey());
              SignedHead head = b.signedHead(g);
              assertThat(head.hash()).isEqualTo(plain.server.signedHead(g).hash());
              assertThat(head.verifies(k2.publicKey())).isTrue();
              assertThat(head.verifies(k1.publicKey())).isFalse();
              byte[] genesis = LogEntry.genesisHash(g);
              assertThat(ChangeLog.verify(g, k2.publicKey(), genesis, log, head))
                  .isEqualTo(new ChangeLog.Verification(true, -1));
              assertThat(ChangeLog.verify(g, k1.publicKey(), genesis, log, head))
                  .isEqualTo(new ChangeLog.Verification(false, head.version()));
              for (Member m : rotated.state().members().values()) {
                long from = Math.max(1, m.joinedAtVersion());
                LogPage page =
                    ((ReadResult.Granted<LogPage>) b.readLog(g, m.id(), from, 1 + (cut & 7)))
                        .value();
                assertThat(ChangeLog.verify(g, k2.publicKey(), null, page).valid()).isTrue();
                assertThat(ChangeLog.verify(g, k1.publicKey(), null, page).valid()).isFalse();
              }

              // a reader that trusts A's last head continues from its hash under B's head
              long trusted = lastHeadFromA.version();
              assertThat(lastHeadFromA.verifies(k1.publicKey())).isTrue();
              assertThat(
                      ChangeLog.verify(
                              g,
                              k2.publicKey(),
                              lastHeadFromA.hash(),
                              log.subList((int) trusted, log.size()),
                              head)
                          .valid())
                  .isTrue();

              // the group depends on K1 exactly while its newest entry is one A sealed
              assertThat(b.retiredKeyNeededBy(g))
                  .isEqualTo(appliedAfterRotation ? null : k1.publicKey());

              assertRewrittenNewestEntryIsRefused(rotated, k2, k1, edit);
            });
  }

  /**
   * Server B: {@code current}, with {@code retired} only in the form a host keeps after destroying
   * its seed (exported, then restored).
   */
  private static GroupServer rotatedServer(GroupFixture f, SigningKey current, SigningKey retired) {
    return GroupServer.builder(f.store, f.directory, current)
        .retiredServerKeys(restoredRetiredForm(retired))
        .build();
  }

  private static RetiredServerKey restoredRetiredForm(SigningKey key) {
    return RetiredServerKey.importSecret(RetiredServerKey.of(key).exportSecret());
  }

  private static void assertSameOutcome(ApplyResult actual, ApplyResult expected) {
    if (expected instanceof ApplyResult.Applied e) {
      assertThat(actual).isInstanceOf(ApplyResult.Applied.class);
      ApplyResult.Applied a = (ApplyResult.Applied) actual;
      assertThat(a.state()).isEqualTo(e.state());
      // the same entry; only the seal (never read by clients) depends on the key
      assertThat(a.logEntry().version()).isEqualTo(e.logEntry().version());
      assertThat(a.logEntry().hash()).isEqualTo(e.logEntry().hash());
    } else {
      assertThat(actual).isEqualTo(expected);
    }
  }

  /**
   * With the newest entry rewritten in its change, previous hash or seal, the rotated server signs
   * no head over it, chains nothing onto it and reports no key for it, and nothing is stored.
   */
  private static void assertRewrittenNewestEntryIsRefused(
      GroupFixture f, SigningKey current, SigningKey retired, int edit) {
    GroupState before = f.state();
    long newest = before.version();
    RewritingStore rewriting = new RewritingStore(f.store, newest, e -> flip(e, edit));
    GroupServer server =
        GroupServer.builder(rewriting, f.directory, current)
            .retiredServerKeys(restoredRetiredForm(retired))
            .build();
    assertThatThrownBy(() -> server.signedHead(f.groupId))
        .isInstanceOf(LogIntegrityException.class);
    assertThatThrownBy(() -> server.retiredKeyNeededBy(f.groupId))
        .isInstanceOf(LogIntegrityException.class);
    UUID admin = GroupFixture.anyAdministrator(before);
    if (admin != null) {
      GroupChange next =
          f.change(admin, new GroupAction.ModifyAccessControl(AccessControl.DEFAULT));
      assertThatThrownBy(() -> server.apply(next)).isInstanceOf(LogIntegrityException.class);
    }
    assertThat(f.state()).isEqualTo(before);
    assertThat(f.store.readLog(f.groupId, 1, 10_000)).hasSize((int) newest);
  }

  private static LogEntry flip(LogEntry e, int edit) {
    byte[] change = e.change();
    byte[] prev = e.previousHash();
    byte[] seal = e.seal();
    int field = Math.floorMod(edit, 3);
    int where = edit >>> 2;
    byte[] target = field == 0 ? change : field == 1 ? prev : seal;
    target[Math.floorMod(where >>> 3, target.length)] ^= (byte) (1 << (where & 7));
    return LogEntry.of(e.groupId(), e.version(), change, prev, seal);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
