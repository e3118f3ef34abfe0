package dev.bulwark.keys.spi;

import dev.bulwark.keys.SignedPreKey;
import java.time.Instant;

/**
 * A signed prekey (or last-resort key) as stored: the key, verified before it got here, and when it
 * was accepted.
 *
 * @param key the verified key
 * @param uploadedAt when the directory accepted it
 */
public record StoredSignedPreKey(SignedPreKey key, Instant uploadedAt) {}
