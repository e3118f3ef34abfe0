package dev.bulwark.redis.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.redis.RedisTestBackend;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the Redis OTP replay store adds to the contract: its documented 17-byte record, one script
 * call per advance, retention turned into a time-to-live by the server's clock plus the slack,
 * rejection of unknown record versions, and typed errors for bad input, leaving state unchanged.
 */
class RedisOtpReplayStoreRecordTest {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.standalone();

  private RedisOtpReplayStore store;

  @BeforeEach
  void createStore() {
    store = RedisOtpReplayStore.create(REDIS.backend());
  }

  private static long inMinutes(long minutes) {
    return InstantSource.system().millis() + minutes * 60_000;
  }

  private static String key(String credentialId) {
    return REDIS.backend().keyPrefix() + "otp:" + credentialId;
  }

  private static byte[] raw(String credentialId) throws Exception {
    return REDIS.backend().commands().get(key(credentialId)).toCompletableFuture().get();
  }

  @Test
  void theRecordHasTheDocumentedLayoutAndExpiresAfterRetentionPlusSlack() throws Exception {
    long retain = inMinutes(2);
    assertThat(store.tryAdvance("c", 56_789_012L, retain)).isTrue();
    ByteBuffer b = ByteBuffer.wrap(raw("c"));
    assertThat(b.remaining()).isEqualTo(17);
    assertThat(b.get()).isEqualTo((byte) 1);
    assertThat(b.getLong()).isEqualTo(56_789_012L);
    assertThat(b.getLong()).isEqualTo(retain);
    long ttl = (Long) REDIS.server().command("PTTL", key("c"));
    assertThat(ttl)
        .isBetween(Duration.ofMinutes(3).toMillis() - 5_000, Duration.ofMinutes(3).toMillis());

    assertThat(store.tryAdvance("hotp", 1, Long.MAX_VALUE)).isTrue();
    assertThat((Long) REDIS.server().command("PTTL", key("hotp"))).as("kept forever").isEqualTo(-1);
  }

  @Test
  void aSlackOfZeroExpiresAtTheRetention() {
    RedisOtpReplayStore exact =
        RedisOtpReplayStore.builder(REDIS.backend()).expirySlack(Duration.ZERO).build();
    assertThat(exact.tryAdvance("c", 1, inMinutes(2))).isTrue();
    assertThat((Long) REDIS.server().command("PTTL", key("c")))
        .isBetween(Duration.ofMinutes(2).toMillis() - 5_000, Duration.ofMinutes(2).toMillis());
  }

  @Test
  void eachAdvanceIsOneScriptCall() {
    assertThat(store.tryAdvance("c", 1, inMinutes(1))).isTrue();
    REDIS.server().resetStats();
    assertThat(store.tryAdvance("c", 2, inMinutes(1))).isTrue();
    assertThat(store.tryAdvance("c", 2, inMinutes(1))).isFalse();
    assertThat(REDIS.server().commandCalls("evalsha")).isEqualTo(2);
    assertThat(REDIS.server().commandCalls("eval")).isZero();
  }

  @Test
  void anUnknownRecordVersionIsRejectedAndLeftAlone() throws Exception {
    assertThat(store.tryAdvance("c", 10, inMinutes(1))).isTrue();
    byte[] future = raw("c");
    future[0] = 2;
    REDIS.backend().commands().set(key("c"), future).toCompletableFuture().get();
    assertThatThrownBy(() -> store.tryAdvance("c", 11, inMinutes(1)))
        .isInstanceOf(RedisRecordException.class)
        .hasMessageContaining("unknown version");
    assertThatThrownBy(() -> store.lastAccepted("c")).isInstanceOf(RedisRecordException.class);
    assertThatThrownBy(() -> store.lastAcceptedAsync("c").toCompletableFuture().join())
        .hasCauseInstanceOf(RedisRecordException.class);
    assertThatThrownBy(
            () -> store.tryAdvanceAsync("c", 11, inMinutes(1)).toCompletableFuture().join())
        .hasCauseInstanceOf(RedisRecordException.class);
    assertThat(raw("c")).isEqualTo(future);
  }

  @Test
  void badInputIsRefusedWithATypedErrorAndChangesNothing() throws Exception {
    assertThat(store.tryAdvance("c", 10, inMinutes(1))).isTrue();
    byte[] before = raw("c");
    assertThatThrownBy(() -> store.tryAdvance("", 11, inMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentialId");
    assertThatThrownBy(() -> store.tryAdvance("c".repeat(257), 11, inMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.tryAdvance("c", 11, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retainUntilEpochMillis");
    assertThatThrownBy(
            () -> RedisOtpReplayStore.builder(REDIS.backend()).expirySlack(Duration.ofHours(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expirySlack");
    assertThatThrownBy(
            () -> RedisOtpReplayStore.builder(REDIS.backend()).expirySlack(Duration.ofNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(raw("c")).isEqualTo(before);
  }
}
