package dev.bulwark.storage;

import dev.bulwark.storage.memory.MemoryBlobStore;
import dev.bulwark.storage.memory.MemoryWrappedKeyStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** A store over real in-memory stores, a manual clock and Tink key-encryption keys. */
final class Fixture {
  static final byte[] HASH_KEY = new byte[32];

  static {
    Arrays.fill(HASH_KEY, (byte) 7);
  }

  static final Recipient ALICE = Recipient.of("+15550100001");
  static final Recipient BOB = Recipient.of("+15550100002");
  static final AccessContext SENDER = AccessContext.sender("chat-frontend");
  static final AccessContext OPERATOR = AccessContext.operator("ops-oncall");
  static final Duration HOUR = Duration.ofHours(1);

  final ManualClock clock = new ManualClock();
  final MemoryBlobStore blobs = new MemoryBlobStore();
  final MemoryWrappedKeyStore wrappedKeys = new MemoryWrappedKeyStore();
  final TinkKeyEncryptionKeys kek = TinkKeyEncryptionKeys.generate();
  final EphemeralStore store;

  Fixture() {
    this(EphemeralStore.builder());
  }

  Fixture(EphemeralStore.Builder builder) {
    store =
        builder
            .recipientHashKey(HASH_KEY)
            .keyEncryptionKeys(kek)
            .blobStore(blobs)
            .wrappedKeyStore(wrappedKeys)
            .clock(clock)
            .build();
  }

  /** A second store over the given stores and keys, with cold caches, as after a restart. */
  EphemeralStore reopen(
      TinkKeyEncryptionKeys keys,
      dev.bulwark.storage.spi.BlobStore blobStore,
      dev.bulwark.storage.spi.WrappedKeyStore keyStore) {
    return EphemeralStore.builder()
        .recipientHashKey(HASH_KEY)
        .keyEncryptionKeys(keys)
        .blobStore(blobStore)
        .wrappedKeyStore(keyStore)
        .clock(clock)
        .build();
  }

  /** A second store over this one's stores and keys, with cold caches. */
  EphemeralStore reopen() {
    return reopen(kek, blobs, wrappedKeys);
  }

  static AccessContext as(Recipient r) {
    return AccessContext.recipient(r);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  RecordId put(Recipient r, String payload) {
    return store.put(SENDER, r, bytes(payload), HOUR);
  }

  FetchResult fetch(Recipient r) {
    return store.fetch(as(r), r, 10_000);
  }

  /** The payloads of every readable record of {@code r}, as strings, oldest first. */
  java.util.List<String> payloads(Recipient r) {
    return fetch(r).records().stream()
        .map(rec -> new String(rec.payload(), StandardCharsets.UTF_8))
        .toList();
  }
}
