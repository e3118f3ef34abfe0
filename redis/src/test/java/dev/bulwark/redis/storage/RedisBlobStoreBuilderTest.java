package dev.bulwark.redis.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage stores' builders refuse bad settings by name, and the stores print no keys. */
class RedisBlobStoreBuilderTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.shared();

  private RedisBackend redis;

  @BeforeEach
  void connect() {
    redis = RedisBackend.standalone(REDIS.server().uri());
  }

  @AfterEach
  void disconnect() {
    redis.close();
  }

  @Test
  void blobStoreSettingsAreValidated() {
    RedisBlobStore.Builder b = RedisBlobStore.builder(redis);
    assertThatThrownBy(() -> b.backstopMargin(Duration.ofSeconds(59)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backstopMargin");
    assertThatThrownBy(() -> b.backstopMargin(Duration.ofDays(31)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backstopMargin");
    assertThatThrownBy(() -> b.backstopMargin(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("backstopMargin");
    assertThatThrownBy(() -> b.scanBatch(9)).hasMessageContaining("scanBatch");
    assertThatThrownBy(() -> b.scanBatch(10_001)).hasMessageContaining("scanBatch");
    assertThatThrownBy(() -> RedisBlobStore.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("redis");
    assertThat(b.backstopMargin(Duration.ofMinutes(1)).scanBatch(10).build().toString())
        .isEqualTo("RedisBlobStore[standalone]");
  }

  @Test
  void wrappedKeyStoreSettingsAreValidated() {
    RedisWrappedKeyStore.Builder b = RedisWrappedKeyStore.builder(redis);
    assertThatThrownBy(() -> b.scanBatch(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scanBatch");
    assertThatThrownBy(() -> RedisWrappedKeyStore.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("redis");
    assertThat(b.scanBatch(10_000).build().toString())
        .isEqualTo("RedisWrappedKeyStore[standalone]");
  }

  @Test
  void aBackstopExpiryIsSetByRedisClockAndOnlyEverExtended() {
    RedisBlobStore store =
        RedisBlobStore.builder(redis).backstopMargin(Duration.ofHours(1)).build();
    dev.bulwark.storage.spi.RecipientRef ref =
        dev.bulwark.storage.spi.RecipientRef.of(new byte[32]);
    long redisNow =
        Long.parseLong(String.valueOf(((java.util.List<?>) REDIS.server().command("TIME")).get(0)));
    store.put(ref, entry(redisNow - 100)); // already expired by the caller's clock: Redis now + 1 h
    long first =
        (Long) REDIS.server().command("EXPIRETIME", "bulwark:blob:{" + ref.toHex() + "}:d");
    assertThat(first).isBetween(redisNow + 3_600, redisNow + 3_602);

    store.put(ref, entry(redisNow + 7_200));
    long extended =
        (Long) REDIS.server().command("EXPIRETIME", "bulwark:blob:{" + ref.toHex() + "}:q");
    assertThat(extended).isEqualTo(redisNow + 7_200 + 3_600);

    store.put(ref, entry(redisNow + 60));
    assertThat((Long) REDIS.server().command("EXPIRETIME", "bulwark:blob:{" + ref.toHex() + "}:e"))
        .isEqualTo(extended);

    store.put(ref, entry(Long.MAX_VALUE));
    assertThat((Long) REDIS.server().command("EXPIRETIME", "bulwark:blob:{" + ref.toHex() + "}:d"))
        .isEqualTo(-1L);
    store.put(ref, entry(redisNow + 60));
    assertThat((Long) REDIS.server().command("EXPIRETIME", "bulwark:blob:{" + ref.toHex() + "}:d"))
        .isEqualTo(-1L);
  }

  private static dev.bulwark.storage.spi.BlobEntry entry(long expiresAt) {
    return new dev.bulwark.storage.spi.BlobEntry(
        dev.bulwark.storage.RecordId.random(new java.security.SecureRandom()),
        new byte[40],
        expiresAt);
  }
}
