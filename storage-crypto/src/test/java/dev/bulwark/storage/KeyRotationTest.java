package dev.bulwark.storage;

import static dev.bulwark.storage.Fixture.ALICE;
import static dev.bulwark.storage.Fixture.BOB;
import static dev.bulwark.storage.Fixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.storage.spi.WrappedDataKey;
import org.junit.jupiter.api.Test;

class KeyRotationTest {

  @Test
  void rotateRewrapRetireKeepsEveryRecordReadableWithoutTouchingPayloads() {
    Fixture f = new Fixture();
    f.put(ALICE, "a");
    f.put(BOB, "b");
    String oldKek = f.kek.primaryKeyId();
    var blobsBefore = f.blobs.snapshot();

    String newKek = f.kek.rotate();
    assertThat(newKek).isNotEqualTo(oldKek);
    assertThat(f.kek.keyIds()).containsExactlyInAnyOrder(oldKek, newKek);

    RewrapResult result = f.store.rewrap(OPERATOR);
    assertThat(result).isEqualTo(new RewrapResult(2, 0, 0));
    assertThat(f.store.rewrap(OPERATOR)).isEqualTo(new RewrapResult(0, 2, 0));
    for (var ref : f.wrappedKeys.references()) {
      assertThat(f.wrappedKeys.list(ref)).extracting(WrappedDataKey::kekId).containsOnly(newKek);
    }
    f.kek.retire(oldKek);
    assertThat(f.kek.keyIds()).containsExactly(newKek);

    // Payload blobs are byte-for-byte the same.
    for (var ref : f.blobs.references()) {
      assertThat(f.blobs.list(ref, Long.MIN_VALUE, 10))
          .isEqualTo(blobsBefore.list(ref, Long.MIN_VALUE, 10));
    }
    // A fresh store (empty caches) over the same stores still reads everything.
    EphemeralStore fresh = f.reopen();
    assertThat(fresh.fetch(Fixture.as(ALICE), ALICE, 10).records()).hasSize(1);
    assertThat(fresh.fetch(Fixture.as(BOB), BOB, 10).records()).hasSize(1);
  }

  @Test
  void newDataKeysAreWrappedByTheNewPrimary() {
    Fixture f = new Fixture();
    String newKek = f.kek.rotate();
    f.put(ALICE, "a");
    var ref = f.wrappedKeys.references().get(0);
    assertThat(f.wrappedKeys.list(ref)).extracting(WrappedDataKey::kekId).containsExactly(newKek);
  }

  @Test
  void retiringAKeyBeforeRewrapMakesItsDataKeysUnreadableAndRewrapReportsThem() {
    Fixture f = new Fixture();
    f.put(ALICE, "a");
    String oldKek = f.kek.primaryKeyId();
    f.kek.rotate();
    f.kek.retire(oldKek);
    EphemeralStore fresh = f.reopen();
    assertThat(fresh.fetch(Fixture.as(ALICE), ALICE, 10).unreadable())
        .extracting(FetchResult.UnreadableRecord::reason)
        .containsExactly(UnreadableReason.KEY_UNWRAP_FAILED);
    assertThat(fresh.rewrap(OPERATOR)).isEqualTo(new RewrapResult(0, 0, 1));
  }

  @Test
  void thePrimaryCannotBeRetiredAndUnknownIdsAreRefused() {
    TinkKeyEncryptionKeys kek = TinkKeyEncryptionKeys.generate();
    assertThatThrownBy(() -> kek.retire(kek.primaryKeyId()))
        .hasMessage("the primary key cannot be retired");
    assertThatThrownBy(() -> kek.retire("12")).hasMessage("no key-encryption key with that id");
    assertThatThrownBy(() -> kek.retire("x"))
        .hasMessage("key-encryption key id must be an unsigned integer");
    assertThat(kek.toString()).isEqualTo("TinkKeyEncryptionKeys[keys=1]");
  }
}
