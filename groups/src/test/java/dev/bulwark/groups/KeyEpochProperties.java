package dev.bulwark.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Key epochs as a specification, over random sequences of changes from random actors. */
class KeyEpochProperties {

  /**
   * Every user receives a package for an epoch if and only if it was a member when that epoch
   * opened; so a removed member never receives a package of a later epoch, and every change that
   * removes a member opens a new epoch.
   */
  @Test
  void aRemovedMemberNeverReceivesAPackageOfALaterEpoch() {
    qt().withExamples(200)
        .forAll(longs().all(), lists().of(integers().all()).ofSizeBetween(1, 40))
        .checkAssert(
            (seed, steps) -> {
              GroupFixture f = new GroupFixture(seed, 6, 2);
              Map<Long, Set<UUID>> membersAtEpoch = new HashMap<>();
              for (int x : steps) {
                GroupState before = f.state();
                ApplyResult r = f.server.apply(RandomChanges.step(f, x).change());
                GroupState after = f.state();
                if (r.isApplied()) {
                  if (!after.members().keySet().containsAll(before.members().keySet())) {
                    assertThat(after.keyEpoch()).isEqualTo(before.keyEpoch() + 1);
                  }
                  if (after.keyEpoch() != before.keyEpoch()) {
                    membersAtEpoch.put(after.keyEpoch(), Set.copyOf(after.members().keySet()));
                  }
                }
              }
              for (long epoch = 1; epoch <= f.state().keyEpoch() + 1; epoch++) {
                Set<UUID> entitled = membersAtEpoch.getOrDefault(epoch, Set.of());
                for (UUID user : f.users) {
                  ReadResult<byte[]> read = f.server.keyPackage(f.groupId, user, epoch);
                  assertThat(read instanceof ReadResult.Granted)
                      .as("package of epoch %d served iff member then", epoch)
                      .isEqualTo(entitled.contains(user));
                }
              }
            });
  }
}
