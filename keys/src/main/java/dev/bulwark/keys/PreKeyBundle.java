package dev.bulwark.keys;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a sender fetches to start a session with one device: its identity key, its current signed
 * prekey, and either one one-time prekey (taken, never served again) or the last-resort key.
 *
 * @param device the device
 * @param identityKey the device's identity key
 * @param signedPreKey the current signed prekey
 * @param oneTimePreKey the one-time prekey taken for this fetch, if one was left
 * @param lastResortKey the last-resort key, present only when no one-time prekey was left
 */
public record PreKeyBundle(
    DeviceAddress device,
    ClientPublicKey identityKey,
    SignedPreKey signedPreKey,
    @Nullable OneTimePreKey oneTimePreKey,
    @Nullable SignedPreKey lastResortKey) {

  /** The one-time prekey, if one was taken. */
  public Optional<OneTimePreKey> oneTime() {
    return Optional.ofNullable(oneTimePreKey);
  }

  /** The last-resort key, if it was served instead of a one-time prekey. */
  public Optional<SignedPreKey> lastResort() {
    return Optional.ofNullable(lastResortKey);
  }
}
