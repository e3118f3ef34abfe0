package dev.bulwark.redis.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.redis.RedisTestBackend;
import dev.bulwark.verification.OtpAlgorithm;
import dev.bulwark.verification.TotpParameters;
import dev.bulwark.verification.spi.StoredTotpCredential;
import dev.bulwark.verification.spi.VerificationStoreException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TOTP credential script is exactly as strict as the Java decoder: every write operation
 * ({@code putPending}, {@code activate}, {@code remove}) on a stored record that {@link
 * RedisTotpCredentialStore#decode} refuses fails with {@link RedisRecordException} and leaves the
 * stored bytes as they were, and on a record the decoder accepts it never fails that way. Checked
 * on a real redis-server with records planted by raw {@code SET}: the fuzz test's seeds, every
 * single-byte change, truncation and extension of well-formed records, and credential IDs with each
 * kind of ill-formed UTF-8.
 */
class RedisTotpCredentialStoreWriteCheckTest {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.standalone();

  private static final String ACCOUNT = "acct-7f3a";
  private static final long NOW = 1_700_000_000_000L;
  private static final byte[] SEALED = {9, 8, 7, 6, 5, 4, 3};

  private static StoredTotpCredential credential(String id, TotpParameters p) {
    return StoredTotpCredential.pending(id, SEALED, p, NOW - 1_000, NOW + 600_000);
  }

  /** An account record as the store writes it (see the class documentation of the store). */
  private static byte[] record(StoredTotpCredential pending, StoredTotpCredential... active) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    if (pending == null) {
      out.write(0);
    } else {
      out.write(1);
      byte[] c = RedisTotpCredentialStore.encode(pending);
      out.write(c.length >> 8);
      out.write(c.length);
      out.writeBytes(c);
    }
    out.write(active.length);
    for (StoredTotpCredential a : active) {
      byte[] c = RedisTotpCredentialStore.encode(a.activated());
      out.write(c.length >> 8);
      out.write(c.length);
      out.writeBytes(c);
    }
    return out.toByteArray();
  }

  private static boolean javaAccepts(byte[] record) {
    try {
      RedisTotpCredentialStore.decode(record);
      return true;
    } catch (RedisRecordException refused) {
      return false;
    }
  }

  private final RedisTotpCredentialStore store =
      RedisTotpCredentialStore.builder(REDIS.backend())
          .clock(InstantSource.fixed(Instant.ofEpochMilli(NOW)))
          .build();

  private final String key = REDIS.backend().keyPrefix() + "totp:" + ACCOUNT;

  private void plant(byte[] record) throws ExecutionException, InterruptedException {
    REDIS.backend().commands().set(key, record).toCompletableFuture().get();
  }

  private byte[] stored() throws ExecutionException, InterruptedException {
    return REDIS.backend().commands().get(key).toCompletableFuture().get();
  }

  /** The write operations, each as it would be called on the records planted here. */
  private List<Consumer<RedisTotpCredentialStore>> writes() {
    TotpParameters defaults = TotpParameters.defaults();
    return List.of(
        s -> s.putPending(ACCOUNT, credential("new", defaults)),
        s -> s.activate(ACCOUNT, "pend", 255, NOW),
        s -> s.remove(ACCOUNT, "act1"),
        s -> s.remove(ACCOUNT, "absent"));
  }

  /**
   * Plants {@code record}, runs every write on it, and checks that each fails with {@link
   * RedisRecordException} leaving it unchanged exactly when the Java decoder refuses it.
   */
  private void checkWritesAgreeWithTheDecoder(byte[] record) throws Exception {
    boolean accepted = javaAccepts(record);
    for (Consumer<RedisTotpCredentialStore> write : writes()) {
      plant(record);
      String what = HexFormat.of().formatHex(record);
      if (accepted) {
        try {
          write.accept(store);
        } catch (RedisRecordException e) {
          throw new AssertionError("the script refused a record reads accept: " + what, e);
        }
      } else {
        assertThatThrownBy(() -> write.accept(store))
            .as("the script accepted a record reads refuse: %s", what)
            .isInstanceOf(RedisRecordException.class)
            .hasMessageStartingWith("Redis TOTP credential store: totp credentials: ");
        assertThat(stored()).as("left as it was: %s", what).isEqualTo(record);
      }
    }
  }

  private static List<byte[]> wellFormedRecords() {
    TotpParameters sha512 =
        TotpParameters.builder()
            .algorithm(OtpAlgorithm.SHA512)
            .digits(8)
            .stepSeconds(300)
            .stepsBack(5)
            .stepsForward(0)
            .build();
    return List.of(
        record(credential("pend", TotpParameters.defaults())),
        record(
            credential("pend", sha512),
            credential("act1", TotpParameters.defaults()),
            credential("\u00e9\u20ac\ud83d\ude00", sha512)),
        record(null, credential("act1", sha512)));
  }

  @Test
  void theDecodersSeedsAreRefusedByWritesExactlyWhenReadsRefuseThem() throws Exception {
    Path seeds =
        Path.of(
            getClass()
                .getResource(
                    "RedisRecordFuzzTestInputs/totpAccountRecordsDecodeCanonicallyOrAreRefused")
                .toURI());
    List<Path> files;
    try (Stream<Path> s = Files.list(seeds)) {
      files = s.sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(10);
    int refused = 0;
    for (Path f : files) {
      byte[] record = Files.readAllBytes(f);
      refused += javaAccepts(record) ? 0 : 1;
      checkWritesAgreeWithTheDecoder(record);
    }
    assertThat(refused).as("seeds the decoder refuses").isGreaterThan(10);
  }

  @Test
  void everySingleByteChangeTruncationAndExtensionIsJudgedAsReadsJudgeIt() throws Exception {
    int[] replacements = {0x00, 0x01, 0x02, 0x05, 0x06, 0x09, 0x7F, 0x80, 0xBF, 0xC0, 0xED, 0xFF};
    for (byte[] good : wellFormedRecords()) {
      assertThat(javaAccepts(good)).isTrue();
      checkWritesAgreeWithTheDecoder(good);
      List<byte[]> variants = new ArrayList<>();
      for (int i = 0; i < good.length; i++) {
        for (int r : replacements) {
          if ((good[i] & 0xFF) != r) {
            byte[] v = good.clone();
            v[i] = (byte) r;
            variants.add(v);
          }
        }
        byte[] next = good.clone();
        next[i]++;
        variants.add(next);
        variants.add(Arrays.copyOf(good, i));
      }
      variants.add(Arrays.copyOf(good, good.length + 1));
      for (byte[] v : variants) {
        checkWritesAgreeWithTheDecoder(v);
      }
    }
  }

  @Test
  void credentialIdsThatAreNotWellFormedUtf8AreRefusedByWritesAsByReads() throws Exception {
    String[] ids = {
      "c080", // overlong NUL
      "e08080", // overlong
      "eda080", // a surrogate
      "edbfbf", // a surrogate
      "f0808080", // overlong
      "f4908080", // above U+10FFFF
      "f5808080", // no such lead byte
      "c3", // truncated
      "e282", // truncated
      "80", // a lone continuation
      "c328", // a bad continuation
      "ff",
      "00", // NUL is well-formed
      "ed9fbf", // U+D7FF, well-formed
      "ee8080", // U+E000, well-formed
      "f48fbfbf", // U+10FFFF, well-formed
      "efbfbe", // U+FFFE, a noncharacter but well-formed
    };
    for (String hex : ids) {
      byte[] id = HexFormat.of().parseHex(hex);
      byte[] c = RedisTotpCredentialStore.encode(credential("x", TotpParameters.defaults()));
      ByteBuffer withId = ByteBuffer.allocate(c.length - 1 + id.length);
      withId.put((byte) id.length).put(id).put(c, 2, c.length - 2);
      byte[] credential = withId.array();
      ByteBuffer rec = ByteBuffer.allocate(5 + credential.length);
      rec.put((byte) 1).put((byte) 1).putShort((short) credential.length).put(credential);
      rec.put((byte) 0);
      byte[] record = rec.array();
      boolean wellFormed =
          !new String(id, StandardCharsets.UTF_8).contains("\ufffd")
              && Arrays.equals(
                  new String(id, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), id);
      assertThat(javaAccepts(record)).as(hex).isEqualTo(wellFormed);
      checkWritesAgreeWithTheDecoder(record);
    }
  }

  @Test
  void aWriteReportsAnUnexpectedAnswerOfTheScriptAsAStoreFailure() {
    assertThat(RedisTotpCredentialStore.activation(0L)).isNotNull();
    for (Long bad : new Long[] {null, -1L, 3L, Long.MAX_VALUE}) {
      assertThatThrownBy(() -> RedisTotpCredentialStore.activation(bad))
          .isExactlyInstanceOf(VerificationStoreException.class)
          .hasMessage("Redis TOTP credential store: unexpected reply from the script");
    }
    assertThat(RedisTotpCredentialStore.removed(1L)).isTrue();
    assertThat(RedisTotpCredentialStore.removed(0L)).isFalse();
    for (Long bad : new Long[] {null, -1L, 2L}) {
      assertThatThrownBy(() -> RedisTotpCredentialStore.removed(bad))
          .isExactlyInstanceOf(VerificationStoreException.class);
    }
  }
}
