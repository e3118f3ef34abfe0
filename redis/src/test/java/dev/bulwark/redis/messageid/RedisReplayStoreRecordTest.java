package dev.bulwark.redis.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.messageid.DedupMode;
import dev.bulwark.messageid.MessageId;
import dev.bulwark.messageid.MessageOutcome;
import dev.bulwark.messageid.ReplayPolicy;
import dev.bulwark.messageid.ReplayScope;
import dev.bulwark.redis.RedisTestBackend;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the Redis replay store adds to the contract: keys that name no account and share a hash tag,
 * the documented state layout, one script call per decision, the server's clock by default,
 * rejection of unknown record versions, and typed errors for bad input, leaving state unchanged.
 */
class RedisReplayStoreRecordTest {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.standalone();

  private static final ReplayPolicy POLICY =
      ReplayPolicy.builder().windowBits(128).maxPast(Duration.ofHours(1)).build();
  private static final ReplayPolicy ID_POLICY =
      POLICY.toBuilder().dedupMode(DedupMode.RANDOM_ID).build();

  private RedisReplayStore store;
  private final String account = "alice-" + UUID.randomUUID();
  private final ReplayScope scope = new ReplayScope(account, 3, 7);

  @BeforeEach
  void createStore() {
    store = RedisReplayStore.create(REDIS.backend());
  }

  private static long now() {
    return InstantSource.system().millis();
  }

  private String stateKey() {
    return REDIS.backend().keyPrefix() + "replay:{" + store.tag(scope) + "}:w";
  }

  private byte[] raw(String key) throws Exception {
    return REDIS.backend().commands().get(key).toCompletableFuture().get();
  }

  @Test
  void keysNameNoAccountAndShareOneHashTag() {
    assertThat(store.commitSequence(scope, 1, now(), POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(store.commitId(scope, MessageId.of(UUID.randomUUID()), now(), ID_POLICY))
        .isEqualTo(MessageOutcome.ACCEPTED);
    @SuppressWarnings("unchecked")
    List<Object> keys = (List<Object>) REDIS.server().command("KEYS", "*");
    String tag = store.tag(scope);
    assertThat(tag).hasSize(43).doesNotContain(account);
    assertThat(keys)
        .containsExactlyInAnyOrder(
            REDIS.backend().keyPrefix() + "replay:{" + tag + "}:w",
            REDIS.backend().keyPrefix() + "replay:{" + tag + "}:ids");
    assertThat(keys.toString()).doesNotContain("alice");
    assertThat(store.tag(new ReplayScope(account, 3, 8))).isNotEqualTo(tag);
    assertThat(store.tag(new ReplayScope(account, 4, 7))).isNotEqualTo(tag);
  }

  @Test
  void withAScopeHashKeyScopesAreNamedByTheKeyedHashAndShareStateAcrossServers() {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) 9);
    RedisReplayStore first = RedisReplayStore.builder(REDIS.backend()).scopeHashKey(key).build();
    RedisReplayStore second = RedisReplayStore.builder(REDIS.backend()).scopeHashKey(key).build();
    byte[] otherKey = key.clone();
    otherKey[0] ^= 1;
    RedisReplayStore otherKeyStore =
        RedisReplayStore.builder(REDIS.backend()).scopeHashKey(otherKey).build();

    String keyed = first.tag(scope);
    assertThat(keyed).hasSize(43).doesNotContain(account).isEqualTo(second.tag(scope));
    assertThat(keyed).isNotEqualTo(store.tag(scope)).isNotEqualTo(otherKeyStore.tag(scope));
    assertThat(first.commitSequence(scope, 5, now(), POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(second.commitSequence(scope, 5, now(), POLICY))
        .as("another server with the same key sees the same window")
        .isEqualTo(MessageOutcome.DUPLICATE);
    @SuppressWarnings("unchecked")
    List<Object> keys = (List<Object>) REDIS.server().command("KEYS", "*");
    assertThat(keys).contains(REDIS.backend().keyPrefix() + "replay:{" + keyed + "}:w");
    assertThat(keys.toString()).doesNotContain("alice");
  }

  @Test
  void aScopeHashKeyShorterThan32BytesIsRefused() {
    assertThatThrownBy(() -> RedisReplayStore.builder(REDIS.backend()).scopeHashKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scopeHashKey must be at least 32 bytes, got 31");
  }

  @Test
  void theStateHasTheDocumentedLayout() throws Exception {
    long t = now();
    assertThat(store.commitSequence(scope, 200, t, POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
    ByteBuffer b = ByteBuffer.wrap(raw(stateKey()));
    assertThat(b.remaining()).isEqualTo(19 + 8 * (128 / 64 + 1));
    assertThat(b.get()).isEqualTo((byte) 1);
    assertThat(b.getShort()).isEqualTo((short) 128);
    assertThat(b.getLong()).isEqualTo(200);
    assertThat(b.getLong()).isEqualTo(t);
    // 200 is in block 3, ring slot 3 mod 3 = 0, bit 200 & 63 = 8: Redis bit 8 * 19 + 8
    assertThat((Long) REDIS.server().command("GETBIT", stateKey(), Integer.toString(8 * 19 + 8)))
        .isEqualTo(1);
    assertThat((Long) REDIS.server().command("BITCOUNT", stateKey(), "19", "-1")).isEqualTo(1);
    long ttl = (Long) REDIS.server().command("PTTL", stateKey());
    long keep = POLICY.retentionMillis() + 1 + RedisReplayStore.DEFAULT_EXPIRY_SLACK.toMillis();
    assertThat(ttl).isBetween(keep - 5_000, keep);
  }

  @Test
  void eachDecisionIsOneScriptCall() {
    assertThat(store.commitSequence(scope, 1, now(), POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(store.commitId(scope, MessageId.of(UUID.randomUUID()), now(), ID_POLICY))
        .isEqualTo(MessageOutcome.ACCEPTED);
    REDIS.server().resetStats();
    assertThat(store.commitSequence(scope, 2, now(), POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(store.checkSequence(scope, 2, now(), POLICY)).isEqualTo(MessageOutcome.DUPLICATE);
    assertThat(store.commitId(scope, MessageId.of(UUID.randomUUID()), now(), ID_POLICY))
        .isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(REDIS.server().commandCalls("evalsha")).isEqualTo(3);
    assertThat(REDIS.server().commandCalls("eval")).isZero();
  }

  @Test
  void byDefaultSeenIdsAreForgottenByTheServersClock() {
    MessageId id = MessageId.of(UUID.randomUUID());
    long old = now() - ID_POLICY.maxPast().toMillis() - 1_000; // already past its forget-after
    assertThat(store.commitId(scope, id, old, ID_POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(store.commitId(scope, id, old, ID_POLICY))
        .as("forgotten at once by the server's clock")
        .isEqualTo(MessageOutcome.ACCEPTED);
    MessageId fresh = MessageId.of(UUID.randomUUID());
    assertThat(store.commitId(scope, fresh, now(), ID_POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(store.commitId(scope, fresh, now(), ID_POLICY)).isEqualTo(MessageOutcome.DUPLICATE);
  }

  @Test
  void anUnknownRecordVersionIsRejectedAndLeftAlone() throws Exception {
    assertThat(store.commitSequence(scope, 1, now(), POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
    byte[] future = raw(stateKey());
    future[0] = 2;
    REDIS.backend().commands().set(stateKey(), future).toCompletableFuture().get();
    assertThatThrownBy(() -> store.commitSequence(scope, 2, now(), POLICY))
        .isInstanceOf(RedisReplayRecordException.class)
        .hasMessageContaining("unknown version")
        .hasMessageNotContaining(account);
    assertThatThrownBy(() -> store.checkSequence(scope, 2, now(), POLICY))
        .isInstanceOf(RedisReplayRecordException.class);
    assertThatThrownBy(
            () -> store.commitId(scope, MessageId.of(UUID.randomUUID()), now(), ID_POLICY))
        .isInstanceOf(RedisReplayRecordException.class);
    assertThatThrownBy(
            () -> store.commitSequenceAsync(scope, 2, now(), POLICY).toCompletableFuture().join())
        .hasCauseInstanceOf(RedisReplayRecordException.class);
    assertThat(raw(stateKey())).isEqualTo(future);
  }

  @Test
  void badInputIsRefusedWithATypedErrorAndChangesNothing() throws Exception {
    assertThat(store.commitSequence(scope, 1, now(), POLICY)).isEqualTo(MessageOutcome.ACCEPTED);
    byte[] before = raw(stateKey());
    assertThatThrownBy(() -> store.commitSequence(scope, 2, -1, POLICY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientMillis");
    assertThatThrownBy(() -> store.commitSequence(scope, 2, Long.MAX_VALUE, POLICY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.commitSequence(scope, 2, now(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("policy");
    assertThatThrownBy(() -> RedisReplayStore.builder(REDIS.backend()).maximumIdsPerScope(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximumIdsPerScope");
    assertThatThrownBy(
            () -> RedisReplayStore.builder(REDIS.backend()).expirySlack(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(raw(stateKey())).isEqualTo(before);
    assertThat(store.commitSequence(scope, 1, now(), POLICY)).isEqualTo(MessageOutcome.DUPLICATE);
  }

  @Test
  void toStringNamesNoAccount() {
    assertThat(store.toString()).isEqualTo("RedisReplayStore[server time]");
  }
}
