package dev.bulwark.redis.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.redis.RedisTestBackend;
import dev.bulwark.verification.OneTimeCodePolicy;
import dev.bulwark.verification.spi.StoredCode;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the Redis code store adds to the contract: its documented record layout, one script call per
 * decision, the server's time by default, rejection of unknown record versions, and typed errors
 * for input Redis cannot hold, all leaving the stored state as it was.
 */
class RedisCodeStoreRecordTest {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.standalone();

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final OneTimeCodePolicy POLICY = OneTimeCodePolicy.defaults();

  private RedisCodeStore store;

  @BeforeEach
  void createStore() {
    store = RedisCodeStore.create(REDIS.backend());
  }

  private static byte[] hash(int length) {
    byte[] h = new byte[length];
    RANDOM.nextBytes(h);
    return h;
  }

  private static long now() {
    return InstantSource.system().millis();
  }

  private static String key(String sessionId) {
    return REDIS.backend().keyPrefix() + "code:" + sessionId;
  }

  private byte[] raw(String sessionId) throws Exception {
    return REDIS.backend().commands().get(key(sessionId)).toCompletableFuture().get();
  }

  @Test
  void theRecordHasTheDocumentedLayout() throws Exception {
    byte[] binding = hash(32);
    byte[] code = hash(20);
    long now = now();
    StoredCode first = StoredCode.first(binding, code, now, POLICY);
    String id = UUID.randomUUID().toString();
    assertThat(store.create(id, first)).isTrue();
    ByteBuffer b = ByteBuffer.wrap(raw(id));
    assertThat(b.remaining()).isEqualTo(30 + 1 + 32 + 1 + 20);
    assertThat(b.get()).as("version").isEqualTo((byte) 1);
    assertThat(b.get()).as("state LIVE").isEqualTo((byte) 0);
    assertThat(b.get()).as("attempts used").isEqualTo((byte) 0);
    assertThat(b.get()).as("attempt budget").isEqualTo((byte) POLICY.maxAttempts());
    assertThat(b.get()).as("sends").isEqualTo((byte) 1);
    assertThat(b.get()).as("send limit").isEqualTo((byte) POLICY.maxSends());
    assertThat(b.getLong()).isEqualTo(now + POLICY.codeLifetimeMillis());
    assertThat(b.getLong()).isEqualTo(now + POLICY.cooldownAfterSendMillis(1));
    assertThat(b.getLong()).isEqualTo(now + POLICY.sessionLifetimeMillis());
    assertThat(b.get()).isEqualTo((byte) 32);
    byte[] storedBinding = new byte[32];
    b.get(storedBinding);
    assertThat(storedBinding).isEqualTo(binding);
    assertThat(b.get()).isEqualTo((byte) 20);
    byte[] storedCode = new byte[20];
    b.get(storedCode);
    assertThat(storedCode).isEqualTo(code);

    assertThat(store.attempt(id, hash(20), now).status().name()).isEqualTo("INVALID");
    byte[] after = raw(id);
    assertThat(after[1]).as("still LIVE").isEqualTo((byte) 0);
    assertThat(after[2]).as("one attempt used").isEqualTo((byte) 1);
  }

  @Test
  void theKeyExpiresAtTheSessionsEndByTheServersClock() {
    String id = UUID.randomUUID().toString();
    assertThat(store.create(id, StoredCode.first(hash(32), hash(32), now(), POLICY))).isTrue();
    long ttl = (Long) REDIS.server().command("PTTL", key(id));
    assertThat(ttl)
        .isBetween(POLICY.sessionLifetimeMillis() - 5_000, POLICY.sessionLifetimeMillis());
    assertThat(store.attempt(id, hash(32), now()).status().name())
        .as("attempts keep the time-to-live")
        .isEqualTo("INVALID");
    assertThat((Long) REDIS.server().command("PTTL", key(id))).isBetween(ttl - 5_000, ttl);
  }

  @Test
  void eachDecisionIsOneScriptCall() {
    byte[] binding = hash(32);
    byte[] code = hash(32);
    String id = UUID.randomUUID().toString();
    assertThat(store.create(id, StoredCode.first(binding, code, now(), POLICY))).isTrue();
    assertThat(store.resend(id, binding, hash(32), now(), POLICY).status().name())
        .isEqualTo("COOLDOWN"); // every script is cached on the server now
    REDIS.server().resetStats();
    assertThat(store.attempt(id, hash(32), now()).status().name()).isEqualTo("INVALID");
    assertThat(store.resend(id, binding, hash(32), now(), POLICY).status().name())
        .isEqualTo("COOLDOWN");
    assertThat(REDIS.server().commandCalls("evalsha")).isEqualTo(2);
    assertThat(REDIS.server().commandCalls("eval")).isZero();
  }

  @Test
  void anUnknownRecordVersionIsRejectedAndLeftAlone() throws Exception {
    byte[] binding = hash(32);
    byte[] code = hash(32);
    String id = UUID.randomUUID().toString();
    assertThat(store.create(id, StoredCode.first(binding, code, now(), POLICY))).isTrue();
    byte[] record = raw(id);
    byte[] future = record.clone();
    future[0] = 2;
    REDIS.backend().commands().set(key(id), future).toCompletableFuture().get();
    assertThatThrownBy(() -> store.attempt(id, code, now()))
        .isInstanceOf(RedisRecordException.class)
        .hasMessageContaining("unknown version")
        .hasMessageNotContaining(id);
    assertThatThrownBy(() -> store.resend(id, binding, hash(32), now() + 3_600_000, POLICY))
        .isInstanceOf(RedisRecordException.class);
    assertThatThrownBy(() -> store.attemptAsync(id, code, now()).toCompletableFuture().join())
        .hasCauseInstanceOf(RedisRecordException.class);
    assertThat(raw(id)).isEqualTo(future);

    byte[] truncated = Arrays.copyOf(record, record.length - 1);
    REDIS.backend().commands().set(key(id), truncated).toCompletableFuture().get();
    assertThatThrownBy(() -> store.attempt(id, code, now()))
        .isInstanceOf(RedisRecordException.class);
    assertThat(raw(id)).isEqualTo(truncated);
  }

  @Test
  void inputRedisCannotHoldIsRefusedWithATypedErrorAndChangesNothing() throws Exception {
    byte[] binding = hash(32);
    byte[] code = hash(32);
    String id = UUID.randomUUID().toString();
    assertThat(store.create(id, StoredCode.first(binding, code, now(), POLICY))).isTrue();
    byte[] before = raw(id);
    assertThatThrownBy(() -> store.attempt("", code, now()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sessionId");
    assertThatThrownBy(() -> store.attempt("x".repeat(257), code, now()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.attempt(id, new byte[0], now()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("candidateHash");
    assertThatThrownBy(() -> store.attempt(id, hash(256), now()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.attempt(id, code, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nowMillis");
    assertThatThrownBy(() -> store.resend(id, hash(300), hash(32), now(), POLICY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bindingHash");
    assertThatThrownBy(
            () ->
                store.create(
                    UUID.randomUUID().toString(), StoredCode.first(hash(256), code, now(), POLICY)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                store.create(
                    UUID.randomUUID().toString(),
                    StoredCode.first(binding, code, -60_000_000L, POLICY)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(raw(id)).isEqualTo(before);
    assertThat(store.attempt(id, code, now()).isVerified()).isTrue();
  }

  @Test
  void toStringShowsNoKeyOrSecret() {
    assertThat(store.toString()).isEqualTo("RedisCodeStore[server time]");
    assertThat(
            RedisCodeStore.builder(REDIS.backend())
                .clock(InstantSource.system())
                .build()
                .toString())
        .isEqualTo("RedisCodeStore[caller's clock]");
  }
}
