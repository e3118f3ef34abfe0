package dev.bulwark.redis.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.storage.AccessContext;
import dev.bulwark.storage.EphemeralStore;
import dev.bulwark.storage.FetchResult;
import dev.bulwark.storage.Recipient;
import dev.bulwark.storage.RecordId;
import dev.bulwark.storage.StoredRecord;
import dev.bulwark.storage.TinkKeyEncryptionKeys;
import dev.bulwark.storage.UnreadableReason;
import dev.bulwark.testkit.redis.RedisServerExtension;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The encrypted ephemeral store end to end on Redis: put, fetch and acknowledge; shredding; and a
 * stolen copy of every Redis key, which holds neither a payload nor a raw recipient and opens
 * nothing without the key-encryption key.
 */
class RedisEphemeralStoreTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.shared();

  private static final byte[] HASH_KEY =
      "an-example-recipient-hash-key-32b".getBytes(StandardCharsets.US_ASCII);
  private static final String ALICE_ID = "+15550100001";
  private static final Recipient ALICE = Recipient.of(ALICE_ID);
  private static final Recipient BOB = Recipient.of("+15550100002");
  private static final AccessContext SENDER = AccessContext.sender("frontend");
  private static final AccessContext OPERATOR = AccessContext.operator("oncall");
  private static final Duration DAY = Duration.ofDays(1);
  private static final String SECRET = "meet me at the usual place at 9";

  private RedisBackend redis;
  private TinkKeyEncryptionKeys kek;

  @BeforeEach
  void connect() {
    redis = RedisBackend.standalone(REDIS.server().uri());
    kek = TinkKeyEncryptionKeys.generate();
  }

  @AfterEach
  void disconnect() {
    redis.close();
  }

  /** A store on this Redis with cold caches, as a freshly started server of the fleet has. */
  private EphemeralStore store(TinkKeyEncryptionKeys keys) {
    return EphemeralStore.builder()
        .namespace("mailbox")
        .recipientHashKey(HASH_KEY)
        .keyEncryptionKeys(keys)
        .blobStore(RedisBlobStore.create(redis))
        .wrappedKeyStore(RedisWrappedKeyStore.create(redis))
        .build();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> payloads(FetchResult r) {
    return r.records().stream()
        .map(rec -> new String(rec.payload(), StandardCharsets.UTF_8))
        .toList();
  }

  @Test
  void putFetchAndAcknowledgeAcrossTwoServersOfAFleet() {
    EphemeralStore one = store(kek);
    EphemeralStore two = store(kek);
    RecordId first = one.put(SENDER, ALICE, bytes("first"), DAY);
    two.put(SENDER, ALICE, bytes("second"), DAY);
    one.put(SENDER, BOB, bytes("for bob"), DAY);
    two.put(SENDER, ALICE, bytes("third"), DAY);

    FetchResult fetched = two.fetch(AccessContext.recipient(ALICE), ALICE, 10);
    assertThat(payloads(fetched)).containsExactly("first", "second", "third");
    assertThat(fetched.unreadable()).isEmpty();

    assertThat(one.acknowledge(AccessContext.recipient(ALICE), ALICE, first)).isTrue();
    assertThat(two.acknowledge(AccessContext.recipient(ALICE), ALICE, first)).isFalse();
    assertThat(payloads(one.fetch(AccessContext.recipient(ALICE), ALICE, 10)))
        .containsExactly("second", "third");
    assertThat(payloads(one.fetch(AccessContext.recipient(BOB), BOB, 10)))
        .containsExactly("for bob");
  }

  @Test
  void aRecordAcknowledgedConcurrentlyOnSeveralServersIsReportedOnce() throws Exception {
    List<EphemeralStore> fleet = List.of(store(kek), store(kek), store(kek), store(kek));
    List<RecordId> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      ids.add(fleet.get(i % 4).put(SENDER, ALICE, bytes("m" + i), DAY));
    }
    ExecutorService pool = Executors.newFixedThreadPool(fleet.size());
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (EphemeralStore server : fleet) {
        tasks.add(
            () -> {
              int won = 0;
              for (RecordId id : ids) {
                if (server.acknowledge(AccessContext.recipient(ALICE), ALICE, id)) {
                  won++;
                }
              }
              return won;
            });
      }
      int total = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        total += f.get();
      }
      assertThat(total).isEqualTo(ids.size());
    } finally {
      pool.shutdownNow();
    }
    assertThat(fleet.get(0).count(OPERATOR, ALICE)).isZero();
  }

  /** Every key and its DUMP, as a thief (or a backup) would have them. */
  private Map<String, byte[]> dumpEverything() {
    Map<String, byte[]> dump = new HashMap<>();
    KeyScanCursor<String> cursor = null;
    do {
      cursor =
          await(
              cursor == null
                  ? redis.commands().scan(ScanArgs.Builder.limit(1000))
                  : redis.commands().scan(cursor, ScanArgs.Builder.limit(1000)));
      for (String key : cursor.getKeys()) {
        dump.put(key, await(redis.commands().dump(key)));
      }
    } while (!cursor.isFinished());
    return dump;
  }

  private void restore(Map<String, byte[]> dump, String keyPrefixToRestore) {
    dump.forEach(
        (key, value) -> {
          if (key.startsWith(keyPrefixToRestore)) {
            String unused = await(redis.commands().restore(key, 0, value));
          }
        });
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void aStolenCopyOfEveryKeyHoldsNoPlaintextAndOpensNothingWithoutTheKek() {
    EphemeralStore store = store(kek);
    for (int i = 0; i < 5; i++) {
      store.put(SENDER, ALICE, bytes(SECRET + " #" + i), DAY);
    }
    Map<String, byte[]> stolen = dumpEverything();

    assertThat(stolen).isNotEmpty();
    for (Map.Entry<String, byte[]> e : stolen.entrySet()) {
      assertThat(e.getKey())
          .matches("bulwark:(blob|dk):\\{[0-9a-f]{64}\\}:[qdehc]")
          .doesNotContain(ALICE_ID);
      assertThat(contains(e.getValue(), bytes(SECRET))).as("plaintext in %s", e.getKey()).isFalse();
      assertThat(contains(e.getValue(), bytes(ALICE_ID))).as("raw id in %s", e.getKey()).isFalse();
    }

    // The thief loads the copy into a Redis of their own and even knows the recipient hash key.
    REDIS.server().flushAll();
    restore(stolen, "bulwark:");
    FetchResult withoutKek =
        store(TinkKeyEncryptionKeys.generate()).fetch(AccessContext.recipient(ALICE), ALICE, 10);
    assertThat(withoutKek.records()).isEmpty();
    assertThat(withoutKek.unreadable())
        .hasSize(5)
        .allSatisfy(u -> assertThat(u.reason()).isEqualTo(UnreadableReason.KEY_UNWRAP_FAILED));

    // The same copy with the KEK opens: the copy is complete, only the key is missing.
    FetchResult withKek = store(kek).fetch(AccessContext.recipient(ALICE), ALICE, 10);
    assertThat(withKek.records()).hasSize(5);
  }

  @Test
  void afterShreddingABackupOfTheBlobsOpensNothing() {
    EphemeralStore store = store(kek);
    store.put(SENDER, ALICE, bytes(SECRET), DAY);
    store.put(SENDER, BOB, bytes("bob keeps this"), DAY);
    Map<String, byte[]> backup = dumpEverything();

    assertThat(store.shred(OPERATOR, ALICE)).isEqualTo(1);
    assertThat(store.count(OPERATOR, ALICE)).isZero();

    // The blobs come back from the backup; the wrapped-key store kept no backup.
    backup.keySet().stream()
        .filter(k -> k.startsWith("bulwark:blob:"))
        .forEach(k -> REDIS.server().command("DEL", k));
    restore(backup, "bulwark:blob:");
    FetchResult restored = store(kek).fetch(AccessContext.recipient(ALICE), ALICE, 10);
    assertThat(restored.records()).isEmpty();
    assertThat(restored.unreadable())
        .singleElement()
        .satisfies(u -> assertThat(u.reason()).isEqualTo(UnreadableReason.UNKNOWN_DATA_KEY));
    assertThat(payloads(store(kek).fetch(AccessContext.recipient(BOB), BOB, 10)))
        .containsExactly("bob keeps this");
  }

  @Test
  void sweepingDeletesExpiredRecordsFromRedis() {
    dev.bulwark.storage.EphemeralStore.Builder b = EphemeralStore.builder();
    MutableClock clock = new MutableClock();
    EphemeralStore store =
        b.recipientHashKey(HASH_KEY)
            .keyEncryptionKeys(kek)
            .blobStore(RedisBlobStore.create(redis))
            .wrappedKeyStore(RedisWrappedKeyStore.create(redis))
            .clock(clock)
            .build();
    store.put(SENDER, ALICE, bytes("short"), Duration.ofMinutes(5));
    store.put(SENDER, ALICE, bytes("long"), DAY);

    clock.advance(Duration.ofMinutes(10));

    assertThat(payloads(store.fetch(AccessContext.recipient(ALICE), ALICE, 10)))
        .containsExactly("long");
    assertThat(store.sweep(OPERATOR).records()).isEqualTo(1);
    assertThat(
            store.fetch(AccessContext.recipient(ALICE), ALICE, 10).records().stream()
                .map(StoredRecord::payloadLength))
        .containsExactly(4);
    assertThat(store.sweep(OPERATOR).records()).isZero();
  }

  /** A wall clock that moves when the test says so. */
  static final class MutableClock implements java.time.InstantSource {
    private volatile java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }
}
