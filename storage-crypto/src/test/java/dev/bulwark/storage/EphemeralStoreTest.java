package dev.bulwark.storage;

import static dev.bulwark.storage.Fixture.ALICE;
import static dev.bulwark.storage.Fixture.BOB;
import static dev.bulwark.storage.Fixture.HOUR;
import static dev.bulwark.storage.Fixture.OPERATOR;
import static dev.bulwark.storage.Fixture.SENDER;
import static dev.bulwark.storage.Fixture.as;
import static dev.bulwark.storage.Fixture.bytes;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.storage.spi.BlobEntry;
import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.storage.spi.WrappedDataKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EphemeralStoreTest {

  @Test
  void putFetchAcknowledgeInArrivalOrder() {
    Fixture f = new Fixture();
    RecordId first = f.put(ALICE, "one");
    f.put(ALICE, "two");
    f.put(ALICE, "three");
    assertThat(f.payloads(ALICE)).containsExactly("one", "two", "three");
    assertThat(f.store.acknowledge(as(ALICE), ALICE, first)).isTrue();
    assertThat(f.store.acknowledge(as(ALICE), ALICE, first)).isFalse();
    assertThat(f.payloads(ALICE)).containsExactly("two", "three");
    assertThat(f.store.fetch(as(ALICE), ALICE, 1).records()).hasSize(1);
    assertThat(f.payloads(BOB)).isEmpty();
  }

  @Test
  void purgeDeletesEveryRecordOfOneRecipientOnly() {
    Fixture f = new Fixture();
    f.put(ALICE, "a1");
    f.put(ALICE, "a2");
    f.put(BOB, "b1");
    assertThat(f.store.purge(OPERATOR, ALICE)).isEqualTo(2);
    assertThat(f.store.count(OPERATOR, ALICE)).isZero();
    assertThat(f.payloads(BOB)).containsExactly("b1");
  }

  @Test
  void anExpiredRecordIsNeverReturnedEvenBeforeTheSweeperRuns() {
    Fixture f = new Fixture();
    f.store.put(SENDER, ALICE, bytes("short"), Duration.ofSeconds(10));
    f.store.put(SENDER, ALICE, bytes("long"), HOUR);
    f.clock.advance(Duration.ofMillis(9_749)); // 9.999 s after put at .250
    assertThat(f.payloads(ALICE)).containsExactly("short", "long");
    f.clock.advance(Duration.ofMillis(1));
    assertThat(f.payloads(ALICE)).containsExactly("long");
    assertThat(f.store.count(as(ALICE), ALICE)).isEqualTo(1);
    // still stored until the sweeper runs
    assertThat(f.blobs.references()).hasSize(1);
    assertThat(f.store.sweep(OPERATOR).records()).isEqualTo(1);
    assertThat(f.store.sweep(OPERATOR).records()).isZero();
    assertThat(f.payloads(ALICE)).containsExactly("long");
  }

  @Test
  void ttlIsCappedAndPayloadSizeBounded() {
    Fixture f =
        new Fixture(EphemeralStore.builder().maxTtl(Duration.ofDays(2)).maxPayloadBytes(100));
    assertThatThrownBy(() -> f.store.put(SENDER, ALICE, new byte[1], Duration.ofDays(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ttl must be between PT1S and PT48H");
    assertThatThrownBy(() -> f.store.put(SENDER, ALICE, new byte[1], Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.store.put(SENDER, ALICE, new byte[101], HOUR))
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessage("payload must be at most 100 bytes, got 101");
    assertThat(f.blobs.references()).isEmpty();
    assertThat(f.wrappedKeys.references()).isEmpty();
    f.store.put(SENDER, ALICE, new byte[100], Duration.ofDays(2));
    f.store.put(SENDER, ALICE, new byte[0], Duration.ofSeconds(1));
    assertThat(f.store.count(OPERATOR, ALICE)).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(
      value = AeadAlgorithm.class,
      names = {"AES256_GCM", "XCHACHA20_POLY1305"})
  void everyAlgorithmRoundTripsWithItsDocumentedOverhead(AeadAlgorithm algorithm) throws Exception {
    Fixture f = new Fixture(EphemeralStore.builder().algorithm(algorithm));
    RecordId id = f.store.put(SENDER, ALICE, new byte[1024], HOUR);
    BlobEntry stored = f.blobs.list(refOf(f), Long.MIN_VALUE, 10).get(0);
    assertThat(stored.id()).isEqualTo(id);
    assertThat(stored.length() - 1024).isEqualTo(RecordFormat.overhead(algorithm));
    assertThat(RecordFormat.overhead(algorithm))
        .isEqualTo(algorithm == AeadAlgorithm.AES256_GCM ? 33 : 45);
    // Tink wrote the header as its key prefix: the format byte and the data key's ID.
    RecordFormat.Header header = RecordFormat.parseHeader(stored.blob());
    assertThat(stored.blob()[0]).isEqualTo(RecordFormat.VERSION_1_PLAIN);
    assertThat(header.dataKeyId()).isEqualTo(f.wrappedKeys.list(refOf(f)).get(0).keyId());
    assertThat(f.fetch(ALICE).records().get(0).payload()).isEqualTo(new byte[1024]);
  }

  @Test
  void gcmSivWorksWhereTheJvmHasItAndIsOtherwiseRefusedAtBuildTime() {
    boolean jceHasSiv;
    try {
      javax.crypto.Cipher.getInstance("AES/GCM-SIV/NoPadding");
      jceHasSiv = true;
    } catch (java.security.GeneralSecurityException e) {
      jceHasSiv = false;
    }
    EphemeralStore.Builder b = EphemeralStore.builder().algorithm(AeadAlgorithm.AES256_GCM_SIV);
    if (!jceHasSiv) {
      assertThatThrownBy(() -> new Fixture(b))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("AES256_GCM_SIV is not available on this JVM");
      return;
    }
    Fixture f = new Fixture(b);
    f.put(ALICE, "siv");
    assertThat(f.payloads(ALICE)).containsExactly("siv");
  }

  @Test
  void paddingHidesLengthsWithinABucket() {
    Fixture f = new Fixture(EphemeralStore.builder().padding(Padding.powersOfTwo(64, 4096)));
    f.store.put(SENDER, ALICE, new byte[0], HOUR);
    f.store.put(SENDER, ALICE, new byte[63], HOUR);
    f.store.put(SENDER, ALICE, new byte[64], HOUR);
    f.store.put(SENDER, ALICE, new byte[5000], HOUR);
    List<BlobEntry> stored = f.blobs.list(refOf(f), Long.MIN_VALUE, 10);
    assertThat(stored).extracting(BlobEntry::length).containsExactly(97, 97, 161, 8192 + 33);
    assertThat(f.fetch(ALICE).records())
        .extracting(StoredRecord::payloadLength)
        .containsExactly(0, 63, 64, 5000);
  }

  @Test
  void paddingBucketsAreValidated() {
    assertThat(Padding.buckets(16, 100).paddedLength(16)).isEqualTo(100);
    assertThat(Padding.buckets(16, 100).paddedLength(100)).isEqualTo(200);
    assertThat(Padding.none().paddedLength(5)).isEqualTo(5);
    assertThatThrownBy(() -> Padding.buckets(100, 100))
        .hasMessage("bucket sizes must be strictly increasing");
    assertThatThrownBy(() -> Padding.powersOfTwo(48, 64))
        .hasMessage("bucket sizes must be powers of two, got 48 and 64");
    assertThatThrownBy(() -> Padding.buckets(8))
        .hasMessage("bucket size must be between 16 and 16777216, got 8");
  }

  @Test
  void aRecordAcknowledgedConcurrentlyIsDeletedAndReportedOnce() throws Exception {
    Fixture f = new Fixture();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 50; round++) {
        RecordId id = f.put(ALICE, "r" + round);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger reported = new AtomicInteger();
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          tasks.add(
              pool.submit(
                  () -> {
                    start.await();
                    if (f.store.acknowledge(as(ALICE), ALICE, id)) {
                      reported.incrementAndGet();
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> task : tasks) {
          task.get(10, TimeUnit.SECONDS);
        }
        assertThat(reported).hasValue(1);
      }
      assertThat(f.store.count(as(ALICE), ALICE)).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void dataKeysRotateByUseCountAndAge() {
    Fixture f = new Fixture(EphemeralStore.builder().dataKeyRotation(Duration.ofHours(2), 3));
    for (int i = 0; i < 7; i++) {
      f.store.put(SENDER, ALICE, bytes("m" + i), Duration.ofDays(1));
    }
    assertThat(f.wrappedKeys.list(refOf(f))).hasSize(3);
    f.clock.advance(Duration.ofMinutes(59));
    f.store.put(SENDER, ALICE, bytes("later"), Duration.ofDays(1));
    assertThat(f.wrappedKeys.list(refOf(f))).hasSize(3);
    f.clock.advance(Duration.ofHours(2));
    f.store.put(SENDER, ALICE, bytes("much later"), Duration.ofDays(1));
    assertThat(f.wrappedKeys.list(refOf(f))).hasSize(4);
    assertThat(f.payloads(ALICE)).hasSize(9);
  }

  @Test
  void theSweeperAlsoDeletesDataKeysNoLiveRecordCanUse() {
    Fixture f =
        new Fixture(
            EphemeralStore.builder()
                .maxTtl(Duration.ofDays(1))
                .dataKeyRotation(Duration.ofHours(1), 1000));
    f.put(ALICE, "old");
    f.clock.advance(Duration.ofDays(2).plusHours(1).plusSeconds(1));
    f.put(ALICE, "new");
    EphemeralStore.SweepResult swept = f.store.sweep(OPERATOR);
    assertThat(swept.records()).isEqualTo(1);
    assertThat(swept.dataKeys()).isEqualTo(1);
    assertThat(f.payloads(ALICE)).containsExactly("new");
  }

  @Test
  void builderRefusesMissingSecretsAndWeakSettings() {
    assertThatThrownBy(() -> EphemeralStore.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("recipientHashKey is required");
    assertThatThrownBy(() -> EphemeralStore.builder().recipientHashKey(new byte[16]))
        .hasMessage("recipientHashKey must be at least 32 bytes, got 16");
    assertThatThrownBy(() -> EphemeralStore.builder().maxTtl(Duration.ofDays(400)))
        .hasMessage("maxTtl must be between PT1M and PT8760H, got PT9600H");
    assertThatThrownBy(() -> EphemeralStore.builder().namespace("a b"))
        .hasMessage("namespace must be 1 to 64 of [A-Za-z0-9._-]");
    assertThatThrownBy(() -> EphemeralStore.builder().maxPayloadBytes(0))
        .hasMessage("maxPayloadBytes must be between 1 and 16777216, got 0");
  }

  @Test
  void valueTypesHideIdentifiersAndPayloads() {
    Fixture f = new Fixture();
    f.put(ALICE, "secret payload");
    StoredRecord rec = f.fetch(ALICE).records().get(0);
    assertThat(rec.toString()).doesNotContain("secret");
    assertThat(ALICE.toString()).isEqualTo("Recipient[redacted]");
    assertThat(as(ALICE).toString()).isEqualTo("AccessContext[RECIPIENT]");
    assertThat(refOf(f).toString()).isEqualTo("RecipientRef[redacted]");
    assertThat(RecordId.parse(rec.id().toString())).isEqualTo(rec.id());
    assertThat(f.store.toString()).doesNotContain("secret");
  }

  /**
   * The namespace is bound through the recipient reference and the data key's wrapping: a record
   * copied into another namespace's queue for the same recipient, even with its wrapped data key
   * copied along, does not open there.
   */
  @Test
  void aRecordAndItsDataKeyCopiedIntoAnotherNamespaceStayUnreadable() {
    Fixture f = new Fixture(EphemeralStore.builder().namespace("first"));
    EphemeralStore second =
        EphemeralStore.builder()
            .namespace("second")
            .recipientHashKey(Fixture.HASH_KEY)
            .keyEncryptionKeys(f.kek)
            .blobStore(f.blobs)
            .wrappedKeyStore(f.wrappedKeys)
            .clock(f.clock)
            .build();
    RecordId moved = f.put(ALICE, "first namespace");
    RecipientRef inFirst = refOf(f);
    second.put(SENDER, ALICE, bytes("second namespace"), HOUR);
    RecipientRef inSecond =
        f.blobs.references().stream().filter(r -> !r.equals(inFirst)).findFirst().orElseThrow();

    f.blobs.put(inSecond, f.blobs.get(inFirst, moved).orElseThrow());
    WrappedDataKey key = f.wrappedKeys.list(inFirst).get(0);
    assertThat(f.wrappedKeys.putIfAbsent(inSecond, key)).isTrue();

    FetchResult there = second.fetch(as(ALICE), ALICE, 10);
    assertThat(there.records())
        .extracting(r -> new String(r.payload(), UTF_8))
        .containsExactly("second namespace");
    assertThat(there.unreadable())
        .containsExactly(
            new FetchResult.UnreadableRecord(moved, UnreadableReason.KEY_UNWRAP_FAILED));
    assertThat(f.payloads(ALICE)).containsExactly("first namespace");
  }

  static RecipientRef refOf(Fixture f) {
    return f.blobs.references().isEmpty()
        ? f.wrappedKeys.references().get(0)
        : f.blobs.references().get(0);
  }
}
