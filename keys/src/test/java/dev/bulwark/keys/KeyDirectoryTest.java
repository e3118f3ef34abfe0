package dev.bulwark.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.keys.KeyRejectedException.Reason;
import dev.bulwark.keys.spi.DeviceKeys;
import dev.bulwark.keys.spi.PublicKeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class KeyDirectoryTest {
  private final ManualClock clock = new ManualClock();
  private final PublicKeyStore store = PublicKeyStore.inMemory();
  private final KeyDirectory directory = KeyDirectory.builder().store(store).clock(clock).build();
  private final DeviceAddress device = DeviceAddress.of(UUID.randomUUID(), 1);
  private final TestKeys client = new TestKeys();

  private void register() {
    directory.setIdentityKey(device, client.identity);
    directory.uploadSignedPreKey(device, client.signed(1));
    directory.uploadLastResortKey(device, client.signed(2));
  }

  private void assertRejected(Reason reason, ThrowingCallable call) {
    DeviceKeys before = store.get(device);
    assertThatThrownBy(call)
        .isInstanceOf(KeyRejectedException.class)
        .satisfies(e -> assertThat(((KeyRejectedException) e).reason()).isEqualTo(reason));
    assertThat(store.get(device)).isEqualTo(before);
  }

  @Test
  void bundleCarriesIdentitySignedPreKeyAndOneOneTimeKeyThenLastResort() {
    register();
    directory.uploadOneTimePreKeys(device, List.of(TestKeys.oneTime(10), TestKeys.oneTime(11)));

    PreKeyBundle first = directory.fetchBundle(device).orElseThrow();
    PreKeyBundle second = directory.fetchBundle(device).orElseThrow();
    PreKeyBundle third = directory.fetchBundle(device).orElseThrow();

    assertThat(first.identityKey()).isEqualTo(client.identity);
    assertThat(first.signedPreKey().keyId()).isEqualTo(1);
    assertThat(first.oneTime().orElseThrow().keyId()).isEqualTo(10);
    assertThat(first.lastResort()).isEmpty();
    assertThat(second.oneTime().orElseThrow().keyId()).isEqualTo(11);
    assertThat(third.oneTime()).isEmpty();
    assertThat(third.lastResort().orElseThrow().keyId()).isEqualTo(2);
    assertThat(directory.oneTimePreKeyCount(device)).isZero();
  }

  @Test
  void asyncFetchTakesOnceToo() {
    register();
    directory.uploadOneTimePreKeys(device, List.of(TestKeys.oneTime(10)));
    PreKeyBundle first =
        directory.fetchBundleAsync(device).toCompletableFuture().join().orElseThrow();
    PreKeyBundle second = directory.fetchBundle(device).orElseThrow();
    assertThat(first.oneTime().orElseThrow().keyId()).isEqualTo(10);
    assertThat(second.oneTime()).isEmpty();
    assertThat(second.lastResort()).isPresent();
  }

  @Test
  void noBundleWithoutSignedPreKeyAndNoOneTimeKeyIsBurned() {
    directory.setIdentityKey(device, client.identity);
    directory.uploadOneTimePreKeys(device, List.of(TestKeys.oneTime(1)));
    assertThat(directory.fetchBundle(device)).isEmpty();
    assertThat(directory.oneTimePreKeyCount(device)).isEqualTo(1);
    assertThat(directory.fetchBundle(DeviceAddress.of(UUID.randomUUID(), 2))).isEmpty();
  }

  @Test
  void forgedSignaturesAreRejectedAndNothingIsStored() {
    register();
    assertRejected(
        Reason.BAD_SIGNATURE, () -> directory.uploadSignedPreKey(device, TestKeys.forged(5)));
    assertRejected(
        Reason.BAD_SIGNATURE, () -> directory.uploadLastResortKey(device, TestKeys.forged(6)));
    SignedPreKey good = client.signed(7);
    byte[] flipped = good.signature();
    flipped[10] ^= 1;
    assertRejected(
        Reason.BAD_SIGNATURE,
        () -> directory.uploadSignedPreKey(device, SignedPreKey.of(7, good.publicKey(), flipped)));
    // the signature of one key does not vouch for another
    SignedPreKey swapped = SignedPreKey.of(8, TestKeys.randomPreKey(), good.signature());
    assertRejected(Reason.BAD_SIGNATURE, () -> directory.uploadSignedPreKey(device, swapped));
    assertThat(directory.fetchBundle(device).orElseThrow().signedPreKey().keyId()).isEqualTo(1);
  }

  @Test
  void signedKeysNeedAnIdentityKeyFirst() {
    assertRejected(
        Reason.NO_IDENTITY_KEY, () -> directory.uploadSignedPreKey(device, client.signed(1)));
    assertRejected(
        Reason.NO_IDENTITY_KEY,
        () -> directory.uploadOneTimePreKeys(device, List.of(TestKeys.oneTime(1))));
    assertThat(store.get(device)).isNull();
  }

  @Test
  void identityKeysMustSign() {
    assertRejected(
        Reason.UNSUPPORTED_ALGORITHM,
        () -> directory.setIdentityKey(device, TestKeys.randomPreKey()));
  }

  @Test
  void wrongLengthsAndInvalidPointsAreRejected() {
    assertThatThrownBy(() -> ClientPublicKey.of(KeyAlgorithm.ED25519, new byte[31]))
        .isInstanceOfSatisfying(
            KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_LENGTH));
    assertThatThrownBy(() -> ClientPublicKey.of(KeyAlgorithm.X25519, new byte[33]))
        .isInstanceOfSatisfying(
            KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_LENGTH));
    byte[] identityPoint = new byte[32];
    identityPoint[0] = 1; // the neutral element: small order
    byte[] nonCanonical = new byte[32];
    Arrays.fill(nonCanonical, (byte) 0xff); // y >= p
    for (byte[] bad : List.of(identityPoint, nonCanonical, new byte[32])) {
      assertThatThrownBy(() -> ClientPublicKey.of(KeyAlgorithm.ED25519, bad))
          .isInstanceOfSatisfying(
              KeyRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_POINT));
    }
    assertThatThrownBy(() -> ClientPublicKey.of(KeyAlgorithm.X25519, new byte[32]))
        .isInstanceOf(KeyRejectedException.class);
    assertThatThrownBy(() -> SignedPreKey.of(1, TestKeys.randomPreKey(), new byte[63]))
        .isInstanceOfSatisfying(
            KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_LENGTH));
    assertThatThrownBy(() -> ClientPublicKey.decode(new byte[] {0x07, 1, 2}))
        .isInstanceOfSatisfying(
            KeyRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM));
  }

  @Test
  void encodedKeysRoundTrip() {
    ClientPublicKey key = TestKeys.randomPreKey();
    assertThat(ClientPublicKey.decode(key.encoded())).isEqualTo(key);
    assertThat(ClientPublicKey.decode(client.identity.encoded())).isEqualTo(client.identity);
  }

  @Test
  void batchesAreBoundedDistinctAndAllOrNothing() {
    register();
    assertRejected(Reason.BAD_BATCH_SIZE, () -> directory.uploadOneTimePreKeys(device, List.of()));
    List<OneTimePreKey> oversized = IntStream.range(0, 101).mapToObj(TestKeys::oneTime).toList();
    assertRejected(Reason.BAD_BATCH_SIZE, () -> directory.uploadOneTimePreKeys(device, oversized));
    assertRejected(
        Reason.DUPLICATE_KEY_ID,
        () ->
            directory.uploadOneTimePreKeys(
                device, List.of(TestKeys.oneTime(3), TestKeys.oneTime(3))));
    assertThat(directory.uploadOneTimePreKeys(device, oversized.subList(0, 100))).isEqualTo(100);
    assertRejected(
        Reason.DUPLICATE_KEY_ID,
        () ->
            directory.uploadOneTimePreKeys(
                device, List.of(TestKeys.oneTime(500), TestKeys.oneTime(99))));
    assertThatThrownBy(() -> TestKeys.oneTime(-1))
        .isInstanceOfSatisfying(
            KeyRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.KEY_ID_OUT_OF_RANGE));
  }

  @Test
  void storageCapacityIsEnforced() {
    KeyDirectory small =
        KeyDirectory.builder().store(store).clock(clock).maxStoredOneTimePreKeys(150).build();
    small.setIdentityKey(device, client.identity);
    small.uploadOneTimePreKeys(
        device, IntStream.range(0, 100).mapToObj(TestKeys::oneTime).toList());
    assertRejected(
        Reason.TOO_MANY_KEYS,
        () ->
            small.uploadOneTimePreKeys(
                device, IntStream.range(100, 151).mapToObj(TestKeys::oneTime).toList()));
  }

  @Test
  void revokedKeysAreNeverServedAndCannotComeBack() {
    register();
    List<OneTimePreKey> batch = List.of(TestKeys.oneTime(1), TestKeys.oneTime(2));
    directory.uploadOneTimePreKeys(device, batch);
    directory.revoke(device, PreKeyType.ONE_TIME, 1, RevocationReason.COMPROMISED);

    assertThat(directory.fetchBundle(device).orElseThrow().oneTime().orElseThrow().keyId())
        .isEqualTo(2);
    assertThat(directory.fetchBundle(device).orElseThrow().oneTime()).isEmpty();
    // same ID with a new value, or the same value under a new ID: both refused
    assertRejected(
        Reason.REVOKED_KEY,
        () -> directory.uploadOneTimePreKeys(device, List.of(TestKeys.oneTime(1))));
    assertRejected(
        Reason.REVOKED_KEY,
        () ->
            directory.uploadOneTimePreKeys(
                device, List.of(new OneTimePreKey(9, batch.get(0).publicKey()))));
    assertRejected(
        Reason.UNKNOWN_KEY,
        () -> directory.revoke(device, PreKeyType.ONE_TIME, 77, RevocationReason.COMPROMISED));
  }

  @Test
  void revokingTheSignedPreKeyLeavesTheDeviceUnreachableUntilANewOne() {
    register();
    SignedPreKey current = directory.fetchBundle(device).orElseThrow().signedPreKey();
    directory.revoke(device, PreKeyType.SIGNED, 1, RevocationReason.COMPROMISED);
    assertThat(directory.fetchBundle(device)).isEmpty();
    assertThat(directory.signedPreKeyFreshness(device)).isEqualTo(Freshness.MISSING);
    assertThat(directory.findSignedPreKey(device, 1)).isEmpty();
    assertRejected(Reason.REVOKED_KEY, () -> directory.uploadSignedPreKey(device, current));
    directory.uploadSignedPreKey(device, client.signed(3));
    assertThat(directory.fetchBundle(device).orElseThrow().signedPreKey().keyId()).isEqualTo(3);

    directory.revoke(device, PreKeyType.LAST_RESORT, 2, RevocationReason.SUPERSEDED);
    PreKeyBundle bundle = directory.fetchBundle(device).orElseThrow();
    assertThat(bundle.lastResort()).isEmpty();
    assertThat(bundle.oneTime()).isEmpty();
  }

  @Test
  void signedPreKeysGoStaleAndReplacedOnesAreRetainedBriefly() {
    register();
    assertThat(directory.signedPreKeyFreshness(device)).isEqualTo(Freshness.FRESH);
    clock.advance(Duration.ofDays(14));
    assertThat(directory.signedPreKeyFreshness(device)).isEqualTo(Freshness.STALE);

    directory.uploadSignedPreKey(device, client.signed(4));
    assertThat(directory.signedPreKeyFreshness(device)).isEqualTo(Freshness.FRESH);
    assertThat(directory.fetchBundle(device).orElseThrow().signedPreKey().keyId()).isEqualTo(4);
    assertThat(directory.findSignedPreKey(device, 1)).isPresent();
    clock.advance(Duration.ofDays(2));
    assertThat(directory.findSignedPreKey(device, 1)).isEmpty();
    assertThat(directory.findSignedPreKey(device, 4)).isPresent();
  }

  @Test
  void aNewIdentityDropsEverythingSignedByTheOldOne() {
    register();
    directory.uploadOneTimePreKeys(device, List.of(TestKeys.oneTime(1)));
    directory.setIdentityKey(device, client.identity); // same key: nothing changes
    assertThat(directory.oneTimePreKeyCount(device)).isEqualTo(1);

    TestKeys reinstalled = new TestKeys();
    directory.setIdentityKey(device, reinstalled.identity);
    assertThat(directory.fetchBundle(device)).isEmpty();
    assertThat(directory.oneTimePreKeyCount(device)).isZero();
    assertRejected(
        Reason.BAD_SIGNATURE, () -> directory.uploadSignedPreKey(device, client.signed(9)));
    directory.uploadSignedPreKey(device, reinstalled.signed(9));
    assertThat(directory.fetchBundle(device).orElseThrow().identityKey())
        .isEqualTo(reinstalled.identity);
  }

  @Test
  void removingADeviceDeletesItsKeysButKeepsRevocations() {
    register();
    List<OneTimePreKey> batch = List.of(TestKeys.oneTime(1));
    directory.uploadOneTimePreKeys(device, batch);
    directory.revoke(device, PreKeyType.ONE_TIME, 1, RevocationReason.DEVICE_LOST);
    directory.removeDevice(device);
    assertThat(directory.fetchBundle(device)).isEmpty();
    assertThat(directory.signedPreKeyFreshness(device)).isEqualTo(Freshness.MISSING);
    directory.setIdentityKey(device, client.identity);
    assertRejected(Reason.REVOKED_KEY, () -> directory.uploadOneTimePreKeys(device, batch));
  }

  @Test
  void digestConfirmsExactlyTheCurrentRepeatedUseKeys() {
    register();
    byte[] digest = directory.repeatedUseKeysDigest(device);
    assertThat(directory.repeatedUseKeysMatch(device, digest)).isTrue();
    byte[] altered = digest.clone();
    altered[31] ^= 1;
    assertThat(directory.repeatedUseKeysMatch(device, altered)).isFalse();
    assertThat(directory.repeatedUseKeysMatch(device, new byte[0])).isFalse();

    directory.uploadOneTimePreKeys(device, List.of(TestKeys.oneTime(1)));
    assertThat(directory.repeatedUseKeysMatch(device, digest)).isTrue(); // one-time keys excluded
    directory.uploadLastResortKey(device, client.signed(5));
    assertThat(directory.repeatedUseKeysMatch(device, digest)).isFalse();
  }

  @Test
  void toStringsHoldNoAccountOrSignature() {
    register();
    PreKeyBundle bundle = directory.fetchBundle(device).orElseThrow();
    assertThat(device.toString()).doesNotContain(device.account().toString());
    assertThat(bundle.toString()).doesNotContain(device.account().toString());
    assertThat(new KeyRejectedException(Reason.BAD_SIGNATURE, "x").getMessage()).isEqualTo("x");
  }

  @Test
  void builderRejectsWeakOrAbsurdSettings() {
    assertThatThrownBy(() -> KeyDirectory.builder().maxBatchSize(101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBatchSize");
    assertThatThrownBy(() -> KeyDirectory.builder().maxSignedPreKeyAge(Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSignedPreKeyAge");
    assertThatThrownBy(() -> DeviceAddress.of(UUID.randomUUID(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deviceId");
  }
}
