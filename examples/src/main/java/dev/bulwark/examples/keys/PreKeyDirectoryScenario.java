package dev.bulwark.examples.keys;

import dev.bulwark.examples.Scenario;
import dev.bulwark.keys.ClientPublicKey;
import dev.bulwark.keys.DeviceAddress;
import dev.bulwark.keys.KeyAlgorithm;
import dev.bulwark.keys.KeyDirectory;
import dev.bulwark.keys.KeyRejectedException;
import dev.bulwark.keys.OneTimePreKey;
import dev.bulwark.keys.PreKeyBundle;
import dev.bulwark.keys.PreKeyType;
import dev.bulwark.keys.RevocationReason;
import dev.bulwark.keys.SignedPreKey;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Alice's phone publishes its prekeys. An attacker who holds her account session but not her
 * identity key uploads a signed prekey of his own (forged signature); Alice revokes a one-time
 * prekey she believes leaked; then eight senders race to fetch her bundle. The directory refuses
 * the forgery, never serves the revoked key, and hands out each one-time prekey exactly once.
 */
public final class PreKeyDirectoryScenario implements Scenario {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public String title() {
    return "Forged signed prekey, a revoked one-time key and a race for one-time keys";
  }

  @Override
  public boolean run(PrintStream out) {
    KeyDirectory directory = KeyDirectory.builder().build();
    DeviceAddress alice = DeviceAddress.of(UUID.randomUUID(), 1);
    Ed25519PrivateKeyParameters aliceIdentity = new Ed25519PrivateKeyParameters(RANDOM);
    Ed25519PrivateKeyParameters attackerIdentity = new Ed25519PrivateKeyParameters(RANDOM);

    directory.setIdentityKey(
        alice,
        ClientPublicKey.of(KeyAlgorithm.ED25519, aliceIdentity.generatePublicKey().getEncoded()));
    directory.uploadSignedPreKey(alice, signed(aliceIdentity, 1));
    directory.uploadLastResortKey(alice, signed(aliceIdentity, 2));
    List<OneTimePreKey> batch = new ArrayList<>();
    for (int id = 100; id < 140; id++) {
      batch.add(new OneTimePreKey(id, randomKey()));
    }
    directory.uploadOneTimePreKeys(alice, batch);
    out.println(
        "Alice uploads an identity key, signed prekey 1, last-resort key 2, 40 one-time keys");

    boolean held = true;
    try {
      directory.uploadSignedPreKey(alice, signed(attackerIdentity, 666));
      out.println("attacker's signed prekey 666 ACCEPTED");
      held = false;
    } catch (KeyRejectedException e) {
      out.println("attacker uploads signed prekey 666 signed by his own key -> " + e.reason());
    }
    PreKeyBundle first = directory.fetchBundle(alice).orElseThrow();
    int servedSigned = first.signedPreKey().keyId();
    int firstOneTime = first.oneTime().orElseThrow().keyId();
    out.printf(
        Locale.ROOT,
        "a sender's bundle still carries signed prekey %d (and one-time key %d)%n",
        servedSigned,
        firstOneTime);
    held &= servedSigned == 1;

    directory.revoke(alice, PreKeyType.ONE_TIME, 120, RevocationReason.COMPROMISED);
    out.println("Alice revokes one-time key 120 (suspected leak)");
    try {
      directory.uploadOneTimePreKeys(alice, List.of(batch.get(20)));
      out.println("re-upload of key 120 ACCEPTED");
      held = false;
    } catch (KeyRejectedException e) {
      out.println("someone re-uploads key 120 -> " + e.reason());
    }

    int left = directory.oneTimePreKeyCount(alice); // 40, less one fetched above, less 120
    out.printf(Locale.ROOT, "one-time keys left: %d%n", left);
    ConcurrentLinkedQueue<Integer> served = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> lastResort = new ConcurrentLinkedQueue<>();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      senders.add(
          new Thread(
              () -> {
                for (int i = 0; i < 6; i++) {
                  PreKeyBundle bundle = directory.fetchBundle(alice).orElseThrow();
                  bundle.oneTime().ifPresent(k -> served.add(k.keyId()));
                  bundle.lastResort().ifPresent(k -> lastResort.add(k.keyId()));
                }
              }));
    }
    senders.forEach(Thread::start);
    for (Thread sender : senders) {
      try {
        sender.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    Set<Integer> distinct = new HashSet<>(served);
    out.printf(
        Locale.ROOT,
        "8 senders fetch 48 bundles at once: %d one-time keys served, %d distinct, "
            + "key 120 or %d served again: %s, %d fell back to last-resort key 2%n",
        served.size(),
        distinct.size(),
        firstOneTime,
        distinct.contains(120) || distinct.contains(firstOneTime) ? "YES" : "no",
        lastResort.size());
    held &= served.size() == left && distinct.size() == left && !distinct.contains(120);
    held &= !distinct.contains(firstOneTime);
    held &= lastResort.size() == 48 - left;
    return held;
  }

  private static ClientPublicKey randomKey() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    raw[0] |= 1;
    return ClientPublicKey.of(KeyAlgorithm.X25519, raw);
  }

  private static SignedPreKey signed(Ed25519PrivateKeyParameters identity, int keyId) {
    ClientPublicKey key = randomKey();
    byte[] message = key.encoded();
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, identity);
    signer.update(message, 0, message.length);
    return SignedPreKey.of(keyId, key, signer.generateSignature());
  }
}
