package dev.bulwark.storage.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.bulwark.storage.RecordId;
import dev.bulwark.storage.spi.BlobEntry;
import dev.bulwark.storage.spi.BlobStore;
import dev.bulwark.storage.spi.RecipientRef;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * What every {@link BlobStore} must do, run against the in-memory store and each remote one: a
 * record is returned as it was put, in arrival order, never after it expired (by the caller's
 * clock) or was deleted; a delete is reported to exactly one of several concurrent callers; one
 * recipient's records are never touched through another's reference; bad input is refused and
 * changes nothing.
 *
 * <p>Subclasses return an empty store from {@link #store()} before each test.
 */
public abstract class BlobStoreContract {
  /** The caller's clock in these tests: 2026-01-01T00:00:00Z. */
  protected static final long NOW = 1_767_225_600L;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** An empty store, the same instance for the whole test. */
  protected abstract BlobStore store();

  /** A reference of 32 random bytes: a recipient no other test uses. */
  protected static RecipientRef freshRef() {
    byte[] b = new byte[RecipientRef.LENGTH];
    RANDOM.nextBytes(b);
    return RecipientRef.of(b);
  }

  protected static BlobEntry entry(String blob, long expiresAt) {
    return new BlobEntry(RecordId.random(RANDOM), blob.getBytes(StandardCharsets.UTF_8), expiresAt);
  }

  private static List<RecordId> ids(List<BlobEntry> entries) {
    return entries.stream().map(BlobEntry::id).toList();
  }

  @Test
  void aRecordIsReturnedExactlyAsItWasPut() {
    RecipientRef ref = freshRef();
    byte[] everyByte = new byte[256 * 3];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = (byte) i;
    }
    BlobEntry e = new BlobEntry(RecordId.random(RANDOM), everyByte, NOW + 60);
    store().put(ref, e);

    assertThat(store().get(ref, e.id())).contains(e);
    assertThat(store().list(ref, NOW, 10)).containsExactly(e);
  }

  @Test
  void aLargeRecordRoundTrips() {
    RecipientRef ref = freshRef();
    byte[] big = new byte[300 * 1024];
    RANDOM.nextBytes(big);
    BlobEntry e = new BlobEntry(RecordId.random(RANDOM), big, NOW + 60);
    store().put(ref, e);
    assertThat(store().get(ref, e.id()).map(BlobEntry::blob))
        .hasValueSatisfying(b -> assertThat(Arrays.equals(b, big)).isTrue());
  }

  @Test
  void unknownRecordsAndRecipientsAreEmpty() {
    RecipientRef ref = freshRef();
    assertThat(store().get(ref, RecordId.random(RANDOM))).isEmpty();
    assertThat(store().list(ref, NOW, 10)).isEmpty();
    assertThat(store().count(ref, NOW)).isZero();
    assertThat(store().delete(ref, RecordId.random(RANDOM))).isFalse();
    assertThat(store().deleteAll(ref)).isZero();
  }

  @Test
  void listReturnsLiveRecordsInArrivalOrderUpToTheLimit() {
    RecipientRef ref = freshRef();
    BlobEntry a = entry("a", NOW + 300);
    BlobEntry expired = entry("expired", NOW);
    BlobEntry b = entry("b", NOW + 1);
    BlobEntry c = entry("c", NOW + 100);
    BlobEntry d = entry("d", NOW + 200);
    for (BlobEntry e : List.of(a, expired, b, c, d)) {
      store().put(ref, e);
    }

    assertThat(store().list(ref, NOW, 3)).containsExactly(a, b, c);
    assertThat(store().list(ref, NOW, 100)).containsExactly(a, b, c, d);
    assertThat(store().list(ref, NOW + 100, 100)).containsExactly(a, d);
    assertThat(store().count(ref, NOW)).isEqualTo(4);
    assertThat(store().count(ref, NOW + 200)).isEqualTo(1);
  }

  @Test
  void getStillReturnsAnExpiredRecordUntilItIsDeleted() {
    RecipientRef ref = freshRef();
    BlobEntry old = entry("old", NOW - 3600);
    store().put(ref, old);
    assertThat(store().get(ref, old.id())).contains(old);
    assertThat(store().list(ref, NOW, 10)).isEmpty();
  }

  @Test
  void aDuplicateIdIsRefusedAndChangesNothing() {
    RecipientRef ref = freshRef();
    BlobEntry first = entry("first", NOW + 60);
    BlobEntry other = entry("other", NOW + 60);
    store().put(ref, first);
    store().put(ref, other);
    BlobEntry clash = new BlobEntry(first.id(), "clash".getBytes(StandardCharsets.UTF_8), NOW + 9);

    assertThatThrownBy(() -> store().put(ref, clash)).isInstanceOf(IllegalStateException.class);

    assertThat(store().get(ref, first.id())).contains(first);
    assertThat(store().list(ref, NOW, 10)).containsExactly(first, other);
  }

  @Test
  void deleteReportsOnceAndKeepsTheOrderOfTheRest() {
    RecipientRef ref = freshRef();
    List<BlobEntry> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      BlobEntry e = entry("r" + i, NOW + 60);
      all.add(e);
      store().put(ref, e);
    }
    assertThat(store().delete(ref, all.get(2).id())).isTrue();
    assertThat(store().delete(ref, all.get(2).id())).isFalse();
    assertThat(store().get(ref, all.get(2).id())).isEmpty();

    BlobEntry later = entry("later", NOW + 60);
    store().put(ref, later);
    assertThat(ids(store().list(ref, NOW, 10)))
        .containsExactly(
            all.get(0).id(), all.get(1).id(), all.get(3).id(), all.get(4).id(), later.id());
  }

  @Test
  void concurrentDeletesOfOneRecordAreReportedExactlyOnce() throws Exception {
    RecipientRef ref = freshRef();
    List<BlobEntry> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      BlobEntry e = entry("r" + i, NOW + 60);
      records.add(e);
      store().put(ref, e);
    }
    int threads = 4;
    AtomicInteger reported = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        tasks.add(
            () -> {
              for (BlobEntry e : records) {
                if (store().delete(ref, e.id())) {
                  reported.incrementAndGet();
                }
              }
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(reported).hasValue(records.size());
    assertThat(store().count(ref, NOW)).isZero();
  }

  @Test
  void oneRecipientsRecordsAreNeverTouchedThroughAnother() {
    RecipientRef alice = freshRef();
    RecipientRef bob = freshRef();
    BlobEntry forAlice = entry("alice", NOW + 60);
    BlobEntry sameIdForBob = new BlobEntry(forAlice.id(), new byte[] {1, 2, 3}, NOW + 60);
    store().put(alice, forAlice);
    store().put(bob, sameIdForBob);

    assertThat(store().delete(bob, forAlice.id())).isTrue();
    assertThat(store().get(alice, forAlice.id())).contains(forAlice);
    assertThat(store().deleteAll(bob)).isZero();
    assertThat(store().list(alice, NOW, 10)).containsExactly(forAlice);
  }

  @Test
  void deleteAllDeletesEveryRecordOfThatRecipientOnly() {
    RecipientRef alice = freshRef();
    RecipientRef bob = freshRef();
    store().put(alice, entry("a1", NOW + 60));
    store().put(alice, entry("a2", NOW - 60));
    BlobEntry b = entry("b", NOW + 60);
    store().put(bob, b);

    assertThat(store().deleteAll(alice)).isEqualTo(2);
    assertThat(store().list(alice, NOW - 1000, 10)).isEmpty();
    assertThat(store().list(bob, NOW, 10)).containsExactly(b);
  }

  @Test
  void deleteExpiredDeletesExactlyTheExpiredRecordsOfEveryRecipient() {
    List<RecipientRef> refs = List.of(freshRef(), freshRef(), freshRef());
    List<BlobEntry> live = new ArrayList<>();
    int expired = 0;
    for (RecipientRef ref : refs) {
      for (int i = 0; i < 3; i++) {
        BlobEntry gone = entry("gone", NOW - i);
        store().put(ref, gone);
        expired++;
        BlobEntry kept = entry("kept", NOW + 1 + i);
        store().put(ref, kept);
        live.add(kept);
      }
    }
    assertThat(store().deleteExpired(NOW)).isEqualTo(expired);
    assertThat(store().deleteExpired(NOW)).isZero();
    List<BlobEntry> remaining = new ArrayList<>();
    for (RecipientRef ref : refs) {
      remaining.addAll(store().list(ref, NOW - 1000, 100));
    }
    assertThat(remaining).containsExactlyInAnyOrderElementsOf(live);
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    RecipientRef ref = freshRef();
    BlobEntry e = entry("kept", NOW + 60);
    store().put(ref, e);

    assertThatThrownBy(() -> store().list(ref, NOW, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> store().list(ref, NOW, -5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().put(ref, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().put(null, e)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().get(null, e.id())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().delete(null, e.id())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().list(null, NOW, 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().deleteAll(null)).isInstanceOf(NullPointerException.class);

    assertThat(store().list(ref, NOW, 10)).containsExactly(e);
  }

  /** For any records put, list returns exactly the live ones, in the order they were put. */
  @Test
  void listIsTheLiveRecordsInArrivalOrder() {
    Gen<List<Long>> expiryOffsets =
        SourceDSL.lists().of(SourceDSL.longs().between(-5, 5)).ofSizeBetween(0, 12);
    qt().withExamples(25)
        .forAll(expiryOffsets)
        .checkAssert(
            offsets -> {
              RecipientRef ref = freshRef();
              List<BlobEntry> live = new ArrayList<>();
              for (long offset : offsets) {
                BlobEntry e = entry("p" + offset, NOW + offset);
                store().put(ref, e);
                if (offset > 0) {
                  live.add(e);
                }
              }
              assertThat(store().list(ref, NOW, 100)).containsExactlyElementsOf(live);
              assertThat(store().count(ref, NOW)).isEqualTo(live.size());
              Optional<BlobEntry> first = live.stream().findFirst();
              first.ifPresent(f -> assertThat(store().list(ref, NOW, 1)).containsExactly(f));
            });
  }
}
