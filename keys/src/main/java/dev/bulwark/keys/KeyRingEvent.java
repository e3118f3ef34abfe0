package dev.bulwark.keys;

import java.time.Instant;

/**
 * Something that happened to a {@link KeyRing}, delivered to {@link KeyRingListener}s of the
 * instance that made the change, after the change was stored. Events name versions only, never
 * material.
 */
public sealed interface KeyRingEvent {

  /** The ring's name. */
  String ring();

  /** When the change was made. */
  Instant at();

  /** A new version was generated and not yet promoted. */
  record Staged(String ring, Instant at, int version) implements KeyRingEvent {}

  /** The primary changed from {@code previousPrimary} to {@code newPrimary}. */
  record Rotated(String ring, Instant at, int previousPrimary, int newPrimary)
      implements KeyRingEvent {}

  /** Version {@code version} was revoked. */
  record Revoked(String ring, Instant at, int version, RevocationReason reason)
      implements KeyRingEvent {}

  /** Version {@code version} was reinstated after a revocation. */
  record Reinstated(String ring, Instant at, int version) implements KeyRingEvent {}

  /** The minimum decryption version moved from {@code previous} to {@code current}. */
  record MinimumDecryptionVersionChanged(String ring, Instant at, int previous, int current)
      implements KeyRingEvent {}

  /** Version {@code version} was destroyed; its material is gone for good. */
  record Destroyed(String ring, Instant at, int version) implements KeyRingEvent {}
}
