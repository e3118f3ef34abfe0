package dev.bulwark.examples.attack;

import dev.bulwark.examples.server.CopiedQueue;
import dev.bulwark.storage.AccessContext;
import dev.bulwark.storage.EphemeralStore;
import dev.bulwark.storage.FetchResult;
import dev.bulwark.storage.Recipient;
import dev.bulwark.storage.UnreadableReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * An insider copies the message store's backing stores (sealed blobs and wrapped data keys: the
 * in-memory stores' snapshots, or with {@code --redis} the Redis keys themselves) and the server's
 * configuration, but not the key-encryption key. He searches the raw bytes for the messages and for
 * the recipients' IDs, then opens the copy with a key provider of his own.
 *
 * <p>Attempts: each of Bob's records opened, and each raw record searched. Decisive figure: records
 * readable from the copy, and plaintexts or account IDs found in its raw bytes.
 */
final class StolenDump implements Threat {
  private static final String SECRET = "the vault code is 0451";

  @Override
  public String name() {
    return "Stolen storage dump";
  }

  @Override
  public String mitigations() {
    return "EphemeralStore: AES-256-GCM per record, wrapped data keys, hashed recipients";
  }

  @Override
  public Result run(Simulation sim) {
    User alice = User.register(sim, sim.freshNumber(), null);
    User bob = User.register(sim, sim.freshNumber(), null);
    for (int i = 0; i < 5; i++) {
      sim.expectOk(
          sim.api()
              .call(
                  "PUT",
                  "/v1/messages/" + bob.account,
                  alice.message(sim, SECRET + " #" + i),
                  alice.token,
                  alice.address));
    }
    long leaks = 0;
    long readable;
    long tried;
    List<UnreadableReason> reasons;
    int rawRecords;
    try (CopiedQueue stolen = sim.server().stores().messageQueueCopier().copy()) {
      rawRecords = stolen.rawRecords().size();
      for (byte[] blob : stolen.rawRecords()) {
        String bytes = new String(blob, StandardCharsets.ISO_8859_1);
        for (String needle :
            new String[] {"vault", alice.account.toString(), bob.account.toString(), bob.number}) {
          leaks += bytes.contains(needle) ? 1 : 0;
        }
      }
      EphemeralStore copy = sim.server().messageStoreWithoutItsKek(stolen.blobs(), stolen.keys());
      Recipient victim = Recipient.of(bob.account.toString());
      FetchResult opened = copy.fetch(AccessContext.recipient(victim), victim, 100);
      readable = opened.records().size();
      tried = readable + opened.unreadable().size();
      reasons = opened.unreadable().stream().map(FetchResult.UnreadableRecord::reason).toList();
    }
    String figure =
        String.format(
            Locale.ROOT,
            "%d of Bob's %d records readable from the copy (%s); %d plaintexts or IDs in %d raw"
                + " records",
            readable,
            tried,
            reasons.isEmpty() ? "-" : reasons.get(0),
            leaks,
            rawRecords);
    return new Result(
        name(),
        mitigations(),
        tried + rawRecords,
        tried - readable + rawRecords - Math.min(leaks, rawRecords),
        readable + leaks,
        figure,
        readable == 0 && leaks == 0 && tried >= 5);
  }
}
