package dev.bulwark.redis.verification;

import static dev.bulwark.redis.verification.Outage.assertFailsClosed;
import static dev.bulwark.redis.verification.Outage.awaitAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.testkit.redis.RedisServer;
import dev.bulwark.verification.TotpParameters;
import dev.bulwark.verification.spi.StoredTotpCredential;
import dev.bulwark.verification.spi.TotpCredentialStore.Activation;
import dev.bulwark.verification.spi.VerificationStoreException;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the Redis TOTP credential store adds to the contract: its documented record, version
 * rejection, typed errors for what Redis cannot hold, failing closed while Redis is down, and
 * active credentials that survive a crash of a persistent Redis.
 */
class RedisTotpCredentialStoreRecordTest {
  @RegisterExtension
  static final OutageBackend REDIS = OutageBackend.dedicated(RedisServer.Options.persistent());

  private static final String ACCOUNT = "acct-51d0e2";
  private static final byte[] SEALED = {1, 2, 3, 4, 5};

  private RedisTotpCredentialStore store;

  @BeforeEach
  void createStore() {
    store = RedisTotpCredentialStore.create(REDIS.backend());
  }

  private static long now() {
    return InstantSource.system().millis();
  }

  private static StoredTotpCredential pending(String id) {
    return StoredTotpCredential.pending(
        id, SEALED, TotpParameters.defaults(), now(), now() + 600_000);
  }

  private byte[] raw() throws Exception {
    return REDIS
        .backend()
        .commands()
        .get(REDIS.backend().keyPrefix() + "totp:" + ACCOUNT)
        .toCompletableFuture()
        .get();
  }

  @Test
  void theRecordHasTheDocumentedLayoutAndAPendingAccountExpiresByTheServersClock()
      throws Exception {
    StoredTotpCredential c = pending("ab");
    store.putPending(ACCOUNT, c);
    ByteBuffer b = ByteBuffer.wrap(raw());
    assertThat(b.get()).as("version").isEqualTo((byte) 1);
    assertThat(b.get()).as("a pending credential follows").isEqualTo((byte) 1);
    assertThat(b.getShort()).isEqualTo((short) (1 + 2 + 1 + 8 + 8 + 6 + 2 + SEALED.length));
    assertThat(b.get()).isEqualTo((byte) 2);
    assertThat(new byte[] {b.get(), b.get()}).isEqualTo(new byte[] {'a', 'b'});
    assertThat(b.get()).as("not active").isEqualTo((byte) 0);
    assertThat(b.getLong()).isEqualTo(c.pendingUntilMillis());
    assertThat(b.getLong()).isEqualTo(c.createdAtMillis());
    assertThat(b.get()).as("SHA-1").isEqualTo((byte) 0);
    assertThat(b.get()).isEqualTo((byte) 6);
    assertThat(b.getShort()).isEqualTo((short) 30);
    assertThat(b.get()).isEqualTo((byte) 1);
    assertThat(b.get()).isEqualTo((byte) 1);
    assertThat(b.getShort()).isEqualTo((short) SEALED.length);
    byte[] secret = new byte[SEALED.length];
    b.get(secret);
    assertThat(secret).as("stored as sealed").isEqualTo(SEALED);
    assertThat(b.get()).as("no active credentials").isZero();
    assertThat(b.hasRemaining()).isFalse();
    long ttl =
        (Long) REDIS.server().command("PTTL", REDIS.backend().keyPrefix() + "totp:" + ACCOUNT);
    assertThat(ttl).isBetween(590_000L, 600_000L);

    assertThat(store.activate(ACCOUNT, "ab", 3, now())).isEqualTo(Activation.ACTIVATED);
    assertThat(
            (Long) REDIS.server().command("PTTL", REDIS.backend().keyPrefix() + "totp:" + ACCOUNT))
        .as("an account with an active credential is kept")
        .isEqualTo(-1);
  }

  @Test
  void anUnknownRecordVersionIsRejectedAndLeftAlone() throws Exception {
    store.putPending(ACCOUNT, pending("c"));
    byte[] future = raw();
    future[0] = 2;
    REDIS
        .backend()
        .commands()
        .set(REDIS.backend().keyPrefix() + "totp:" + ACCOUNT, future)
        .toCompletableFuture()
        .get();
    assertThatThrownBy(() -> store.activate(ACCOUNT, "c", 3, now()))
        .isInstanceOf(RedisRecordException.class)
        .hasMessageContaining("unknown version");
    assertThatThrownBy(() -> store.active(ACCOUNT)).isInstanceOf(RedisRecordException.class);
    assertThatThrownBy(() -> store.putPending(ACCOUNT, pending("d")))
        .isInstanceOf(RedisRecordException.class);
    assertThatThrownBy(() -> store.remove(ACCOUNT, "c")).isInstanceOf(RedisRecordException.class);
    assertThat(raw()).isEqualTo(future);
  }

  @Test
  void inputRedisCannotHoldIsRefusedWithATypedErrorAndChangesNothing() throws Exception {
    store.putPending(ACCOUNT, pending("c"));
    byte[] before = raw();
    assertThatThrownBy(() -> store.putPending(ACCOUNT, pending("d").activated()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pending");
    assertThatThrownBy(() -> store.putPending(ACCOUNT, pending("x".repeat(256))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentialId");
    assertThatThrownBy(
            () ->
                store.putPending(
                    ACCOUNT,
                    StoredTotpCredential.pending(
                        "d", new byte[5000], TotpParameters.defaults(), now(), now() + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sealed secret");
    assertThatThrownBy(() -> store.activate(ACCOUNT, "c", -1, now()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxActive");
    assertThatThrownBy(() -> store.active("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(raw()).isEqualTo(before);
  }

  @Test
  void failsClosedWhileRedisIsDownAndActiveCredentialsSurviveACrash() throws Exception {
    store.putPending(ACCOUNT, pending("c"));
    assertThat(store.activate(ACCOUNT, "c", 3, now())).isEqualTo(Activation.ACTIVATED);
    store.putPending(ACCOUNT, pending("d"));
    REDIS.server().pause();
    assertFailsClosed(
        VerificationStoreException.class, () -> store.activate(ACCOUNT, "d", 3, now()), ACCOUNT);
    assertFailsClosed(VerificationStoreException.class, () -> store.active(ACCOUNT), ACCOUNT);
    REDIS.server().resume();
    REDIS.server().kill();
    assertFailsClosed(VerificationStoreException.class, () -> store.remove(ACCOUNT, "c"));
    REDIS.server().restart();
    assertThat(awaitAnswer(() -> store.active(ACCOUNT)))
        .extracting(StoredTotpCredential::credentialId)
        .startsWith("c");
  }
}
