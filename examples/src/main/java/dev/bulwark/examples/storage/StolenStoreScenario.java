package dev.bulwark.examples.storage;

import dev.bulwark.examples.Scenario;
import dev.bulwark.storage.AccessContext;
import dev.bulwark.storage.AccessDeniedException;
import dev.bulwark.storage.EphemeralStore;
import dev.bulwark.storage.FetchResult;
import dev.bulwark.storage.Recipient;
import dev.bulwark.storage.TinkKeyEncryptionKeys;
import dev.bulwark.storage.memory.MemoryBlobStore;
import dev.bulwark.storage.memory.MemoryWrappedKeyStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A messaging server queues undelivered messages in the encrypted ephemeral store. An attacker
 * steals a copy of the blob store and of the wrapped-key store (but not the key-encryption key); an
 * operator shreds one recipient, and a backup of the blobs is later restored; a sender tries to
 * read a queue it wrote to.
 */
public final class StolenStoreScenario implements Scenario {

  @Override
  public String title() {
    return "A stolen copy of the message store, a shredded recipient and a nosy sender";
  }

  @Override
  public boolean run(PrintStream out) {
    byte[] hashKey = new byte[32];
    new SecureRandom().nextBytes(hashKey);
    TinkKeyEncryptionKeys kek = TinkKeyEncryptionKeys.generate();
    MemoryBlobStore blobs = new MemoryBlobStore();
    MemoryWrappedKeyStore wrappedKeys = new MemoryWrappedKeyStore();
    EphemeralStore server = store(hashKey, kek, blobs, wrappedKeys);

    Recipient alice = Recipient.of("+14155550101");
    Recipient bob = Recipient.of("+14155550102");
    AccessContext frontend = AccessContext.sender("chat-frontend");
    AccessContext operator = AccessContext.operator("oncall");
    server.put(frontend, alice, utf8("see you at 8"), Duration.ofDays(7));
    server.put(frontend, alice, utf8("bring the documents"), Duration.ofDays(7));
    server.put(frontend, bob, utf8("your code is 424242"), Duration.ofDays(7));
    out.println(
        "3 messages queued for 2 recipients, sealed with AES-256-GCM under per-recipient data"
            + " keys.");

    // 1. The thief copies both stores and even knows the recipient hash key, but not the KEK.
    EphemeralStore thief =
        store(hashKey, TinkKeyEncryptionKeys.generate(), blobs.snapshot(), wrappedKeys.snapshot());
    FetchResult stolen = thief.fetch(AccessContext.recipient(alice), alice, 10);
    out.printf(
        "Thief with a copy of the blob and key stores: %d readable, %d unreadable (%s)%n",
        stolen.records().size(),
        stolen.unreadable().size(),
        stolen.unreadable().isEmpty() ? "-" : stolen.unreadable().get(0).reason());
    boolean theftHeld = stolen.records().isEmpty() && stolen.unreadable().size() == 2;

    // 2. Alice closes her account: shred. A backup of the blobs taken before is restored later.
    MemoryBlobStore backup = blobs.snapshot();
    int destroyed = server.shred(operator, alice);
    EphemeralStore restored = store(hashKey, kek, backup, wrappedKeys);
    FetchResult afterShred = restored.fetch(AccessContext.recipient(alice), alice, 10);
    out.printf(
        "Shredded Alice (%d data key destroyed); her records restored from a backup: %d readable,"
            + " %d unreadable%n",
        destroyed, afterShred.records().size(), afterShred.unreadable().size());
    boolean shredHeld = afterShred.records().isEmpty() && afterShred.unreadable().size() == 2;
    boolean bobIntact = restored.fetch(AccessContext.recipient(bob), bob, 10).records().size() == 1;
    out.println("Bob's message in the same backup is still readable by Bob: " + bobIntact);

    // 3. The sender that wrote to Bob tries to read his queue.
    boolean senderRefused;
    try {
      FetchResult peek = server.fetch(frontend, bob, 10);
      senderRefused = false;
      out.println("Sender read " + peek.records().size() + " records: NOT refused");
    } catch (AccessDeniedException e) {
      senderRefused = true;
      out.println("Sender tried to read Bob's queue: " + e.getMessage());
    }
    return theftHeld && shredHeld && bobIntact && senderRefused;
  }

  private static EphemeralStore store(
      byte[] hashKey,
      TinkKeyEncryptionKeys kek,
      MemoryBlobStore blobs,
      MemoryWrappedKeyStore wrappedKeys) {
    return EphemeralStore.builder()
        .namespace("demo-queue")
        .recipientHashKey(hashKey)
        .keyEncryptionKeys(kek)
        .blobStore(blobs)
        .wrappedKeyStore(wrappedKeys)
        .build();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
