package dev.bulwark.redis.verification;

import static dev.bulwark.redis.verification.Outage.assertFailsClosed;
import static dev.bulwark.redis.verification.Outage.assertFailsClosedAsync;
import static dev.bulwark.redis.verification.Outage.awaitAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.redis.RedisServer;
import dev.bulwark.verification.CodeVerificationStatus;
import dev.bulwark.verification.OneTimeCodePolicy;
import dev.bulwark.verification.spi.StoredCode;
import dev.bulwark.verification.spi.VerificationStoreException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis code store fails closed: while Redis is paused or dead every call throws {@link
 * VerificationStoreException} within about the command timeout and nothing is ever verified; once
 * Redis is back the same store answers again, without restarting anything.
 */
class RedisCodeStoreFaultTest {
  @RegisterExtension
  static final OutageBackend REDIS = OutageBackend.dedicated(RedisServer.Options.ephemeral());

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final OneTimeCodePolicy POLICY = OneTimeCodePolicy.defaults();

  private RedisCodeStore store;

  @BeforeEach
  void createStore() {
    store = RedisCodeStore.create(REDIS.backend());
  }

  private static byte[] hash() {
    byte[] h = new byte[32];
    RANDOM.nextBytes(h);
    return h;
  }

  private String session(byte[] binding, byte[] code) {
    String id = UUID.randomUUID().toString();
    assertThat(store.create(id, StoredCode.first(binding, code, now(), POLICY))).isTrue();
    return id;
  }

  private static long now() {
    return InstantSource.system().millis();
  }

  @Test
  void whilePausedEveryCallThrowsAndNothingVerifies() throws Exception {
    byte[] binding = hash();
    byte[] code = hash();
    String id = session(binding, code);
    REDIS.server().pause();
    assertFailsClosed(VerificationStoreException.class, () -> store.attempt(id, code, now()), id);
    assertFailsClosed(
        VerificationStoreException.class,
        () -> store.resend(id, binding, hash(), now() + 60_000, POLICY),
        id);
    assertFailsClosed(
        VerificationStoreException.class,
        () ->
            store.create(
                UUID.randomUUID().toString(), StoredCode.first(binding, code, now(), POLICY)));
    assertFailsClosed(
        VerificationStoreException.class,
        () -> {
          store.delete(id);
          return null;
        },
        id);
    assertFailsClosedAsync(
        VerificationStoreException.class, () -> store.attemptAsync(id, code, now()));
    REDIS.server().resume();

    // The attempts sent while Redis was paused may still run once it resumes: a timed-out call can
    // only have made the session stricter (here: consumed the code), never verified anything.
    byte[] fresh = hash();
    String next = awaitAnswer(() -> session(binding, fresh));
    assertThat(store.attempt(next, fresh, now()).status())
        .isEqualTo(CodeVerificationStatus.VERIFIED);
    assertThat(store.attempt(id, code, now()).status())
        .isIn(CodeVerificationStatus.VERIFIED, CodeVerificationStatus.NOT_FOUND);
  }

  @Test
  void whileDeadEveryCallThrowsAndAfterARestartTheStoreAnswersAgain() throws Exception {
    byte[] binding = hash();
    byte[] code = hash();
    String id = session(binding, code);
    REDIS.server().kill();
    assertFailsClosed(VerificationStoreException.class, () -> store.attempt(id, code, now()), id);
    assertFailsClosedAsync(
        VerificationStoreException.class,
        () -> store.resendAsync(id, binding, hash(), now() + 60_000, POLICY));
    assertFailsClosedAsync(
        VerificationStoreException.class,
        () ->
            store.createAsync(
                UUID.randomUUID().toString(), StoredCode.first(binding, code, now(), POLICY)));
    REDIS.server().restart();

    byte[] fresh = hash();
    String next = awaitAnswer(() -> session(binding, fresh));
    assertThat(store.attempt(next, fresh, now()).status())
        .isEqualTo(CodeVerificationStatus.VERIFIED);
    assertThat(store.attempt(id, code, now()).status())
        .as("an ephemeral Redis restarts empty: the old session is gone, not verified")
        .isEqualTo(CodeVerificationStatus.NOT_FOUND);
  }
}
