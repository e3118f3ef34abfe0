package dev.bulwark.redis.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.storage.AccessContext;
import dev.bulwark.storage.EphemeralStore;
import dev.bulwark.storage.FetchResult;
import dev.bulwark.storage.Recipient;
import dev.bulwark.storage.RecordId;
import dev.bulwark.storage.TinkKeyEncryptionKeys;
import dev.bulwark.storage.spi.StoreUnavailableException;
import dev.bulwark.testkit.redis.RedisServer;
import dev.bulwark.testkit.redis.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store fails closed when Redis is paused (SIGSTOP) or killed (SIGKILL): every operation throws
 * {@link StoreUnavailableException} within about the command timeout, no record is ever
 * half-written (each recipient's index, data and expiry keys agree), nothing acknowledged before
 * the fault is lost (the server persists with {@code appendfsync always}), and the same store works
 * again within about a second of Redis coming back, without restarting anything.
 */
class RedisEphemeralStoreFaultTest {
  @RegisterExtension
  static final RedisServerExtension REDIS =
      RedisServerExtension.dedicated(RedisServer.Options.persistent());

  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static final Recipient ALICE = Recipient.of("+15550100001");
  private static final AccessContext SELF = AccessContext.recipient(ALICE);
  private static final AccessContext SENDER = AccessContext.sender("frontend");
  private static final AccessContext OPERATOR = AccessContext.operator("oncall");
  private static final Duration DAY = Duration.ofDays(1);

  private RedisBackend redis;
  private EphemeralStore store;

  @BeforeEach
  void connect() {
    redis = RedisBackend.builder().standalone(REDIS.server().uri()).commandTimeout(TIMEOUT).build();
    store =
        EphemeralStore.builder()
            .recipientHashKey(new byte[32])
            .keyEncryptionKeys(TinkKeyEncryptionKeys.generate())
            .blobStore(RedisBlobStore.create(redis))
            .wrappedKeyStore(RedisWrappedKeyStore.create(redis))
            .build();
  }

  @AfterEach
  void disconnect() {
    redis.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> payloads(FetchResult r) {
    return r.records().stream()
        .map(rec -> new String(rec.payload(), StandardCharsets.UTF_8))
        .toList();
  }

  /** Runs {@code call}, which must fail closed with the SPI's exception within the bound. */
  private static void failsClosedQuickly(ThrowingCallable call) {
    long start = System.nanoTime();
    assertThatThrownBy(call)
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageNotContaining("+1555")
        .hasMessageNotContaining("blob:{");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(TIMEOUT.plus(Duration.ofMillis(1_300)));
  }

  /** Each recipient's three keys hold the same records: nothing is half-written. */
  private void assertNoRecordIsHalfWritten() {
    List<String> dataKeys = StorageCalls.scan(redis, "test", "bulwark:blob:{*}:d", 100);
    assertThat(dataKeys).isNotEmpty();
    for (String d : dataKeys) {
      String stem = d.substring(0, d.length() - 2);
      Object q = REDIS.server().command("ZCARD", stem + ":q");
      Object e = REDIS.server().command("ZCARD", stem + ":e");
      Object h = REDIS.server().command("HLEN", d);
      assertThat(List.of(q, e)).containsOnly(h);
    }
  }

  private List<String> fetchOnceRedisIsBack(Duration within) {
    long start = System.nanoTime();
    while (true) {
      try {
        List<String> got = payloads(store.fetch(SELF, ALICE, 100));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(within);
        return got;
      } catch (StoreUnavailableException stillReconnecting) {
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(within);
        sleep(10);
      }
    }
  }

  @Test
  void aPausedServerFailsEveryOperationClosedAndNothingIsHalfWritten() {
    RecordId first = store.put(SENDER, ALICE, bytes("one"), DAY);
    store.put(SENDER, ALICE, bytes("two"), DAY);

    REDIS.server().pause();
    try {
      failsClosedQuickly(() -> store.put(SENDER, ALICE, bytes("during the pause"), DAY));
      failsClosedQuickly(() -> store.fetch(SELF, ALICE, 10));
      failsClosedQuickly(() -> store.acknowledge(SELF, ALICE, first));
      failsClosedQuickly(() -> store.count(OPERATOR, ALICE));
      failsClosedQuickly(() -> store.shred(OPERATOR, Recipient.of("+15550100009")));
      failsClosedQuickly(() -> store.sweep(OPERATOR));
    } finally {
      REDIS.server().resume();
    }

    // Commands that reached the paused server's socket may run on resume: each entirely or not.
    List<String> after = fetchOnceRedisIsBack(Duration.ofMillis(1_500));
    assertNoRecordIsHalfWritten();
    assertThat(after).containsSubsequence("two").isSubsetOf("one", "two", "during the pause");
    assertThat(store.fetch(SELF, ALICE, 100).unreadable()).isEmpty();

    RecordId later = store.put(SENDER, ALICE, bytes("after"), DAY);
    assertThat(payloads(store.fetch(SELF, ALICE, 100))).endsWith("after");
    assertThat(store.acknowledge(SELF, ALICE, later)).isTrue();
  }

  @Test
  void aKilledServerFailsClosedAndOnRestartNothingAcknowledgedIsLost() {
    store.put(SENDER, ALICE, bytes("one"), DAY);
    store.put(SENDER, ALICE, bytes("two"), DAY);

    REDIS.server().kill();
    failsClosedQuickly(() -> store.put(SENDER, ALICE, bytes("while down"), DAY));
    failsClosedQuickly(() -> store.fetch(SELF, ALICE, 10));
    failsClosedQuickly(() -> store.purge(OPERATOR, ALICE));

    REDIS.server().restart();
    assertThat(fetchOnceRedisIsBack(Duration.ofMillis(1_500))).containsExactly("one", "two");
    assertNoRecordIsHalfWritten();

    store.put(SENDER, ALICE, bytes("three"), DAY);
    assertThat(payloads(store.fetch(SELF, ALICE, 100))).containsExactly("one", "two", "three");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
