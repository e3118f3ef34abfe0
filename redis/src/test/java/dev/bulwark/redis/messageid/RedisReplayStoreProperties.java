package dev.bulwark.redis.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.bulwark.messageid.DedupMode;
import dev.bulwark.messageid.ManualClock;
import dev.bulwark.messageid.MessageId;
import dev.bulwark.messageid.MessageOutcome;
import dev.bulwark.messageid.ReplayPolicy;
import dev.bulwark.messageid.ReplayScope;
import dev.bulwark.messageid.memory.MemoryReplayStore;
import dev.bulwark.redis.RedisTestBackend;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis replay store is the in-memory store, answer for answer: for any sequence of commits and
 * checks of sequence numbers (in the window, behind it, far ahead, near 2<sup>63</sup>) and of
 * random IDs, with timestamps moving back and forth, and invalidations, both stores give the same
 * outcome at every step.
 */
class RedisReplayStoreProperties {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.standalone();

  private static final ReplayPolicy POLICY =
      ReplayPolicy.builder()
          .windowBits(64)
          .maxJumpAhead(300)
          .maxPast(Duration.ofHours(1))
          .reorderTolerance(Duration.ofSeconds(90))
          .build();
  private static final ReplayPolicy WIDE_POLICY = POLICY.toBuilder().windowBits(256).build();
  private static final ReplayPolicy ID_POLICY =
      POLICY.toBuilder().dedupMode(DedupMode.RANDOM_ID).build();

  @Test
  void theRedisStoreAnswersExactlyAsTheInMemoryStore() {
    ManualClock clock = new ManualClock();
    RedisReplayStore redis = RedisReplayStore.builder(REDIS.backend()).clock(clock).build();
    MemoryReplayStore memory =
        MemoryReplayStore.builder().clock(clock).executor(Runnable::run).build();
    MessageId[] ids = new MessageId[6];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = MessageId.of(UUID.randomUUID());
    }
    qt().withExamples(150)
        .withShrinkCycles(50)
        .forAll(lists().of(integers().all()).ofSizeBetween(1, 40), integers().between(0, 2))
        .checkAssert(
            (ops, start) -> {
              ReplayScope scope = new ReplayScope("acct-" + UUID.randomUUID(), 1, 1);
              long base = start == 0 ? 0 : start == 1 ? 5_000 : Long.MAX_VALUE - 2_000;
              long t = clock.millis();
              for (int v : ops) {
                int kind = v & 7;
                long seq = base + ((v >>> 3) & 0x3FF); // base .. base + 1023
                long time = t + (((v >>> 13) & 0xFF) - 128) * 1_000L; // t - 128 s .. t + 127 s
                ReplayPolicy policy = ((v >>> 21) & 1) == 0 ? POLICY : WIDE_POLICY;
                MessageId id = ids[((v >>> 22) & 0x7FFFFFF) % ids.length];
                MessageOutcome expected;
                MessageOutcome actual;
                switch (kind) {
                  case 0, 1, 2 -> {
                    expected = memory.commitSequence(scope, seq, time, policy);
                    actual = redis.commitSequence(scope, seq, time, policy);
                  }
                  case 3 -> {
                    expected = memory.checkSequence(scope, seq, time, policy);
                    actual = redis.checkSequence(scope, seq, time, policy);
                  }
                  case 4, 5 -> {
                    expected = memory.commitId(scope, id, time, ID_POLICY);
                    actual = redis.commitId(scope, id, time, ID_POLICY);
                  }
                  case 6 -> {
                    expected = memory.checkId(scope, id, time, ID_POLICY);
                    actual = redis.checkId(scope, id, time, ID_POLICY);
                  }
                  default -> {
                    memory.invalidate(scope);
                    redis.invalidate(scope);
                    continue;
                  }
                }
                assertThat(actual)
                    .as("op %d, seq %d, time %d", kind, seq, time)
                    .isEqualTo(expected);
              }
            });
  }
}
