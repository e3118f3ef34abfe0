package dev.bulwark.benchmarks.keys;

import dev.bulwark.keys.ClientPublicKey;
import dev.bulwark.keys.DeviceAddress;
import dev.bulwark.keys.KeyAlgorithm;
import dev.bulwark.keys.KeyDirectory;
import dev.bulwark.keys.KeyRing;
import dev.bulwark.keys.KeyVersion;
import dev.bulwark.keys.OneTimePreKey;
import dev.bulwark.keys.PreKeyBundle;
import dev.bulwark.keys.SignedPreKey;
import dev.bulwark.keys.spi.MasterKeyProvider;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The keys module's hot paths, each beside its floor in the same run:
 *
 * <ul>
 *   <li>{@code signedPreKeyUpload}: building a {@link SignedPreKey} from its wire bytes and {@link
 *       KeyDirectory#uploadSignedPreKey} of it, replacing the current one (validation, revocation
 *       check by ID and fingerprint, Ed25519 verify, atomic store replace), against {@code bareBouncyCastleVerify}, Bouncy Castle's RFC 8032 verify of
 *       the same signature (the target is at least 0.8× its throughput);
 *   <li>{@code bundleFetchTakeOnce}: {@link KeyDirectory#fetchBundle} taking one one-time prekey;
 *       every hundredth call finds the keys exhausted and re-uploads a batch of 100, so the refill
 *       is amortized in the number;
 *   <li>{@code keyRingLookupByVersion}: {@link KeyRing#version}, expected to allocate nothing;
 *   <li>{@code keyRingEncrypt} against {@code bareJceAesGcm}: sealing 64 bytes under the primary,
 *       against one JCE AES-256-GCM encryption with a random nonce.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class KeysBenchmark {
  static final int SIGNED_KEYS = 64;

  KeyDirectory directory;
  DeviceAddress device;
  SignedPreKey[] signedKeys;
  byte[] identityRaw;
  byte[][] messages;
  byte[][] signatures;
  byte[][] rawKeys;
  int next;
  List<OneTimePreKey> batch;

  KeyRing ring;
  int versionCursor;
  byte[] plaintext = new byte[64];
  byte[] aad = new byte[16];
  SecretKeySpec aesKey;
  SecureRandom random = new SecureRandom();

  @Setup
  public void setUp() {
    Ed25519PrivateKeyParameters identity = new Ed25519PrivateKeyParameters(random);
    identityRaw = identity.generatePublicKey().getEncoded();
    directory = KeyDirectory.builder().build();
    device = DeviceAddress.of(UUID.randomUUID(), 1);
    directory.setIdentityKey(device, ClientPublicKey.of(KeyAlgorithm.ED25519, identityRaw));
    signedKeys = new SignedPreKey[SIGNED_KEYS];
    messages = new byte[SIGNED_KEYS][];
    signatures = new byte[SIGNED_KEYS][];
    rawKeys = new byte[SIGNED_KEYS][];
    for (int i = 0; i < SIGNED_KEYS; i++) {
      byte[] raw = new byte[32];
      random.nextBytes(raw);
      raw[0] |= 1;
      rawKeys[i] = raw;
      ClientPublicKey key = ClientPublicKey.of(KeyAlgorithm.X25519, raw);
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, identity);
      byte[] message = key.encoded();
      signer.update(message, 0, message.length);
      signatures[i] = signer.generateSignature();
      messages[i] = message;
      signedKeys[i] = SignedPreKey.of(i, key, signatures[i]);
    }
    directory.uploadSignedPreKey(device, signedKeys[0]);
    next = 1;
    batch = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      byte[] raw = new byte[32];
      random.nextBytes(raw);
      raw[0] |= 1;
      batch.add(new OneTimePreKey(1000 + i, ClientPublicKey.of(KeyAlgorithm.X25519, raw)));
    }

    byte[] master = new byte[32];
    random.nextBytes(master);
    ring = KeyRing.builder("bench").masterKey(MasterKeyProvider.aesGcm(master)).build();
    for (int i = 0; i < 7; i++) {
      ring.rotate();
    }
    byte[] key = new byte[32];
    random.nextBytes(key);
    aesKey = new SecretKeySpec(key, "AES");
  }

  @Benchmark
  public boolean bareBouncyCastleVerify() {
    int i = next;
    next = (i + 1) & (SIGNED_KEYS - 1);
    byte[] message = messages[i];
    return Ed25519.verify(signatures[i], 0, identityRaw, 0, message, 0, message.length);
  }

  @Benchmark
  public SignedPreKey signedPreKeyUpload() {
    int i = next;
    next = (i + 1) & (SIGNED_KEYS - 1);
    // built from the wire bytes on every call, as a server does, so nothing is cached on the key
    SignedPreKey key =
        SignedPreKey.of(i, ClientPublicKey.of(KeyAlgorithm.X25519, rawKeys[i]), signatures[i]);
    directory.uploadSignedPreKey(device, key);
    return key;
  }

  @Benchmark
  public PreKeyBundle bundleFetchTakeOnce() {
    PreKeyBundle bundle = directory.fetchBundle(device).orElseThrow();
    if (bundle.oneTimePreKey() == null) {
      directory.uploadOneTimePreKeys(device, batch);
    }
    return bundle;
  }

  @Benchmark
  public KeyVersion keyRingLookupByVersion() {
    int v = versionCursor;
    versionCursor = (v + 1) & 7;
    return ring.version(v + 1);
  }

  @Benchmark
  public byte[] keyRingEncrypt() {
    return ring.encrypt(plaintext, aad);
  }

  @Benchmark
  public byte[] bareJceAesGcm() throws GeneralSecurityException {
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, nonce));
    cipher.updateAAD(aad);
    return cipher.doFinal(plaintext);
  }
}
