package dev.bulwark.redis.verification;

import static dev.bulwark.redis.verification.Outage.assertFailsClosed;
import static dev.bulwark.redis.verification.Outage.awaitAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.testkit.redis.RedisServer;
import dev.bulwark.verification.spi.RecoveryCodeStore;
import dev.bulwark.verification.spi.VerificationStoreException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the Redis recovery code store adds to the contract: its documented record, version
 * rejection, typed errors for what Redis cannot hold, failing closed while Redis is down, and codes
 * that survive a crash of a persistent Redis.
 */
class RedisRecoveryCodeStoreRecordTest {
  @RegisterExtension
  static final OutageBackend REDIS = OutageBackend.dedicated(RedisServer.Options.persistent());

  private static final String ACCOUNT = "acct-7f3c91";

  private RedisRecoveryCodeStore store;

  @BeforeEach
  void createStore() {
    store = RedisRecoveryCodeStore.create(REDIS.backend());
  }

  private static byte[] code(int i, int length) {
    byte[] h = new byte[length];
    java.util.Arrays.fill(h, (byte) i);
    return h;
  }

  private byte[] raw(String account) throws Exception {
    return REDIS
        .backend()
        .commands()
        .get(REDIS.backend().keyPrefix() + "recovery:" + account)
        .toCompletableFuture()
        .get();
  }

  @Test
  void theRecordHasTheDocumentedLayout() throws Exception {
    store.replace("a", List.of(code(1, 2), code(2, 3)));
    assertThat(raw("a")).containsExactly(1, 2, 2, 1, 1, 3, 2, 2, 2);
    assertThat(store.consume("a", code(1, 2))).isEqualTo(1);
    assertThat(raw("a")).containsExactly(1, 1, 3, 2, 2, 2);
    assertThat((Long) REDIS.server().command("PTTL", REDIS.backend().keyPrefix() + "recovery:a"))
        .as("never expires")
        .isEqualTo(-1);
  }

  @Test
  void anUnknownRecordVersionIsRejectedAndLeftAlone() throws Exception {
    store.replace("a", List.of(code(1, 32)));
    byte[] future = raw("a");
    future[0] = 2;
    REDIS
        .backend()
        .commands()
        .set(REDIS.backend().keyPrefix() + "recovery:a", future)
        .toCompletableFuture()
        .get();
    assertThatThrownBy(() -> store.consume("a", code(1, 32)))
        .isInstanceOf(RedisRecordException.class)
        .hasMessageContaining("unknown version");
    assertThatThrownBy(() -> store.remaining("a")).isInstanceOf(RedisRecordException.class);
    assertThat(raw("a")).isEqualTo(future);
  }

  @Test
  void inputRedisCannotHoldIsRefusedWithATypedErrorAndChangesNothing() throws Exception {
    store.replace("a", List.of(code(1, 32)));
    byte[] before = raw("a");
    assertThatThrownBy(() -> store.replace("a", Collections.nCopies(256, code(2, 32))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.replace("a", List.of(code(2, 32), new byte[0])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hash");
    assertThatThrownBy(() -> store.consume("a", code(1, 256)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.remaining("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(raw("a")).isEqualTo(before);
  }

  @Test
  void failsClosedWhileRedisIsDownAndCodesSurviveACrash() throws Exception {
    List<byte[]> codes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      codes.add(code(i, 32));
    }
    store.replace(ACCOUNT, codes);
    assertThat(store.consume(ACCOUNT, codes.get(0))).isEqualTo(4);
    REDIS.server().pause();
    assertFailsClosed(
        VerificationStoreException.class, () -> store.consume(ACCOUNT, codes.get(1)), ACCOUNT);
    REDIS.server().resume();
    REDIS.server().kill();
    assertFailsClosed(VerificationStoreException.class, () -> store.remaining(ACCOUNT));
    REDIS.server().restart();
    int left = awaitAnswer(() -> store.remaining(ACCOUNT));
    assertThat(left).as("the paused redemption may have run late").isBetween(3, 4);
    assertThat(store.consume(ACCOUNT, codes.get(0)))
        .as("a redeemed code stays redeemed")
        .isEqualTo(RecoveryCodeStore.NO_MATCH);
    assertThat(store.consume(ACCOUNT, codes.get(2))).isEqualTo(left - 1);
  }
}
