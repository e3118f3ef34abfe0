package dev.bulwark.benchmarks.storage;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.bulwark.storage.AccessContext;
import dev.bulwark.storage.EphemeralStore;
import dev.bulwark.storage.FetchResult;
import dev.bulwark.storage.Recipient;
import dev.bulwark.storage.RecordId;
import dev.bulwark.storage.TinkKeyEncryptionKeys;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A record's whole life in the encrypted ephemeral store ({@code bulwarkPutFetchAcknowledge}: seal
 * under the recipient's cached data key with bound associated data and put; fetch and open; the
 * atomic acknowledge; the recipient's reference from the store's reference cache and a random
 * record ID on the way; {@code bulwarkPutFetchAcknowledgeNoRefCache}: the same with three keyed
 * hashes of the recipient) against the AEAD alone in the same run: raw Tink AES-256-GCM
 * encrypt+decrypt with associated data, and raw JCE {@code AES/GCM/NoPadding} encrypt+decrypt with
 * a fresh random nonce.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class EphemeralStoreBenchmark {
  private static final String RECIPIENT_ID = "+14155550123";
  private static final Recipient RECIPIENT = Recipient.of(RECIPIENT_ID);
  private static final AccessContext SENDER = AccessContext.sender("benchmark");
  private static final AccessContext SELF = AccessContext.recipient(RECIPIENT);
  private static final byte[] AD = new byte[64];

  @Param({"64", "1024"})
  public int size;

  byte[] payload;
  EphemeralStore store;
  EphemeralStore storeWithoutRefCache;
  Aead tink;
  SecretKey jceKey;
  Cipher jceEncrypt;
  Cipher jceDecrypt;
  Mac hmac;
  byte[] hmacInput;
  SecureRandom random;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    payload = new byte[size];
    Arrays.fill(payload, (byte) 'x');
    byte[] hashKey = new byte[32];
    random = new SecureRandom();
    random.nextBytes(hashKey);
    store =
        EphemeralStore.builder()
            .recipientHashKey(hashKey)
            .keyEncryptionKeys(TinkKeyEncryptionKeys.generate())
            .build();
    storeWithoutRefCache =
        EphemeralStore.builder()
            .recipientHashKey(hashKey)
            .keyEncryptionKeys(TinkKeyEncryptionKeys.generate())
            .recipientReferenceCache(0, Duration.ofMinutes(1))
            .build();
    AeadConfig.register();
    tink =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
    KeyGenerator gen = KeyGenerator.getInstance("AES");
    gen.init(256);
    jceKey = gen.generateKey();
    jceEncrypt = Cipher.getInstance("AES/GCM/NoPadding");
    jceDecrypt = Cipher.getInstance("AES/GCM/NoPadding");
    hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
    hmacInput =
        new byte[29 + 7 + 12]; // label, namespace, a phone number: what one reference hashes
  }

  @Benchmark
  public FetchResult bulwarkPutFetchAcknowledge() {
    RecordId id = store.put(SENDER, RECIPIENT, payload, Duration.ofHours(1));
    FetchResult fetched = store.fetch(SELF, RECIPIENT, 1);
    if (!store.acknowledge(SELF, RECIPIENT, id)) {
      throw new AssertionError("acknowledge lost the record");
    }
    return fetched;
  }

  /**
   * The same with the recipient reference cache turned off, so each of the three calls computes the
   * keyed hash of the recipient again: what the cache saves, for hosts that turn it off.
   */
  @Benchmark
  public FetchResult bulwarkPutFetchAcknowledgeNoRefCache() {
    RecordId id = storeWithoutRefCache.put(SENDER, RECIPIENT, payload, Duration.ofHours(1));
    FetchResult fetched = storeWithoutRefCache.fetch(SELF, RECIPIENT, 1);
    if (!storeWithoutRefCache.acknowledge(SELF, RECIPIENT, id)) {
      throw new AssertionError("acknowledge lost the record");
    }
    return fetched;
  }

  /**
   * The same with a new {@code Recipient} object for each of the three calls, as when put, fetch
   * and acknowledge arrive in separate requests: the reference comes from the store's bounded cache
   * (a lookup keyed by the identifier) rather than from the object's own memo.
   */
  @Benchmark
  public FetchResult bulwarkPutFetchAcknowledgeFreshRecipients() {
    RecordId id = store.put(SENDER, Recipient.of(RECIPIENT_ID), payload, Duration.ofHours(1));
    Recipient fetcher = Recipient.of(RECIPIENT_ID);
    FetchResult fetched = store.fetch(AccessContext.recipient(fetcher), fetcher, 1);
    Recipient acknowledger = Recipient.of(RECIPIENT_ID);
    if (!store.acknowledge(AccessContext.recipient(acknowledger), acknowledger, id)) {
      throw new AssertionError("acknowledge lost the record");
    }
    return fetched;
  }

  @Benchmark
  public byte[] tinkEncryptDecrypt() throws Exception {
    return tink.decrypt(tink.encrypt(payload, AD), AD);
  }

  @Benchmark
  public byte[] jceAesGcmEncryptDecrypt() throws Exception {
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    jceEncrypt.init(Cipher.ENCRYPT_MODE, jceKey, new GCMParameterSpec(128, nonce));
    jceEncrypt.updateAAD(AD);
    byte[] ciphertext = jceEncrypt.doFinal(payload);
    jceDecrypt.init(Cipher.DECRYPT_MODE, jceKey, new GCMParameterSpec(128, nonce));
    jceDecrypt.updateAAD(AD);
    return jceDecrypt.doFinal(ciphertext);
  }

  /**
   * Not a baseline but a part: one HMAC-SHA-256 of a recipient, as the store computes once per
   * operation (three times per put+fetch+acknowledge), to show where the time goes.
   */
  @Benchmark
  public byte[] partRecipientHash() {
    return hmac.doFinal(hmacInput);
  }

  /**
   * Not a baseline but a part: 16 bytes straight from a default {@code SecureRandom}, what each
   * record ID would cost if the store drew it there rather than from its AES-CTR keystream.
   */
  @Benchmark
  public byte[] partRecordId() {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return id;
  }
}
