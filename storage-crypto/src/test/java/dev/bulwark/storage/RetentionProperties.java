package dev.bulwark.storage;

import static dev.bulwark.storage.Fixture.OPERATOR;
import static dev.bulwark.storage.Fixture.SENDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Retention, isolation, shredding and rotation, as properties over random schedules. Each method
 * name is the guarantee.
 */
class RetentionProperties {
  private static final int EXAMPLES = 100;

  private static byte[] tag(int i) {
    return ByteBuffer.allocate(4).putInt(i).array();
  }

  private static int untag(byte[] b) {
    return ByteBuffer.wrap(b).getInt();
  }

  /**
   * A record is returned at every moment before put time + TTL, while it is not acknowledged, and
   * never at or after that moment, whether or not the sweeper has run.
   */
  @Test
  void aRecordIsNeverReturnedAfterItsTtlOrAfterAcknowledgement() {
    qt().withExamples(EXAMPLES)
        .forAll(
            lists().of(longs().between(1_000, 7_200_000)).ofSizeBetween(1, 8),
            longs().between(0, 8_000_000),
            integers().between(0, 7))
        .checkAssert(
            (ttlsMillis, probeMillis, acked) -> {
              Fixture f = new Fixture();
              Instant start = f.clock.instant();
              List<RecordId> ids = new ArrayList<>();
              for (int i = 0; i < ttlsMillis.size(); i++) {
                ids.add(
                    f.store.put(
                        SENDER, Fixture.ALICE, tag(i), Duration.ofMillis(ttlsMillis.get(i))));
              }
              int ackIndex = acked % ids.size();
              f.store.acknowledge(Fixture.as(Fixture.ALICE), Fixture.ALICE, ids.get(ackIndex));
              f.clock.advance(Duration.ofMillis(probeMillis));
              if (probeMillis % 2 == 0) {
                EphemeralStore.SweepResult ignored = f.store.sweep(OPERATOR);
              }
              Instant now = f.clock.instant();
              for (StoredRecord r : f.fetch(Fixture.ALICE).records()) {
                int i = untag(r.payload());
                assertThat(i).isNotEqualTo(ackIndex);
                assertThat(now).isBefore(start.plusMillis(ttlsMillis.get(i)));
              }
              // And every record that is neither acknowledged nor within a second of expiry is
              // there.
              Set<Integer> seen = new HashSet<>();
              f.fetch(Fixture.ALICE).records().forEach(r -> seen.add(untag(r.payload())));
              for (int i = 0; i < ttlsMillis.size(); i++) {
                if (i != ackIndex
                    && now.plusSeconds(1).isBefore(start.plusMillis(ttlsMillis.get(i)))) {
                  assertThat(seen).contains(i);
                }
              }
            });
  }

  /** Whatever is put for one recipient is never visible in another recipient's fetch. */
  @Test
  void recordsOfOneRecipientAreNeverVisibleToAnother() {
    qt().withExamples(EXAMPLES)
        .forAll(lists().of(integers().between(0, 3)).ofSizeBetween(1, 20))
        .checkAssert(
            owners -> {
              Fixture f = new Fixture();
              Recipient[] rs = new Recipient[4];
              for (int i = 0; i < 4; i++) {
                rs[i] = Recipient.of("user-" + i);
              }
              for (int i = 0; i < owners.size(); i++) {
                f.store.put(SENDER, rs[owners.get(i)], tag(i), Fixture.HOUR);
              }
              for (int r = 0; r < 4; r++) {
                for (StoredRecord rec : f.fetch(rs[r]).records()) {
                  assertThat(owners.get(untag(rec.payload()))).isEqualTo(r);
                }
                assertThat(f.fetch(rs[r]).unreadable()).isEmpty();
              }
            });
  }

  /** After shred, no record of that recipient decrypts, from the store or from any copy of it. */
  @Test
  void afterShredNoRecordOfThatRecipientDecrypts() {
    qt().withExamples(EXAMPLES)
        .forAll(integers().between(1, 10), integers().between(1, 4))
        .checkAssert(
            (count, rotateEvery) -> {
              Fixture f =
                  new Fixture(
                      EphemeralStore.builder().dataKeyRotation(Duration.ofDays(1), rotateEvery));
              for (int i = 0; i < count; i++) {
                f.store.put(SENDER, Fixture.ALICE, tag(i), Fixture.HOUR);
                f.store.put(SENDER, Fixture.BOB, tag(i), Fixture.HOUR);
              }
              var backup = f.blobs.snapshot();
              f.store.shred(OPERATOR, Fixture.ALICE);
              assertThat(f.fetch(Fixture.ALICE).records()).isEmpty();
              EphemeralStore restored = f.reopen(f.kek, backup, f.wrappedKeys);
              FetchResult alice = restored.fetch(Fixture.as(Fixture.ALICE), Fixture.ALICE, 100);
              assertThat(alice.records()).isEmpty();
              assertThat(alice.unreadable()).hasSize(count);
              assertThat(restored.fetch(Fixture.as(Fixture.BOB), Fixture.BOB, 100).records())
                  .hasSize(count);
            });
  }

  /**
   * Any interleaving of puts, key-encryption-key rotations and rewraps, followed by retiring every
   * non-primary key, leaves every record readable.
   */
  @Test
  void rotationAndRewrapNeverLoseAReadableRecord() {
    qt().withExamples(50)
        .forAll(lists().of(integers().between(0, 3)).ofSizeBetween(1, 15))
        .checkAssert(
            steps -> {
              Fixture f =
                  new Fixture(EphemeralStore.builder().dataKeyRotation(Duration.ofDays(1), 2));
              int puts = 0;
              for (int step : steps) {
                switch (step) {
                  case 0, 1 ->
                      f.store.put(
                          SENDER,
                          step == 0 ? Fixture.ALICE : Fixture.BOB,
                          tag(puts++),
                          Fixture.HOUR);
                  case 2 -> f.kek.rotate();
                  default -> assertThat(f.store.rewrap(OPERATOR).failed()).isZero();
                }
              }
              assertThat(f.store.rewrap(OPERATOR).failed()).isZero();
              String primary = f.kek.primaryKeyId();
              for (String id : f.kek.keyIds()) {
                if (!id.equals(primary)) {
                  f.kek.retire(id);
                }
              }
              EphemeralStore cold = f.reopen();
              int readable =
                  cold.fetch(Fixture.as(Fixture.ALICE), Fixture.ALICE, 100).records().size()
                      + cold.fetch(Fixture.as(Fixture.BOB), Fixture.BOB, 100).records().size();
              assertThat(readable).isEqualTo(puts);
            });
  }
}
