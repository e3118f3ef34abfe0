package dev.bulwark.redis.messageid;

import static dev.bulwark.redis.verification.Outage.assertFailsClosed;
import static dev.bulwark.redis.verification.Outage.assertFailsClosedAsync;
import static dev.bulwark.redis.verification.Outage.awaitAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.messageid.MessageId;
import dev.bulwark.messageid.MessageOutcome;
import dev.bulwark.messageid.ReplayPolicy;
import dev.bulwark.messageid.ReplayScope;
import dev.bulwark.messageid.spi.ReplayStoreException;
import dev.bulwark.redis.verification.OutageBackend;
import dev.bulwark.testkit.redis.RedisServer;
import java.time.InstantSource;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis replay store fails closed: while Redis is paused or dead no message is accepted (every
 * call throws {@link ReplayStoreException} within about the command timeout, and its message names
 * no account); once Redis is back the same store answers again, and with a persistent Redis a
 * message accepted before a crash is still a replay after it.
 */
class RedisReplayStoreFaultTest {
  @RegisterExtension
  static final OutageBackend REDIS = OutageBackend.dedicated(RedisServer.Options.persistent());

  private static final ReplayPolicy POLICY = ReplayPolicy.defaults();
  private static final String ACCOUNT = "account-" + UUID.randomUUID();
  private static final ReplayScope SCOPE = new ReplayScope(ACCOUNT, 1, 1);

  private RedisReplayStore store;

  @BeforeEach
  void createStore() {
    store = RedisReplayStore.create(REDIS.backend());
  }

  private static long now() {
    return InstantSource.system().millis();
  }

  @Test
  void whilePausedNoMessageIsAcceptedAndAfterwardsTheStoreAnswers() throws Exception {
    assertThat(store.commitSequence(SCOPE, 1, now(), POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
    REDIS.server().pause();
    MessageId id = MessageId.of(UUID.randomUUID());
    assertFailsClosed(
        ReplayStoreException.class, () -> store.commitSequence(SCOPE, 2, now(), POLICY), ACCOUNT);
    assertFailsClosed(
        ReplayStoreException.class, () -> store.checkSequence(SCOPE, 3, now(), POLICY), ACCOUNT);
    assertFailsClosed(
        ReplayStoreException.class, () -> store.commitId(SCOPE, id, now(), POLICY), ACCOUNT);
    assertFailsClosed(
        ReplayStoreException.class,
        () -> {
          store.invalidate(SCOPE);
          return null;
        },
        ACCOUNT);
    assertFailsClosedAsync(
        ReplayStoreException.class, () -> store.commitIdAsync(SCOPE, id, now(), POLICY));
    REDIS.server().resume();
    assertThat(awaitAnswer(() -> store.commitSequence(SCOPE, 1, now(), POLICY)))
        .as("paused calls never forget state")
        .isIn(MessageOutcome.DUPLICATE, MessageOutcome.ACCEPTED);
    assertThat(store.commitSequence(SCOPE, 10, now(), POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(store.commitSequence(SCOPE, 10, now(), POLICY)).isEqualTo(MessageOutcome.DUPLICATE);
  }

  @Test
  void anAcceptedMessageIsStillAReplayAfterACrashOfAPersistentRedis() throws Exception {
    MessageId id = MessageId.of(UUID.randomUUID());
    long t = now();
    assertThat(store.commitId(SCOPE, id, t, POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(store.commitSequence(SCOPE, 42, t, POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
    REDIS.server().kill();
    assertFailsClosed(
        ReplayStoreException.class, () -> store.commitSequence(SCOPE, 43, t, POLICY), ACCOUNT);
    assertFailsClosedAsync(
        ReplayStoreException.class, () -> store.commitSequenceAsync(SCOPE, 43, t, POLICY));
    REDIS.server().restart();
    assertThat(awaitAnswer(() -> store.commitId(SCOPE, id, t, POLICY)))
        .isEqualTo(MessageOutcome.DUPLICATE);
    assertThat(store.commitSequence(SCOPE, 42, t, POLICY)).isEqualTo(MessageOutcome.DUPLICATE);
    assertThat(store.commitSequence(SCOPE, 43, t, POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
  }
}
