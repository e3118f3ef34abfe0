package dev.bulwark.storage;

/**
 * What {@link EphemeralStore#rewrap} did.
 *
 * @param rewrapped data keys moved to the primary key-encryption key
 * @param alreadyCurrent data keys that were already wrapped by it
 * @param failed data keys that could not be unwrapped (their key-encryption key is gone); they are
 *     left as they were
 */
public record RewrapResult(int rewrapped, int alreadyCurrent, int failed) {}
