package dev.bulwark.redis.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.storage.spi.StoreUnavailableException;
import dev.bulwark.storage.spi.WrappedDataKey;
import dev.bulwark.storage.spi.WrappedKeyStore;
import dev.bulwark.storage.spi.contract.WrappedKeyStoreContract;
import dev.bulwark.testkit.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RedisWrappedKeyStore} on a standalone redis-server passes the same contract as its
 * in-memory twin, and refuses to list a data key under an ID spelled other than as it writes IDs.
 */
class RedisWrappedKeyStoreTest extends WrappedKeyStoreContract {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.shared();

  private RedisBackend redis;
  private RedisWrappedKeyStore store;

  @BeforeEach
  void connect() {
    redis = RedisBackend.standalone(REDIS.server().uri());
    store = RedisWrappedKeyStore.create(redis);
  }

  @AfterEach
  void disconnect() {
    redis.close();
  }

  @Override
  protected WrappedKeyStore store() {
    return store;
  }

  @Test
  void aKeyStoredUnderANonCanonicalIdIsRefusedByListAndLeftAsItIs() throws Exception {
    RecipientRef ref = RecipientRef.of(new byte[RecipientRef.LENGTH]);
    WrappedDataKey key = new WrappedDataKey(5, "kek-1", new byte[] {1, 2, 3}, 1_700_000_000L);
    assertThat(store.putIfAbsent(ref, key)).isTrue();
    String hashKey = redis.keyPrefix() + "dk:{" + ref.toHex() + "}:h";
    byte[] value = RedisWrappedKeyStore.encode(key);
    redis.commands().hset(hashKey, "05", value).toCompletableFuture().get();

    assertThatThrownBy(() -> store.list(ref))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessage("Redis wrapped-key store: a stored key is not in this store's format");
    assertThat(redis.commands().hkeys(hashKey).toCompletableFuture().get())
        .containsExactlyInAnyOrder("5", "05");
    assertThat(store.get(ref, 5)).contains(key);
    store.deleteAll(ref);
  }
}
