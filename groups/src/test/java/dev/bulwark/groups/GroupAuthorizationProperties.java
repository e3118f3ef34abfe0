package dev.bulwark.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The authorization rules as a specification, checked over random sequences of changes from random
 * actors (members, administrators, outsiders, banned users) with right, foreign and tampered
 * signatures and right and stale versions.
 */
class GroupAuthorizationProperties {

  private static void run(long seed, List<Integer> steps, StepCheck check) {
    GroupFixture f = new GroupFixture(seed, 6, 2);
    for (int x : steps) {
      RandomChanges.Step step = RandomChanges.step(f, x);
      GroupState before = f.state();
      ApplyResult result = f.server.apply(step.change());
      GroupState after = f.state();
      if (!result.isApplied()) {
        assertThat(after).as("a refused change leaves the state unchanged").isEqualTo(before);
      }
      check.check(step, before, result, after);
    }
  }

  /** Checks {@code check} after every step of 200 random sequences of up to 40 changes. */
  private static void forEveryStep(StepCheck check) {
    qt().withExamples(200)
        .forAll(longs().all(), lists().of(integers().all()).ofSizeBetween(1, 40))
        .checkAssert((seed, steps) -> run(seed, steps, check));
  }

  @FunctionalInterface
  interface StepCheck {
    void check(RandomChanges.Step step, GroupState before, ApplyResult result, GroupState after);
  }

  /**
   * A change whose author is not an administrator never changes anyone's role, the access control,
   * the invite link, the banned list, or the membership of anyone but the author itself.
   */
  @Test
  void aNonAdministratorNeverChangesRolesAccessControlOrAnotherMembersMembership() {
    forEveryStep(
        (step, before, result, after) -> {
          UUID author = step.change().author();
          if (!result.isApplied() || before.isAdministrator(author)) {
            return;
          }
          assertThat(after.accessControl()).isEqualTo(before.accessControl());
          assertThat(after.inviteLinkPassword()).isEqualTo(before.inviteLinkPassword());
          assertThat(after.banned()).isEqualTo(before.banned());
          Set<UUID> removed = new HashSet<>(before.members().keySet());
          removed.removeAll(after.members().keySet());
          assertThat(removed).isSubsetOf(Set.of(author));
          for (Member m : after.members().values()) {
            Member was = before.members().get(m.id());
            if (was != null) {
              assertThat(m.role()).isEqualTo(was.role());
            } else {
              assertThat(m.role()).isEqualTo(Role.MEMBER);
            }
          }
        });
  }

  /** No accepted change, by anyone, ever leaves a banned user among the members. */
  @Test
  void aBannedUserIsNeverAMember() {
    forEveryStep(
        (step, before, result, after) -> {
          for (UUID banned : after.banned()) {
            assertThat(after.isMember(banned)).isFalse();
          }
        });
  }

  /**
   * The version increases by exactly one per accepted change and not at all otherwise; stale
   * versions are never applied.
   */
  @Test
  void theVersionIncreasesByExactlyOnePerAcceptedChange() {
    forEveryStep(
        (step, before, result, after) -> {
          long expected = before.version() + (result.isApplied() ? 1 : 0);
          assertThat(after.version()).isEqualTo(expected);
          if (step.stale()) {
            assertThat(result.isApplied()).isFalse();
          }
        });
  }

  /** A change with a foreign or tampered signature is never applied and says so. */
  @Test
  void aChangeWithAnInvalidOrForeignSignatureIsNeverApplied() {
    forEveryStep(
        (step, before, result, after) -> {
          if (step.signature() != RandomChanges.Signature.VALID) {
            assertThat(result).isEqualTo(new ApplyResult.Refused(Refusal.BAD_SIGNATURE, -1));
          }
        });
  }

  /**
   * Random sequences do reach the cases the properties are about: accepted changes by
   * non-administrators, bans, removals that open a key epoch, and stale versions (so the checks
   * above are not vacuous).
   */
  @Test
  void theGeneratorReachesTheInterestingCases() {
    int[] nonAdmin = {0};
    int[] bans = {0};
    int[] epochs = {0};
    int[] conflicts = {0};
    for (long seed = 0; seed < 40; seed++) {
      List<Integer> steps = new java.util.Random(seed).ints(40).boxed().toList();
      run(
          seed,
          steps,
          (step, before, result, after) -> {
            if (result.isApplied() && !before.isAdministrator(step.change().author())) {
              nonAdmin[0]++;
            }
            if (after.banned().size() > before.banned().size()) {
              bans[0]++;
            }
            if (after.keyEpoch() > before.keyEpoch()
                && after.members().size() < before.members().size()) {
              epochs[0]++;
            }
            if (result instanceof ApplyResult.Conflict) {
              conflicts[0]++;
            }
          });
    }
    assertThat(nonAdmin[0]).isPositive();
    assertThat(bans[0]).isPositive();
    assertThat(epochs[0]).isPositive();
    assertThat(conflicts[0]).isPositive();
  }
}
