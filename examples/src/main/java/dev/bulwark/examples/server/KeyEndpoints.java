package dev.bulwark.examples.server;

import static dev.bulwark.errors.Surface.KEY_FETCH;
import static dev.bulwark.examples.server.Protections.API;

import dev.bulwark.errors.InternalReason;
import dev.bulwark.keys.ClientPublicKey;
import dev.bulwark.keys.DeviceAddress;
import dev.bulwark.keys.KeyAlgorithm;
import dev.bulwark.keys.KeyRejectedException;
import dev.bulwark.keys.OneTimePreKey;
import dev.bulwark.keys.PreKeyBundle;
import dev.bulwark.keys.PreKeyType;
import dev.bulwark.keys.RevocationReason;
import dev.bulwark.keys.SignedPreKey;
import dev.bulwark.ratelimit.RateLimitKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prekeys. {@code PUT /v1/keys/signed} and {@code /v1/keys/last-resort} take keys whose signature
 * by the account's identity key the directory verifies; {@code PUT /v1/keys/one-time} uploads
 * one-time keys, {@code DELETE /v1/keys/one-time/{keyId}} revokes one; {@code GET
 * /v1/keys/{account}} hands out a bundle, each one-time key at most once, limited per requester.
 */
final class KeyEndpoints {
  record SignedKey(int keyId, String publicKey, String signature) {}

  record OneTimeKey(int keyId, String publicKey) {}

  record OneTimeKeys(List<OneTimeKey> keys) {}

  private final Protections bulwark;

  KeyEndpoints(Protections bulwark) {
    this.bulwark = bulwark;
  }

  Reply uploadSigned(Call call) {
    SignedKey k = call.body(SignedKey.class);
    verified(() -> bulwark.keys.uploadSignedPreKey(device(call.account()), signed(k)));
    return Reply.ok(Map.of("stored", k.keyId()));
  }

  Reply uploadLastResort(Call call) {
    SignedKey k = call.body(SignedKey.class);
    verified(() -> bulwark.keys.uploadLastResortKey(device(call.account()), signed(k)));
    return Reply.ok(Map.of("stored", k.keyId()));
  }

  Reply uploadOneTime(Call call) {
    List<OneTimePreKey> batch =
        call.body(OneTimeKeys.class).keys().stream()
            .map(k -> new OneTimePreKey(k.keyId(), x25519(k.publicKey())))
            .toList();
    verified(() -> bulwark.keys.uploadOneTimePreKeys(device(call.account()), batch));
    return Reply.ok(Map.of("stored", batch.size()));
  }

  Reply revokeOneTime(Call call) {
    int keyId = Integer.parseInt(call.param("keyId"));
    bulwark.keys.revoke(
        device(call.account()), PreKeyType.ONE_TIME, keyId, RevocationReason.COMPROMISED);
    return Reply.ok(Map.of("revoked", keyId));
  }

  Reply fetch(Call call) {
    bulwark.limit("prekey-fetch", RateLimitKey.account(call.account()), KEY_FETCH);
    PreKeyBundle bundle =
        bulwark
            .keys
            .fetchBundle(device(UUID.fromString(call.param("account"))))
            .orElseThrow(
                () -> bulwark.refuse(KEY_FETCH, InternalReason.UNKNOWN_SUBJECT, "no keys"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("identityKey", b64(bundle.identityKey().raw()));
    json.put("signedPreKey", json(bundle.signedPreKey()));
    bundle
        .oneTime()
        .ifPresent(
            k -> json.put("oneTimePreKey", new OneTimeKey(k.keyId(), b64(k.publicKey().raw()))));
    bundle.lastResort().ifPresent(k -> json.put("lastResortKey", json(k)));
    return Reply.ok(json);
  }

  private void verified(Runnable upload) {
    try {
      upload.run();
    } catch (KeyRejectedException e) {
      throw bulwark.refuse(API, InternalReason.WRONG_SECRET, "prekey " + e.reason());
    }
  }

  private static DeviceAddress device(UUID account) {
    return DeviceAddress.of(account, 1);
  }

  private static SignedPreKey signed(SignedKey k) {
    return SignedPreKey.of(
        k.keyId(), x25519(k.publicKey()), Base64.getDecoder().decode(k.signature()));
  }

  private static SignedKey json(SignedPreKey k) {
    return new SignedKey(k.keyId(), b64(k.publicKey().raw()), b64(k.signature()));
  }

  private static ClientPublicKey x25519(String base64) {
    return ClientPublicKey.of(KeyAlgorithm.X25519, Base64.getDecoder().decode(base64));
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
