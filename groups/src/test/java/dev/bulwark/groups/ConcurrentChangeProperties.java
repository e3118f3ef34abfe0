package dev.bulwark.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Concurrency as a specification: compare-and-set by version serializes changes. */
class ConcurrentChangeProperties {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  /**
   * Of several valid changes for the same version submitted at the same moment, exactly one is
   * applied; every other gets a conflict carrying the state the winner produced; and the log holds
   * exactly one entry per version.
   */
  @Test
  void ofConcurrentChangesForTheSameVersionExactlyOneApplies() {
    qt().withExamples(30)
        .forAll(integers().between(2, 4), integers().between(1, 8))
        .checkAssert(
            (racers, rounds) -> {
              GroupFixture f = new GroupFixture(racers * 100L + rounds, racers + 1);
              for (int i = 1; i <= racers; i++) {
                f.adminApplies(new GroupAction.AddMember(f.users.get(i), Role.ADMINISTRATOR));
              }
              for (int round = 0; round < rounds; round++) {
                GroupState base = f.state();
                List<GroupChange> changes = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                  UUID author = f.users.get(i);
                  changes.add(
                      f.change(
                          author,
                          new GroupAction.ModifyAttribute(
                              Attribute.TITLE, new byte[] {(byte) i, (byte) round})));
                }
                List<ApplyResult> results = race(f, changes);
                long applied = results.stream().filter(ApplyResult::isApplied).count();
                assertThat(applied).isEqualTo(1);
                GroupState now = f.state();
                assertThat(now.version()).isEqualTo(base.version() + 1);
                for (ApplyResult r : results) {
                  if (!r.isApplied()) {
                    assertThat(r).isEqualTo(new ApplyResult.Conflict(now));
                  }
                }
              }
              var page =
                  ((ReadResult.Granted<LogPage>) f.server.readLog(f.groupId, f.admin(), 1, 1000))
                      .value();
              assertThat(page.entries()).hasSize((int) f.state().version());
              assertThat(
                      ChangeLog.verify(
                              f.groupId,
                              f.server.serverPublicKey(),
                              LogEntry.genesisHash(f.groupId),
                              page)
                          .valid())
                  .isTrue();
            });
  }

  private static List<ApplyResult> race(GroupFixture f, List<GroupChange> changes) {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ApplyResult>> futures = new ArrayList<>();
    for (GroupChange c : changes) {
      futures.add(
          POOL.submit(
              () -> {
                start.await();
                return f.server.apply(c);
              }));
    }
    start.countDown();
    List<ApplyResult> results = new ArrayList<>();
    for (Future<ApplyResult> fut : futures) {
      try {
        results.add(fut.get(10, TimeUnit.SECONDS));
      } catch (Exception e) {
        throw new AssertionError("racer failed", e);
      }
    }
    return results;
  }
}
