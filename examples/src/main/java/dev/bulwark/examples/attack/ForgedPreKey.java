package dev.bulwark.examples.attack;

import dev.bulwark.keys.ClientPublicKey;
import dev.bulwark.keys.KeyAlgorithm;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Mallory has stolen Alice's bearer token but not her identity key. She uploads a signed prekey and
 * a last-resort key of her own, signed with her key, so that senders would encrypt to her. Bob then
 * fetches Alice's bundle and checks its signature against Alice's identity key.
 *
 * <p>Decisive figure: forged keys accepted, and whether the bundle Bob received verifies.
 */
final class ForgedPreKey implements Threat {
  static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public String name() {
    return "Forged prekey signature";
  }

  @Override
  public String mitigations() {
    return "KeyDirectory signature check on upload (Ed25519)";
  }

  @Override
  public Result run(Simulation sim) {
    User alice = User.register(sim, sim.freshNumber(), null);
    User bob = User.register(sim, sim.freshNumber(), null);
    sim.expectOk(upload(sim, alice, "/v1/keys/signed", signedKey(1, alice::sign)));
    Ed25519PrivateKeyParameters malloryKey = new Ed25519PrivateKeyParameters(RANDOM);
    String stolenFrom = sim.freshAddress();
    long accepted = 0;
    for (String path : new String[] {"/v1/keys/signed", "/v1/keys/last-resort"}) {
      Map<String, Object> forged = signedKey(666, m -> User.sign(malloryKey, m));
      accepted += sim.api().call("PUT", path, forged, alice.token, stolenFrom).ok() ? 1 : 0;
    }
    ApiClient.Response bundle =
        sim.expectOk(
            sim.api().call("GET", "/v1/keys/" + alice.account, null, bob.token, bob.address));
    boolean verifies = verifies(bundle);
    int keyId = bundle.json().path("signedPreKey").path("keyId").asInt();
    String figure =
        String.format(
            Locale.ROOT,
            "%d of 2 forged keys accepted; Bob was served key %d, signature verifies: %s",
            accepted,
            keyId,
            verifies ? "yes" : "NO");
    return new Result(
        name(),
        mitigations(),
        2,
        2 - accepted,
        accepted,
        figure,
        accepted == 0 && verifies && keyId == 1);
  }

  static ApiClient.Response upload(Simulation sim, User user, String path, Object body) {
    return sim.api().call("PUT", path, body, user.token, user.address);
  }

  /** A signed X25519 prekey: the signature covers the key's encoding. */
  static Map<String, Object> signedKey(int keyId, java.util.function.UnaryOperator<byte[]> signer) {
    ClientPublicKey key = randomX25519();
    return Map.of(
        "keyId", keyId,
        "publicKey", User.b64(key.raw()),
        "signature", User.b64(signer.apply(key.encoded())));
  }

  static ClientPublicKey randomX25519() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    raw[0] |= 1;
    return ClientPublicKey.of(KeyAlgorithm.X25519, raw);
  }

  private static boolean verifies(ApiClient.Response bundle) {
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] identity = b64.decode(bundle.text("identityKey"));
    var signed = bundle.json().path("signedPreKey");
    byte[] message =
        ClientPublicKey.of(KeyAlgorithm.X25519, b64.decode(signed.path("publicKey").asText()))
            .encoded();
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(
        false, new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(identity, 0));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(b64.decode(signed.path("signature").asText()));
  }
}
