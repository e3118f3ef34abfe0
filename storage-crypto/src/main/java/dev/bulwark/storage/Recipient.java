package dev.bulwark.storage;

import dev.bulwark.storage.internal.Checks;
import dev.bulwark.storage.spi.RecipientRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The raw identifier of a record's recipient (an account or device ID). It is only ever held in
 * memory: stores see a keyed hash of it ({@link dev.bulwark.storage.spi.RecipientRef}), and {@link
 * #toString()} never shows it.
 *
 * <p>Immutable and thread-safe; equality compares the identifier in constant time.
 */
public final class Recipient {
  /** The longest identifier accepted, in UTF-8 bytes. */
  public static final int MAX_LENGTH = 256;

  private final byte[] id;
  private final int hash;

  /**
   * The reference the last store that hashed this recipient computed, tagged with that store's
   * token: a racy single-check memo (a lost write only costs a hash; {@link RefMemo}'s fields are
   * final, so a reader sees it whole).
   */
  private @Nullable RefMemo refMemo;

  /** A reference memoized for the store whose token is {@code owner}. */
  static final class RefMemo {
    final Object owner;
    final RecipientRef ref;

    RefMemo(Object owner, RecipientRef ref) {
      this.owner = owner;
      this.ref = ref;
    }
  }

  private Recipient(byte[] id) {
    this.id = id;
    this.hash = Arrays.hashCode(id);
  }

  /**
   * Returns the recipient with this identifier.
   *
   * @throws IllegalArgumentException if it is empty or longer than {@link #MAX_LENGTH} UTF-8 bytes
   *     (the message does not repeat it)
   */
  public static Recipient of(String id) {
    Checks.requireNonNull(id, "recipient id");
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    Checks.requireInRange("recipient id length", bytes.length, 1, MAX_LENGTH);
    return new Recipient(bytes);
  }

  /** The identifier's UTF-8 bytes, for hashing. */
  byte[] utf8() {
    return id.clone();
  }

  /** The reference memoized for the store with token {@code owner}, or null. */
  @Nullable RecipientRef memoizedRef(Object owner) {
    RefMemo m = refMemo;
    return m != null && m.owner == owner ? m.ref : null;
  }

  /** Memoizes {@code ref} as this recipient's reference in the store with token {@code owner}. */
  void memoizeRef(Object owner, RecipientRef ref) {
    refMemo = new RefMemo(owner, ref);
  }

  /** The identifier's UTF-8 bytes themselves, not a copy: read them, never change or keep them. */
  byte[] utf8View() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Recipient r && MessageDigest.isEqual(id, r.id));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Returns {@code Recipient[redacted]}: the identifier never appears in logs. */
  @Override
  public String toString() {
    return "Recipient[redacted]";
  }
}
