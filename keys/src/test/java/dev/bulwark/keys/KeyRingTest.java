package dev.bulwark.keys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.keys.KeyRingException.Reason;
import dev.bulwark.keys.spi.KeyRingStore;
import dev.bulwark.keys.spi.MasterKeyProvider;
import dev.bulwark.keys.spi.StoredKeyRing;
import dev.bulwark.keys.spi.StoredKeyVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
  private static final byte[] AAD = "message-42".getBytes(UTF_8);
  private final ManualClock clock = new ManualClock();
  private final KeyRingStore store = KeyRingStore.inMemory();
  private final MasterKeyProvider master = MasterKeyProvider.aesGcm(randomKey());
  private final List<KeyRingEvent> events = new ArrayList<>();

  static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private KeyRing.Builder builder() {
    return KeyRing.builder("messages").store(store).masterKey(master).clock(clock);
  }

  private KeyRing ring() {
    return builder().listener(events::add).build();
  }

  private static Reason failure(KeyRing ring, byte[] ciphertext, byte[] aad) {
    try {
      byte[] unused = ring.decrypt(ciphertext, aad);
      throw new AssertionError("decrypted " + unused.length + " bytes");
    } catch (KeyRingException e) {
      return e.reason();
    }
  }

  @Test
  void encryptsUnderThePrimaryAndDecryptsOldVersionsAfterRotation() throws Exception {
    KeyRing ring = ring();
    byte[] v1 = ring.encrypt("hello".getBytes(UTF_8), AAD);
    assertThat(KeyRing.versionOf(v1)).isEqualTo(1);
    assertThat(ring.rotate()).isEqualTo(2);
    byte[] v2 = ring.encrypt("world".getBytes(UTF_8), AAD);
    assertThat(KeyRing.versionOf(v2)).isEqualTo(2);
    assertThat(new String(ring.decrypt(v1, AAD), UTF_8)).isEqualTo("hello");
    assertThat(new String(ring.decrypt(v2, AAD), UTF_8)).isEqualTo("world");
    assertThat(ring.version(1).state()).isEqualTo(KeyState.DECRYPT_ONLY);
    assertThat(ring.version(2).primary()).isTrue();
    assertThat(events)
        .containsExactly(
            new KeyRingEvent.Staged("messages", clock.instant(), 2),
            new KeyRingEvent.Rotated("messages", clock.instant(), 1, 2));
  }

  @Test
  void tamperedWrongAadMalformedAndUnknownVersionsAreTypedFailures() {
    KeyRing ring = ring();
    byte[] ct = ring.encrypt(new byte[10], AAD);
    byte[] flipped = ct.clone();
    flipped[flipped.length - 1] ^= 1;
    assertThat(failure(ring, flipped, AAD)).isEqualTo(Reason.AUTHENTICATION_FAILED);
    assertThat(failure(ring, ct, "other".getBytes(UTF_8))).isEqualTo(Reason.AUTHENTICATION_FAILED);
    assertThat(failure(ring, new byte[3], AAD)).isEqualTo(Reason.MALFORMED);
    byte[] badFormat = ct.clone();
    badFormat[0] = 2;
    assertThat(failure(ring, badFormat, AAD)).isEqualTo(Reason.MALFORMED);
    byte[] unknown = ct.clone();
    unknown[4] = 9;
    assertThat(failure(ring, unknown, AAD)).isEqualTo(Reason.UNKNOWN_VERSION);
    unknown[1] = (byte) 0x80; // negative version
    assertThat(failure(ring, unknown, AAD)).isEqualTo(Reason.UNKNOWN_VERSION);
    assertThatThrownBy(() -> ring.version(7)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ring.revoke(0, RevocationReason.COMPROMISED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version");
  }

  @Test
  void anotherRingsCiphertextDoesNotOpen() {
    KeyRing ring = ring();
    KeyRing other = KeyRing.builder("other").store(store).masterKey(master).build();
    assertThat(failure(other, ring.encrypt(new byte[1], AAD), AAD))
        .isEqualTo(Reason.AUTHENTICATION_FAILED);
  }

  @Test
  void stagedVersionsAreKnownButNotUsedUntilPromoted() throws Exception {
    KeyRing ring = ring();
    int staged = ring.stage();
    assertThat(ring.primaryVersion()).isEqualTo(1);
    assertThat(ring.version(staged).state()).isEqualTo(KeyState.ACTIVE);
    assertThat(KeyRing.versionOf(ring.encrypt(new byte[1], AAD))).isEqualTo(1);
    KeyRing otherNode = builder().build();
    assertThat(otherNode.latestVersion()).isEqualTo(2);
    ring.promote(staged);
    byte[] ct = ring.encrypt(new byte[1], AAD);
    assertThat(KeyRing.versionOf(ct)).isEqualTo(2);
    assertThat(otherNode.decrypt(ct, AAD)).hasSize(1); // knew the key before it was used
  }

  @Test
  void revocationIsReversibleAndThePrimaryIsProtected() throws Exception {
    KeyRing ring = ring();
    byte[] v1 = ring.encrypt(new byte[4], AAD);
    ring.rotate();
    ring.revoke(1, RevocationReason.COMPROMISED);
    assertThat(failure(ring, v1, AAD)).isEqualTo(Reason.REVOKED);
    assertThat(ring.version(1).revocationReason()).isEqualTo(RevocationReason.COMPROMISED);
    assertThat(ring.version(1).changedAt()).isEqualTo(clock.instant());
    assertThatThrownBy(() -> ring.deriveKey(1, "p", new byte[0], 32))
        .isInstanceOf(KeyRingException.class);
    ring.reinstate(1);
    assertThat(ring.decrypt(v1, AAD)).hasSize(4);

    ring.setMinDecryptionVersion(2);
    assertThat(failure(ring, v1, AAD)).isEqualTo(Reason.REVOKED);
    assertThat(ring.version(1).state()).isEqualTo(KeyState.REVOKED);
    assertThatThrownBy(() -> ring.promote(1)).isInstanceOf(IllegalStateException.class);
    ring.setMinDecryptionVersion(1);
    assertThat(ring.decrypt(v1, AAD)).hasSize(4);

    assertThatThrownBy(() -> ring.revoke(2, RevocationReason.ADMINISTRATIVE))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ring.destroy(2)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ring.setMinDecryptionVersion(3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(events)
        .filteredOn(e -> e instanceof KeyRingEvent.Revoked)
        .containsExactly(
            new KeyRingEvent.Revoked("messages", clock.instant(), 1, RevocationReason.COMPROMISED));
  }

  @Test
  void destroyIsIrreversibleAndLeavesNoMaterialInTheStore() throws Exception {
    KeyRing ring = ring();
    byte[] v1 = ring.encrypt(new byte[4], AAD);
    ring.rotate();
    ring.destroy(1);
    assertThat(failure(ring, v1, AAD)).isEqualTo(Reason.DESTROYED);
    assertThatThrownBy(() -> ring.reinstate(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ring.promote(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ring.revoke(1, RevocationReason.ADMINISTRATIVE))
        .isInstanceOf(IllegalStateException.class);
    ring.setMinDecryptionVersion(1);
    ring.destroy(1); // again: nothing happens
    StoredKeyVersion stored = store.load("messages").versions().get(0);
    assertThat(stored.state()).isEqualTo(KeyState.DESTROYED);
    assertThat(stored.wrappedMaterial()).isNull();
    KeyRing reopened = builder().build();
    assertThat(failure(reopened, v1, AAD)).isEqualTo(Reason.DESTROYED);
    assertThat(events).last().isEqualTo(new KeyRingEvent.Destroyed("messages", clock.instant(), 1));
  }

  @Test
  void rotatesByAgeAndByUseCount() throws Exception {
    KeyRing byAge =
        builder()
            .rotationPolicy(RotationPolicy.builder().maxAge(Duration.ofDays(30)).build())
            .build();
    clock.advance(Duration.ofDays(29));
    assertThat(byAge.rotateIfDue()).isFalse();
    clock.advance(Duration.ofDays(1));
    byte[] ct = byAge.encrypt(new byte[1], AAD);
    assertThat(KeyRing.versionOf(ct)).isEqualTo(2);
    clock.advance(Duration.ofDays(30));
    assertThat(byAge.rotateIfDue()).isTrue(); // a scheduler's check, without an encryption
    assertThat(byAge.primaryVersion()).isEqualTo(3);
    assertThat(byAge.rotateIfDue()).isFalse();

    KeyRing byCount =
        KeyRing.builder("counted")
            .store(store)
            .masterKey(master)
            .clock(clock)
            .rotationPolicy(RotationPolicy.builder().maxEncryptions(3).build())
            .build();
    List<Integer> versions = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      versions.add(KeyRing.versionOf(byCount.encrypt(new byte[1], AAD)));
    }
    assertThat(versions).containsExactly(1, 1, 1, 2, 2, 2, 3);
    assertThat(byCount.encryptionCount(1)).isGreaterThanOrEqualTo(3);
  }

  @Test
  void automaticRotationPromotesAStagedVersionFirst() throws Exception {
    KeyRing ring =
        builder().rotationPolicy(RotationPolicy.builder().maxEncryptions(1).build()).build();
    int staged = ring.stage();
    assertThat(KeyRing.versionOf(ring.encrypt(new byte[1], AAD))).isEqualTo(1);
    assertThat(KeyRing.versionOf(ring.encrypt(new byte[1], AAD))).isEqualTo(staged);
    assertThat(ring.latestVersion()).isEqualTo(staged);
  }

  @Test
  void concurrentRotationOnTwoNodesConflictsAndTheLoserReloads() {
    KeyRing nodeA = builder().build();
    KeyRing nodeB = builder().build();
    assertThat(nodeA.rotate()).isEqualTo(2);
    assertThatThrownBy(nodeB::rotate).isInstanceOf(KeyRingConflictException.class);
    assertThat(nodeB.primaryVersion()).isEqualTo(2); // reloaded the winner
    assertThat(nodeB.rotate()).isEqualTo(3);
    nodeA.reload();
    assertThat(nodeA.primaryVersion()).isEqualTo(3);
  }

  @Test
  void aNodeLearnsAVersionAddedElsewhereWhenItFirstSeesItButNotOnEveryForgery() throws Exception {
    KeyRing nodeA = builder().build();
    KeyRing nodeB = builder().build();
    nodeA.rotate();
    byte[] fromA = nodeA.encrypt(new byte[2], AAD);
    assertThat(nodeB.latestVersion()).isEqualTo(1);
    assertThat(nodeB.decrypt(fromA, AAD)).hasSize(2); // reloaded on the unknown version
    nodeA.rotate();
    byte[] newer = nodeA.encrypt(new byte[2], AAD);
    // within a second of the last reload a further unknown version does not reload again
    assertThat(failure(nodeB, newer, AAD)).isEqualTo(Reason.UNKNOWN_VERSION);
    clock.advance(Duration.ofSeconds(1));
    assertThat(nodeB.decrypt(newer, AAD)).hasSize(2);
  }

  @Test
  void subkeysDependOnVersionPurposeAndContext() throws Exception {
    KeyRing ring = ring();
    byte[] a = ring.deriveKey("attachments", "user-1".getBytes(UTF_8), 32).copyBytes();
    byte[] b = ring.deriveKey("attachments", "user-2".getBytes(UTF_8), 32).copyBytes();
    byte[] c = ring.deriveKey("backups", "user-1".getBytes(UTF_8), 32).copyBytes();
    // length-prefixed purpose: ("ab", "c") and ("a", "bc") differ
    byte[] d = ring.deriveKey("ab", "c".getBytes(UTF_8), 32).copyBytes();
    byte[] e = ring.deriveKey("a", "bc".getBytes(UTF_8), 32).copyBytes();
    assertThat(List.of(a, b, c, d, e)).doesNotHaveDuplicates();
    assertThat(ring.deriveKey(1, "attachments", "user-1".getBytes(UTF_8), 32).copyBytes())
        .isEqualTo(a);
    ring.rotate();
    DerivedKey fresh = ring.deriveKey("attachments", "user-1".getBytes(UTF_8), 32);
    assertThat(fresh.version()).isEqualTo(2);
    assertThat(fresh.copyBytes()).isNotEqualTo(a);
    assertThat(fresh.toString()).doesNotContain(Base64.getEncoder().encodeToString(a));
    assertThatThrownBy(() -> ring.deriveKey("", new byte[0], 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ring.deriveKey("p", new byte[0], 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length");
  }

  @Test
  void materialIsBoundToTheMasterKeyAndToItsVersion() {
    ring().rotate();
    KeyRing.Builder wrongMaster =
        KeyRing.builder("messages").store(store).masterKey(MasterKeyProvider.aesGcm(randomKey()));
    assertThatThrownBy(wrongMaster::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not unwrap");
    // swap the wrapped material of versions 1 and 2: neither unwraps under the other's context
    StoredKeyRing stored = store.load("messages");
    StoredKeyVersion v1 = stored.versions().get(0);
    StoredKeyVersion v2 = stored.versions().get(1);
    StoredKeyRing swapped =
        new StoredKeyRing(
            "messages",
            stored.revision() + 1,
            2,
            1,
            List.of(
                new StoredKeyVersion(
                    1, v1.state(), v1.createdAt(), v2.wrappedMaterial(), null, null),
                new StoredKeyVersion(
                    2, v2.state(), v2.createdAt(), v1.wrappedMaterial(), null, null)));
    assertThat(store.compareAndSet("messages", stored.revision(), swapped)).isTrue();
    assertThatThrownBy(() -> builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void listenerFailuresDoNotUndoChanges() {
    KeyRing ring =
        builder()
            .listener(
                e -> {
                  throw new IllegalStateException("listener bug");
                })
            .build();
    assertThat(ring.rotate()).isEqualTo(2);
    assertThat(store.load("messages").primaryVersion()).isEqualTo(2);
  }

  @Test
  void masterKeysComeFromFilesAndEnvironment(@TempDir Path dir) throws Exception {
    byte[] raw = randomKey();
    Path rawFile = Files.write(dir.resolve("raw.key"), raw);
    Path b64File =
        Files.writeString(dir.resolve("b64.key"), Base64.getEncoder().encodeToString(raw) + "\n");
    MasterKeyProvider fromRaw = MasterKeyProvider.fromFile(rawFile);
    MasterKeyProvider fromB64 = MasterKeyProvider.fromFile(b64File);
    MasterKeyProvider fromEnv =
        MasterKeyProvider.fromEnvironment(
            "BULWARK_MASTER_KEY",
            Map.of("BULWARK_MASTER_KEY", Base64.getEncoder().encodeToString(raw)));
    byte[] wrapped = fromRaw.wrap(new byte[] {1, 2, 3}, AAD);
    assertThat(fromB64.unwrap(wrapped, AAD)).containsExactly(1, 2, 3);
    assertThat(fromEnv.unwrap(wrapped, AAD)).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> fromEnv.unwrap(wrapped, new byte[0]))
        .isInstanceOf(java.security.GeneralSecurityException.class);
    assertThatThrownBy(() -> MasterKeyProvider.fromEnvironment("MISSING", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MISSING");
    assertThatThrownBy(() -> MasterKeyProvider.fromEnvironment("K", Map.of("K", "not base64!")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("not base64!");
    assertThatThrownBy(() -> MasterKeyProvider.aesGcm(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fromEnv.toString()).doesNotContain(Base64.getEncoder().encodeToString(raw));
  }

  @Test
  void builderValidatesNameAndRequiresAMasterKey() {
    assertThatThrownBy(() -> KeyRing.builder("bad name"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyRing.builder("x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("masterKey");
    assertThatThrownBy(() -> RotationPolicy.builder().maxEncryptions((1L << 32) + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEncryptions");
  }

  @Test
  void nothingPrintsMaterialOrWrappedMaterial() {
    KeyRing ring = ring();
    StoredKeyRing stored = store.load("messages");
    String wrapped = Base64.getEncoder().encodeToString(stored.versions().get(0).wrappedMaterial());
    String hex = java.util.HexFormat.of().formatHex(stored.versions().get(0).wrappedMaterial());
    for (String printed :
        List.of(
            stored.toString(), ring.toString(), ring.versions().toString(), master.toString())) {
      assertThat(printed).doesNotContain(wrapped).doesNotContain(hex.substring(0, 16));
    }
  }
}
