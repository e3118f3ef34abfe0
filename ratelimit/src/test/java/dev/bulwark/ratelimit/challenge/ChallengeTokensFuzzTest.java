package dev.bulwark.ratelimit.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.memory.MemoryChallengeStore;
import dev.bulwark.ratelimit.spi.ChallengeStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Fuzz test of the token parser: whatever the client sends, the answer is a typed refusal, never an
 * exception or a pass, and the single-use store is never touched. Seeds under {@code
 * src/test/resources/dev/bulwark/ratelimit/challenge/ChallengeTokensFuzzTestInputs/}.
 */
class ChallengeTokensFuzzTest {
  private static final byte[] SECRET = new byte[32];

  @FuzzTest(maxDuration = "30s")
  void arbitraryTokensAreRefusedWithoutSideEffects(byte[] input) {
    AtomicInteger writes = new AtomicInteger();
    ChallengeStore inner = MemoryChallengeStore.create();
    ChallengeStore counting =
        new ChallengeStore() {
          @Override
          public boolean markUsed(String id, Duration ttl) {
            writes.incrementAndGet();
            return inner.markUsed(id, ttl);
          }

          @Override
          public void put(String id, byte[] digest, Duration ttl) {
            writes.incrementAndGet();
            inner.put(id, digest, ttl);
          }

          @Override
          public byte @Nullable [] take(String id) {
            writes.incrementAndGet();
            return inner.take(id);
          }
        };
    ChallengeTokens tokens = ChallengeTokens.builder(SECRET).store(counting).build();
    String token = new String(input, StandardCharsets.UTF_8);
    ChallengeOutcome outcome =
        tokens.redeem(
            token, ChallengeKind.PROOF_OF_WORK, RateLimitKey.of("user", "alice"), "login");
    assertThat(outcome).isIn(ChallengeOutcome.MALFORMED, ChallengeOutcome.INVALID);
    assertThat(writes.get()).isZero();
  }
}
