package dev.bulwark.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The change log as a specification: it always verifies, and any edit to it is detected. */
class ChangeLogProperties {

  private static List<LogEntry> randomLog(long seed, List<Integer> steps) {
    GroupFixture f = new GroupFixture(seed, 6, 2);
    // one accepted change at least, so there is something to edit
    f.adminApplies(new GroupAction.ModifyAttribute(Attribute.AVATAR, new byte[] {1}));
    for (int x : steps) {
      ApplyResult ignored = f.server.apply(RandomChanges.step(f, x).change());
    }
    // the auditor's view: the store's whole log
    return f.store.readLog(f.groupId, 1, 10_000);
  }

  private static ChangeLog.Verification verify(List<LogEntry> log, long seed) {
    GroupFixture f = new GroupFixture(seed, 6, 2);
    return ChangeLog.verify(
        f.groupId, f.server.serverPublicKey(), LogEntry.genesisHash(f.groupId), log);
  }

  /** After any sequence of changes, the whole log verifies from the genesis hash. */
  @Test
  void theLogAlwaysVerifies() {
    qt().withExamples(100)
        .forAll(longs().all(), lists().of(integers().all()).ofSizeBetween(0, 30))
        .checkAssert(
            (seed, steps) -> {
              List<LogEntry> log = randomLog(seed, steps);
              assertThat(log).extracting(LogEntry::version).startsWith(1L);
              assertThat(verify(log, seed)).isEqualTo(new ChangeLog.Verification(true, -1));
            });
  }

  /**
   * Flipping any bit of any field of any entry (change bytes, previous hash, server signature), or
   * dropping, duplicating or reordering an entry, makes verification fail. (Cutting off the newest
   * entries leaves a valid prefix; a reader detects that by comparing with the group's version.)
   */
  @Test
  void anyEditToTheLogIsDetected() {
    qt().withExamples(150)
        .forAll(
            longs().all(),
            lists().of(integers().all()).ofSizeBetween(0, 20),
            integers().all(),
            integers().between(0, 5))
        .checkAssert(
            (seed, steps, where, kind) -> {
              List<LogEntry> log = randomLog(seed, steps);
              List<LogEntry> edited = edit(log, where, kind);
              assertThat(verify(edited, seed).valid()).isFalse();
            });
  }

  private static List<LogEntry> edit(List<LogEntry> log, int where, int kind) {
    List<LogEntry> out = new ArrayList<>(log);
    int i = Math.floorMod(where, log.size());
    LogEntry e = log.get(i);
    byte[] change = e.change();
    byte[] prev = e.previousHash();
    byte[] sig = e.serverSignature();
    int bit = Math.floorMod(where >>> 8, 8);
    switch (kind) {
      case 0:
        change[Math.floorMod(where >>> 11, change.length)] ^= (byte) (1 << bit);
        break;
      case 1:
        prev[Math.floorMod(where >>> 11, prev.length)] ^= (byte) (1 << bit);
        break;
      case 2:
        sig[Math.floorMod(where >>> 11, sig.length)] ^= (byte) (1 << bit);
        break;
      case 3:
        if (i == log.size() - 1 && i > 0) {
          // cutting the tail is not an edit of the entries left; readers detect it against the
          // group's version, so drop an earlier entry instead
          i--;
          e = log.get(i);
        }
        out.remove(i);
        if (out.isEmpty()) {
          // dropping the only entry: put back a copy whose server signature is gone
          out.add(0, LogEntry.of(e.groupId(), e.version(), change, prev, new byte[64]));
        }
        return out;
      case 4:
        out.add(i, e);
        return out;
      default:
        if (out.size() > 1) {
          int j = (i + 1) % out.size();
          out.set(i, log.get(j));
          out.set(j, e);
        } else {
          out.set(0, LogEntry.of(e.groupId(), e.version() + 1, change, prev, sig));
        }
        return out;
    }
    out.set(i, LogEntry.of(e.groupId(), e.version(), change, prev, sig));
    return out;
  }
}
