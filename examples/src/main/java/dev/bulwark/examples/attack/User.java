package dev.bulwark.examples.attack;

import dev.bulwark.groups.SigningKey;
import dev.bulwark.messageid.MessageIdGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A well-behaved client: a phone number, an Ed25519 identity key (which signs its prekeys and its
 * group changes), the bearer token and message session the server gave it at registration.
 */
final class User {
  private static final SecureRandom RANDOM = new SecureRandom();

  final String number;
  final UUID account;
  final String token;
  final long epoch;
  final String address;
  final SigningKey signingKey;
  private final Ed25519PrivateKeyParameters identity;
  private final AtomicLong sequence = new AtomicLong();
  private final MessageIdGenerator ids;

  private User(
      String number,
      UUID account,
      String token,
      long epoch,
      String address,
      byte[] seed,
      MessageIdGenerator ids) {
    this.number = number;
    this.account = account;
    this.token = token;
    this.epoch = epoch;
    this.address = address;
    this.signingKey = SigningKey.fromSeed(seed);
    this.identity = new Ed25519PrivateKeyParameters(seed, 0);
    this.ids = ids;
  }

  /**
   * Registers {@code number} the way a phone does: a verification session, the code from the SMS,
   * then registration with a fresh identity key (and a registration-lock PIN if not null).
   */
  static User register(Simulation sim, String number, String pin) {
    String address = sim.freshAddress();
    ApiClient api = sim.api();
    String session =
        sim.expectOk(
                api.call(
                    "POST", "/v1/verification/sessions", Map.of("number", number), null, address))
            .text("sessionId");
    String code = sim.server().sms().lastCodeFor(number).orElseThrow();
    sim.expectOk(
        api.call(
            "POST",
            "/v1/verification/sessions/" + session + "/code",
            Map.of("number", number, "code", code),
            null,
            address));
    byte[] seed = new byte[32];
    RANDOM.nextBytes(seed);
    byte[] publicKey = SigningKey.fromSeed(seed).publicKey();
    Map<String, Object> body =
        pin == null
            ? Map.of("sessionId", session, "number", number, "identityKey", b64(publicKey))
            : Map.of(
                "sessionId", session, "number", number, "identityKey", b64(publicKey), "pin", pin);
    ApiClient.Response r = sim.expectOk(api.call("POST", "/v1/registration", body, null, address));
    return new User(
        number,
        UUID.fromString(r.text("account")),
        r.text("token"),
        r.json().path("epoch").asLong(),
        address,
        seed,
        MessageIdGenerator.builder().clock(sim.clock()).build());
  }

  /** The next message of this client's session to {@code to}: fresh ID, next sequence, now. */
  Map<String, Object> message(Simulation sim, String text) {
    return message(sim, text, sim.clock().millis());
  }

  /** Like {@link #message(Simulation, String)} with a timestamp of the client's choosing. */
  Map<String, Object> message(Simulation sim, String text, long timestampMillis) {
    return Map.of(
        "clientId", ids.next().toString(),
        "sequence", sequence.incrementAndGet(),
        "epoch", epoch,
        "timestamp", timestampMillis,
        "body", b64(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Signs {@code message} with the identity key (Ed25519), as a prekey signature. */
  byte[] sign(byte[] message) {
    return sign(identity, message);
  }

  static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
