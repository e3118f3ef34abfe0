package dev.bulwark.redis.verification;

import static dev.bulwark.redis.verification.Outage.assertFailsClosed;
import static dev.bulwark.redis.verification.Outage.assertFailsClosedAsync;
import static dev.bulwark.redis.verification.Outage.awaitAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.redis.RedisServer;
import dev.bulwark.verification.spi.VerificationStoreException;
import java.time.InstantSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis OTP replay store fails closed: while Redis is paused or dead no step is accepted (every
 * call throws {@link VerificationStoreException} within about the command timeout); with a
 * persistent Redis the steps accepted before a crash stay replays after it.
 */
class RedisOtpReplayStoreFaultTest {
  @RegisterExtension
  static final OutageBackend REDIS = OutageBackend.dedicated(RedisServer.Options.persistent());

  private RedisOtpReplayStore store;

  @BeforeEach
  void createStore() {
    store = RedisOtpReplayStore.create(REDIS.backend());
  }

  private static long inMinutes(long minutes) {
    return InstantSource.system().millis() + minutes * 60_000;
  }

  @Test
  void whilePausedNoStepIsAcceptedAndAfterwardsTheStoreAnswers() throws Exception {
    assertThat(store.tryAdvance("cred-paused", 100, inMinutes(2))).isTrue();
    REDIS.server().pause();
    assertFailsClosed(
        VerificationStoreException.class,
        () -> store.tryAdvance("cred-paused", 101, inMinutes(2)),
        "cred-paused");
    assertFailsClosed(VerificationStoreException.class, () -> store.lastAccepted("cred-paused"));
    assertFailsClosedAsync(
        VerificationStoreException.class,
        () -> store.tryAdvanceAsync("cred-paused", 102, inMinutes(2)));
    REDIS.server().resume();
    // Commands queued while paused may run late; they only ever raise the step.
    long last = awaitAnswer(() -> store.lastAccepted("cred-paused"));
    assertThat(last).isBetween(100L, 102L);
    assertThat(store.tryAdvance("cred-paused", 100, inMinutes(2))).isFalse();
    assertThat(store.tryAdvance("cred-paused", 103, inMinutes(2))).isTrue();
  }

  @Test
  void acceptedStepsSurviveACrashOfAPersistentRedis() throws Exception {
    assertThat(store.tryAdvance("cred-crash", 500, inMinutes(2))).isTrue();
    assertThat(store.tryAdvance("hotp-crash", 7, Long.MAX_VALUE)).isTrue();
    REDIS.server().kill();
    assertFailsClosed(
        VerificationStoreException.class, () -> store.tryAdvance("cred-crash", 501, inMinutes(2)));
    REDIS.server().restart();
    assertThat(awaitAnswer(() -> store.tryAdvance("cred-crash", 500, inMinutes(2))))
        .as("a replay after the crash is still a replay")
        .isFalse();
    assertThat(store.tryAdvance("hotp-crash", 7, Long.MAX_VALUE)).isFalse();
    assertThat(store.tryAdvance("cred-crash", 501, inMinutes(2))).isTrue();
  }
}
