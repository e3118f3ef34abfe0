package dev.bulwark.storage;

import static dev.bulwark.storage.Fixture.HOUR;
import static dev.bulwark.storage.Fixture.OPERATOR;
import static dev.bulwark.storage.Fixture.SENDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bulwark.storage.spi.BlobEntry;
import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.testkit.CapturingServiceProvider;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No payload and no recipient identifier, raw or hashed, ever reaches a log line or exception. */
class NoLeakTest {
  private static final String RAW_ID = "+15557654321";
  private static final String PAYLOAD = "MEET-AT-DAWN-7731";

  @Test
  void noPayloadOrRecipientAppearsInLogsOrExceptionMessages() {
    CapturingServiceProvider.clear();
    Recipient victim = Recipient.of(RAW_ID);
    Fixture f = new Fixture(EphemeralStore.builder().maxPayloadBytes(64));
    List<Throwable> thrown = new ArrayList<>();
    byte[] payload = PAYLOAD.getBytes(StandardCharsets.UTF_8);
    RecordId id = f.store.put(SENDER, victim, payload, HOUR);
    thrown.add(catchThrowable(() -> f.store.fetch(SENDER, victim, 10)));
    thrown.add(
        catchThrowable(
            () -> f.store.fetch(AccessContext.recipient(Recipient.of("+1555")), victim, 10)));
    thrown.add(catchThrowable(() -> f.store.acknowledge(OPERATOR, victim, id)));
    thrown.add(
        catchThrowable(
            () ->
                f.store.put(
                    SENDER,
                    victim,
                    (PAYLOAD + "x".repeat(64)).getBytes(StandardCharsets.UTF_8),
                    HOUR)));
    thrown.add(catchThrowable(() -> f.store.put(SENDER, victim, payload, Duration.ofDays(365))));
    thrown.add(catchThrowable(() -> Recipient.of(RAW_ID.repeat(30))));
    RecipientRef ref = f.blobs.references().get(0);
    f.blobs.put(
        ref, new BlobEntry(RecordId.random(new SecureRandom()), new byte[50], Long.MAX_VALUE));
    FetchResult r = f.store.fetch(AccessContext.recipient(victim), victim, 10);
    assertThat(r.unreadable()).hasSize(1);
    f.store.purge(OPERATOR, victim);
    f.store.shred(OPERATOR, victim);
    EphemeralStore.SweepResult swept = f.store.sweep(OPERATOR);
    RewrapResult rewrapped = f.store.rewrap(OPERATOR);

    List<String> logs = CapturingServiceProvider.events();
    for (String line : logs) {
      assertThat(line).doesNotContain(id.toString()); // not even record IDs reach the logs
    }
    List<String> texts = new ArrayList<>(logs);
    assertThat(texts).anyMatch(l -> l.contains("storage.access.denied"));
    assertThat(texts).anyMatch(l -> l.contains("storage.shred"));
    for (Throwable t : thrown) {
      assertThat(t).isNotNull();
      texts.add(String.valueOf(t));
    }
    texts.add(r.toString());
    texts.add(swept.toString() + rewrapped);
    String refHex = HexFormat.of().formatHex(ref.toBytes());
    for (String text : texts) {
      assertThat(text)
          .doesNotContain(RAW_ID)
          .doesNotContain("5557654321")
          .doesNotContain(PAYLOAD)
          .doesNotContain(refHex);
    }
  }
}
