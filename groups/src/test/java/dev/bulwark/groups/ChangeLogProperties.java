package dev.bulwark.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The change log as a specification: it always verifies against the server's signed head, any edit
 * to it or to the head is detected and names the edited entry, entries past the signed head are
 * never accepted, and the server never signs a head over, or chains onto, an entry rewritten in the
 * store.
 *
 * <p>What a {@link SignedHead} at version {@code v} guarantees: entries 1 to {@code v} are exactly
 * the history the server accepted (no entry inserted, dropped, reordered or edited). What it does
 * not: anything about entries after {@code v}.
 */
class ChangeLogProperties {

  /** A fixture after one accepted change and then a random sequence of attempted changes. */
  private static GroupFixture randomHistory(long seed, List<Integer> steps) {
    GroupFixture f = new GroupFixture(seed, 6, 2);
    // one accepted change at least, so there is something to edit
    f.adminApplies(new GroupAction.ModifyAttribute(Attribute.AVATAR, new byte[] {1}));
    for (int x : steps) {
      ApplyResult ignored = f.server.apply(RandomChanges.step(f, x).change());
    }
    return f;
  }

  /** The auditor's view: the store's whole log. */
  private static List<LogEntry> wholeLog(GroupFixture f) {
    return f.store.readLog(f.groupId, 1, 10_000);
  }

  private static ChangeLog.Verification verify(
      GroupFixture f, List<LogEntry> log, SignedHead head) {
    return ChangeLog.verify(
        f.groupId, f.server.serverPublicKey(), LogEntry.genesisHash(f.groupId), log, head);
  }

  /**
   * After any sequence of changes, the whole log verifies from the genesis hash against the
   * server's current head, and so does every page a member reads, each linked to the last hash of
   * the page before.
   */
  @Test
  void theLogAlwaysVerifies() {
    qt().withExamples(100)
        .withShrinkCycles(50)
        .forAll(
            longs().all(),
            lists().of(integers().all()).ofSizeBetween(0, 30),
            integers().between(1, 7))
        .checkAssert(
            (seed, steps, pageSize) -> {
              GroupFixture f = randomHistory(seed, steps);
              List<LogEntry> log = wholeLog(f);
              SignedHead head = f.server.signedHead(f.groupId);
              assertThat(log).extracting(LogEntry::version).startsWith(1L);
              assertThat(head.version()).isEqualTo(f.state().version()).isEqualTo(log.size());
              assertThat(verify(f, log, head)).isEqualTo(new ChangeLog.Verification(true, -1));

              // every current member reads from its join version, page by page
              for (Member m : f.state().members().values()) {
                long from = Math.max(1, m.joinedAtVersion());
                // from version 1 the anchor is the genesis hash; a later joiner trusts the first
                // link
                byte[] anchor = from == 1 ? LogEntry.genesisHash(f.groupId) : null;
                while (true) {
                  LogPage page =
                      ((ReadResult.Granted<LogPage>)
                              f.server.readLog(f.groupId, m.id(), from, pageSize))
                          .value();
                  assertThat(
                          ChangeLog.verify(f.groupId, f.server.serverPublicKey(), anchor, page)
                              .valid())
                      .isTrue();
                  anchor = page.head().hash();
                  if (page.entries().isEmpty()) {
                    break;
                  }
                  from += page.entries().size();
                }
                assertThat(from).isEqualTo(log.size() + 1);
                assertThat(anchor).isEqualTo(head.hash());
              }
            });
  }

  /**
   * Flipping any bit of an entry's change or previous hash, dropping any entry (the newest too),
   * duplicating or reordering entries, appending an entry that is chained and author-signed but not
   * covered by the head, and any edit of the head (signature, hash, version) make verification
   * fail; an edit of an entry's content is reported at that entry's version.
   */
  @Test
  void anyEditToTheLogIsDetected() {
    qt().withExamples(200)
        .withShrinkCycles(50)
        .forAll(
            longs().all(),
            lists().of(integers().all()).ofSizeBetween(0, 20),
            integers().all(),
            integers().between(0, 9))
        .checkAssert(
            (seed, steps, where, kind) -> {
              GroupFixture f = randomHistory(seed, steps);
              List<LogEntry> log = wholeLog(f);
              SignedHead head = f.server.signedHead(f.groupId);
              int i = Math.floorMod(where, log.size());
              List<LogEntry> edited = new ArrayList<>(log);
              SignedHead editedHead = head;
              LogEntry e = log.get(i);
              int bit = Math.floorMod(where >>> 8, 8);
              switch (kind) {
                case 0 -> {
                  byte[] change = e.change();
                  change[Math.floorMod(where >>> 11, change.length)] ^= (byte) (1 << bit);
                  edited.set(
                      i, LogEntry.of(f.groupId, e.version(), change, e.previousHash(), e.seal()));
                }
                case 1 -> {
                  byte[] prev = e.previousHash();
                  prev[Math.floorMod(where >>> 11, prev.length)] ^= (byte) (1 << bit);
                  edited.set(i, LogEntry.of(f.groupId, e.version(), e.change(), prev, e.seal()));
                }
                case 2 -> edited.remove(i);
                case 3 -> edited.add(i, e);
                case 4 -> {
                  if (log.size() > 1) {
                    int j = (i + 1) % log.size();
                    edited.set(i, log.get(j));
                    edited.set(j, e);
                  } else {
                    edited.set(
                        0, LogEntry.of(f.groupId, 2, e.change(), e.previousHash(), e.seal()));
                  }
                }
                case 5 -> {
                  byte[] sig = head.signature();
                  sig[Math.floorMod(where >>> 11, sig.length)] ^= (byte) (1 << bit);
                  editedHead = SignedHead.of(f.groupId, head.version(), head.hash(), sig);
                }
                case 6 -> {
                  byte[] hash = head.hash();
                  hash[Math.floorMod(where >>> 11, hash.length)] ^= (byte) (1 << bit);
                  editedHead = SignedHead.of(f.groupId, head.version(), hash, head.signature());
                }
                case 7 ->
                    editedHead =
                        SignedHead.of(
                            f.groupId,
                            head.version() + ((where & 1) == 0 ? 1 : -1),
                            head.hash(),
                            head.signature());
                case 8 -> edited.remove(log.size() - 1);
                default -> edited.add(forgedNext(f, log.get(log.size() - 1)));
              }
              ChangeLog.Verification v = verify(f, edited, editedHead);
              assertThat(v.valid()).isFalse();
              if (kind <= 1) {
                assertThat(v.firstInvalidVersion()).isEqualTo(e.version());
              }
              if (kind == 9) {
                assertThat(v.firstInvalidVersion()).isEqualTo(head.version() + 1);
              }
            });
  }

  /**
   * An entry for the next version, author-signed by the administrator and linked to {@code last}'s
   * hash, with a made-up seal: what a store could append after the last signed head.
   */
  private static LogEntry forgedNext(GroupFixture f, LogEntry last) {
    GroupChange c =
        f.change(
            f.admin(),
            last.version() + 1,
            new GroupAction.ModifyAttribute(Attribute.TITLE, new byte[] {7}));
    return LogEntry.of(
        f.groupId, last.version() + 1, GroupChangeCodec.encode(c), last.hash(), new byte[32]);
  }

  /**
   * Entries after a signed head are never accepted, even genuine ones: a head at version {@code k}
   * verifies exactly the run 1..k, and a run that goes past it is refused at {@code k + 1}.
   */
  @Test
  void entriesPastTheSignedHeadAreRefused() {
    qt().withExamples(100)
        .withShrinkCycles(50)
        .forAll(longs().all(), lists().of(integers().all()).ofSizeBetween(0, 20), integers().all())
        .checkAssert(
            (seed, steps, pick) -> {
              GroupFixture f = new GroupFixture(seed, 6, 2);
              List<SignedHead> heads = new ArrayList<>();
              f.adminApplies(new GroupAction.ModifyAttribute(Attribute.AVATAR, new byte[] {1}));
              heads.add(f.server.signedHead(f.groupId));
              f.adminApplies(new GroupAction.ModifyAttribute(Attribute.AVATAR, new byte[] {2}));
              for (int x : steps) {
                heads.add(f.server.signedHead(f.groupId));
                ApplyResult ignored = f.server.apply(RandomChanges.step(f, x).change());
              }
              List<LogEntry> log = wholeLog(f);
              // a head signed earlier, at a version below the newest
              heads.removeIf(h -> h.version() == log.size());
              SignedHead earlier = heads.get(Math.floorMod(pick, heads.size()));
              long k = earlier.version();
              assertThat(k).isLessThan(log.size());
              assertThat(verify(f, log.subList(0, (int) k), earlier).valid()).isTrue();
              assertThat(verify(f, log, earlier))
                  .isEqualTo(new ChangeLog.Verification(false, k + 1));
              assertThat(verify(f, log, f.server.signedHead(f.groupId)).valid()).isTrue();
            });
  }

  /** A head is valid only for its own group and only with the key of the server that signed it. */
  @Test
  void aHeadOfAnotherGroupOrServerIsRefused() {
    qt().withExamples(30)
        .withShrinkCycles(20)
        .forAll(longs().all(), lists().of(integers().all()).ofSizeBetween(0, 10))
        .checkAssert(
            (seed, steps) -> {
              GroupFixture f = randomHistory(seed, steps);
              GroupFixture other = randomHistory(seed + 1, steps);
              List<LogEntry> log = wholeLog(f);
              SignedHead head = f.server.signedHead(f.groupId);
              assertThat(verify(f, log, other.server.signedHead(other.groupId)).valid()).isFalse();
              assertThat(
                      ChangeLog.verify(
                              f.groupId,
                              other.server.serverPublicKey(),
                              LogEntry.genesisHash(f.groupId),
                              log,
                              head)
                          .valid())
                  .isFalse();
            });
  }

  /**
   * If the store returns the newest entry rewritten in any field (change, previous hash or seal),
   * the server signs no head over it and accepts no change on top of it, and nothing is stored; if
   * it returns an older entry rewritten, the page a member reads does not verify.
   */
  @Test
  void theServerNeverSignsOrExtendsARewrittenEntry() {
    qt().withExamples(60)
        .withShrinkCycles(30)
        .forAll(
            longs().all(),
            lists().of(integers().all()).ofSizeBetween(0, 12),
            integers().all(),
            integers().between(0, 2))
        .checkAssert(
            (seed, steps, where, field) -> {
              GroupFixture f = randomHistory(seed, steps);
              GroupState before = f.state();
              long newest = before.version();
              long target = 1 + Math.floorMod(where, newest);
              RewritingStore rewriting =
                  new RewritingStore(f.store, target, e -> flip(e, where >>> 8, field));
              GroupServer server = GroupServer.builder(rewriting, f.directory, f.serverKey).build();
              // a member whose view starts at version 1 (the history may have removed the founder)
              UUID reader =
                  before.members().values().stream()
                      .filter(m -> m.joinedAtVersion() <= 1)
                      .map(Member::id)
                      .findFirst()
                      .orElse(null);
              if (target == newest) {
                assertThatThrownBy(() -> server.signedHead(f.groupId))
                    .isInstanceOf(LogIntegrityException.class);
                if (reader != null) {
                  assertThatThrownBy(() -> server.readLog(f.groupId, reader, 1, 1000))
                      .isInstanceOf(LogIntegrityException.class);
                }
                // a change that the honest server applies (checked last) is not applied on top
                // of the rewritten entry
                assertThat(f.state()).isEqualTo(before);
                UUID admin = GroupFixture.anyAdministrator(before);
                if (admin != null) {
                  // access control is the administrators' whatever the random history set it to
                  GroupChange next =
                      f.change(admin, new GroupAction.ModifyAccessControl(AccessControl.DEFAULT));
                  assertThatThrownBy(() -> server.apply(next))
                      .isInstanceOf(LogIntegrityException.class);
                  assertThat(f.state()).isEqualTo(before);
                  assertThat(f.server.apply(next).isApplied()).isTrue();
                }
              } else {
                if (reader == null) {
                  return;
                }
                LogPage page =
                    ((ReadResult.Granted<LogPage>) server.readLog(f.groupId, reader, 1, 1000))
                        .value();
                ChangeLog.Verification v =
                    ChangeLog.verify(
                        f.groupId, server.serverPublicKey(), LogEntry.genesisHash(f.groupId), page);
                // a rewritten seal alone is not the reader's concern: the content is intact
                assertThat(v.valid()).isEqualTo(field == 2);
              }
            });
  }

  private static LogEntry flip(LogEntry e, int where, int field) {
    byte[] change = e.change();
    byte[] prev = e.previousHash();
    byte[] seal = e.seal();
    byte[] target = field == 0 ? change : field == 1 ? prev : seal;
    target[Math.floorMod(where >>> 3, target.length)] ^= (byte) (1 << (where & 7));
    return LogEntry.of(e.groupId(), e.version(), change, prev, seal);
  }
}
