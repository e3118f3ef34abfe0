package dev.bulwark.verification;

import static dev.bulwark.verification.internal.Checks.requireIdentifier;
import static dev.bulwark.verification.internal.Checks.requireInRange;
import static dev.bulwark.verification.internal.Checks.requireNonNull;
import static dev.bulwark.verification.internal.Checks.requireState;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.verification.internal.KeyedHash;
import dev.bulwark.verification.internal.Randoms;
import dev.bulwark.verification.memory.MemoryRecoveryCodeStore;
import dev.bulwark.verification.spi.RecoveryCodeStore;
import dev.bulwark.verification.spi.VerificationStoreException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Single-use recovery codes: the way back in when the authenticator is lost.
 *
 * <p>{@link #generate} makes a set of codes (10 by default), each 25 symbols of Crockford Base32
 * drawn uniformly from a {@link SecureRandom}: 125 bits, beyond guessing, so a fast keyed hash
 * (HMAC-SHA256 under the server pepper, bound to the account) is the right way to store them and no
 * slow password hash is needed. The store receives only those hashes, and a new set replaces the
 * old one atomically. {@link #redeem} accepts what people type: either case, hyphens or single
 * spaces between the groups or none, and the Crockford aliases {@code O} for {@code 0} and {@code
 * I}/{@code L} for {@code 1}; everything else is {@code MALFORMED}. A redeemed code is gone.
 *
 * <p>This class is thread-safe.
 */
public final class RecoveryCodes {
  /** The default number of codes per set. */
  public static final int DEFAULT_COUNT = 10;

  /** Symbols per code. */
  static final int SYMBOLS = 25;

  /** Symbols per group. */
  static final int GROUP = 5;

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final String DOMAIN = "bulwark.verification.recovery.v1";

  private final KeyedHash hash;
  private final RecoveryCodeStore store;
  private final SecureRandom random;
  private final int count;

  private RecoveryCodes(Builder b) {
    requireState(b.hash != null, "a pepper is required: call pepper(byte[]) on the builder");
    this.hash = b.hash;
    this.store = b.store != null ? b.store : MemoryRecoveryCodeStore.create();
    this.random = b.random;
    this.count = b.count;
  }

  /** Returns a builder; a pepper is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Makes a new set of codes for the account and stores their hashes, replacing (and so
   * invalidating) any previous set. Show the codes to the user once; they cannot be recovered.
   *
   * @throws IllegalArgumentException if {@code accountId} is not 1 to 128 printable ASCII
   *     characters
   * @throws VerificationStoreException if the store cannot answer
   */
  public List<RecoveryCode> generate(String accountId) {
    requireIdentifier(accountId, "accountId");
    List<RecoveryCode> codes = new ArrayList<>(count);
    List<byte[]> hashes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      char[] symbols = new char[SYMBOLS];
      for (int j = 0; j < SYMBOLS; j++) {
        symbols[j] = ALPHABET[random.nextInt(ALPHABET.length)];
      }
      String canonical = new String(symbols);
      codes.add(new RecoveryCode(format(canonical)));
      hashes.add(hash.hash(DOMAIN, accountId, canonical));
    }
    store.replace(accountId, hashes);
    return List.copyOf(codes);
  }

  /**
   * Redeems {@code input} for the account: if it is one of the account's unused codes, it is used
   * up and {@code REDEEMED} is returned.
   *
   * @throws IllegalArgumentException if {@code accountId} is malformed
   * @throws VerificationStoreException if the store cannot answer
   */
  public RecoveryResult redeem(String accountId, @Nullable CharSequence input) {
    requireIdentifier(accountId, "accountId");
    String canonical = canonical(input);
    if (canonical == null) {
      return new RecoveryResult(RecoveryStatus.MALFORMED, 0);
    }
    int left = store.consume(accountId, hash.hash(DOMAIN, accountId, canonical));
    if (left >= 0) {
      return new RecoveryResult(RecoveryStatus.REDEEMED, left);
    }
    int remaining = store.remaining(accountId);
    return new RecoveryResult(remaining == 0 ? RecoveryStatus.NO_CODES : RecoveryStatus.INVALID, remaining);
  }

  /**
   * The number of unused codes of the account.
   *
   * @throws VerificationStoreException if the store cannot answer
   */
  public int remaining(String accountId) {
    return store.remaining(requireIdentifier(accountId, "accountId"));
  }

  /**
   * Removes all of the account's codes.
   *
   * @throws VerificationStoreException if the store cannot answer
   */
  public void revokeAll(String accountId) {
    store.replace(requireIdentifier(accountId, "accountId"), List.of());
  }

  private static String format(String canonical) {
    StringBuilder sb = new StringBuilder(SYMBOLS + SYMBOLS / GROUP - 1);
    for (int i = 0; i < SYMBOLS; i++) {
      if (i > 0 && i % GROUP == 0) {
        sb.append('-');
      }
      sb.append(canonical.charAt(i));
    }
    return sb.toString();
  }

  /**
   * The 25 canonical symbols of {@code input}, or null if it is not a recovery code: either case,
   * one optional hyphen or space between groups, Crockford aliases O, I and L.
   */
  static @Nullable String canonical(@Nullable CharSequence input) {
    if (input == null || input.length() < SYMBOLS || input.length() > SYMBOLS + SYMBOLS / GROUP - 1) {
      return null;
    }
    char[] out = new char[SYMBOLS];
    int n = 0;
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c == '-' || c == ' ') {
        // a separator only between two groups, at most one
        if (n == 0 || n % GROUP != 0 || n == SYMBOLS || (i > 0 && isSeparator(input.charAt(i - 1)))) {
          return null;
        }
        continue;
      }
      int v = symbol(c);
      if (v < 0 || n == SYMBOLS) {
        return null;
      }
      out[n++] = ALPHABET[v];
    }
    return n == SYMBOLS ? new String(out) : null;
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == ' ';
  }

  private static int symbol(char c) {
    char u = c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c;
    if (u == 'O') {
      return 0;
    }
    if (u == 'I' || u == 'L') {
      return 1;
    }
    for (int i = 0; i < ALPHABET.length; i++) {
      if (ALPHABET[i] == u) {
        return i;
      }
    }
    return -1;
  }

  /** Builds {@link RecoveryCodes}. */
  public static final class Builder {
    private @Nullable KeyedHash hash;
    private @Nullable RecoveryCodeStore store;
    private SecureRandom random = Randoms.secureRandom();
    private int count = DEFAULT_COUNT;

    private Builder() {}

    /**
     * Sets the server pepper (at least 32 bytes), the HMAC-SHA256 key of the stored hashes.
     *
     * @throws IllegalArgumentException if it is shorter than 32 bytes
     */
    @CanIgnoreReturnValue
    public Builder pepper(byte[] pepper) {
      this.hash = new KeyedHash(pepper);
      return this;
    }

    /** Sets the store; an in-memory, non-durable store by default. */
    @CanIgnoreReturnValue
    public Builder store(RecoveryCodeStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /** Sets the random source; a shared {@link SecureRandom} by default. */
    @CanIgnoreReturnValue
    public Builder random(SecureRandom random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    /** Sets the number of codes per set, 1 to 50; 10 by default. */
    @CanIgnoreReturnValue
    public Builder count(int count) {
      this.count = requireInRange("count", count, 1, 50);
      return this;
    }

    /**
     * Returns the service.
     *
     * @throws IllegalStateException if no pepper was set
     */
    public RecoveryCodes build() {
      return new RecoveryCodes(this);
    }
  }
}
