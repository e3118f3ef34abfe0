package dev.bulwark.examples.server;

import dev.bulwark.errors.DummyWork;
import dev.bulwark.groups.spi.MemberKeyDirectory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The host's own account data: phone number, registration-lock PIN hash, identity key and the
 * bearer token of each account. Not a Bulwark module (every messaging server has its own); it
 * serves group verification as the {@link MemberKeyDirectory}. Tokens and PINs are kept only as
 * hashes.
 */
public final class Accounts implements MemberKeyDirectory {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  /** An account. {@code toString()} shows the ID only. */
  public record Account(UUID id, String number, @Nullable PinHash pin, byte[] identityKey) {
    @Override
    public String toString() {
      return "Account[" + id + "]";
    }
  }

  /** A salted PBKDF2-HMAC-SHA256 hash of a registration-lock PIN. */
  public record PinHash(byte[] salt, byte[] hash) {
    @Override
    public String toString() {
      return "PinHash";
    }
  }

  /** A new registration: the account and its bearer token. */
  public record Registration(Account account, String token) {
    @Override
    public String toString() {
      return "Registration[" + account.id() + "]";
    }
  }

  private final Map<String, Account> byNumber = new ConcurrentHashMap<>();
  private final Map<UUID, Account> byId = new ConcurrentHashMap<>();
  private final Map<String, UUID> byTokenHash = new ConcurrentHashMap<>();
  private final int iterations;
  private final SecureRandom random;
  private final DummyWork<PinHash> pinCheck;

  Accounts(int iterations, SecureRandom random) {
    this.iterations = iterations;
    this.random = random;
    this.pinCheck = DummyWork.of(this::hash, this::matches, random);
  }

  /**
   * Returns {@code number} if it is an E.164 phone number.
   *
   * @throws IllegalArgumentException otherwise (the message does not repeat it)
   */
  public static String e164(@Nullable String number) {
    if (number == null || !E164.matcher(number).matches()) {
      throw new IllegalArgumentException("not an E.164 number");
    }
    return number;
  }

  /** The account registered for {@code number}, if any. */
  public Optional<Account> byNumber(String number) {
    return Optional.ofNullable(byNumber.get(number));
  }

  /** Whether {@code id} is a registered account. */
  public boolean exists(UUID id) {
    return byId.containsKey(id);
  }

  /**
   * Registers {@code number}, or re-registers it with a new token and keys (keeping its ID, as
   * Signal does); the previous token stops working.
   */
  public Registration register(String number, @Nullable String pin, byte[] identityKey) {
    Account previous = byNumber.get(number);
    UUID id = previous != null ? previous.id() : UUID.randomUUID();
    Account account =
        new Account(id, number, pin == null ? null : hash(pin.toCharArray()), identityKey.clone());
    byTokenHash.values().removeIf(id::equals);
    byNumber.put(number, account);
    byId.put(id, account);
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    byTokenHash.put(tokenHash(token), id);
    return new Registration(account, token);
  }

  /** The account a bearer token belongs to, if any. */
  public Optional<UUID> authenticate(@Nullable String token) {
    return token == null
        ? Optional.empty()
        : Optional.ofNullable(byTokenHash.get(tokenHash(token)));
  }

  /**
   * Whether {@code pin} is the registration-lock PIN of {@code account}. Takes the time of one PIN
   * hash whether or not the account exists and has a PIN ({@link DummyWork}).
   */
  public boolean pinMatches(@Nullable Account account, char[] pin) {
    return pinCheck.matches(account == null ? null : account.pin(), pin);
  }

  @Override
  public byte @Nullable [] publicKey(UUID user) {
    Account account = byId.get(user);
    return account == null ? null : account.identityKey().clone();
  }

  private PinHash hash(char[] pin) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return new PinHash(salt, derive(pin, salt));
  }

  private boolean matches(char[] presented, PinHash stored) {
    return MessageDigest.isEqual(derive(presented, stored.salt()), stored.hash());
  }

  private byte[] derive(char[] pin, byte[] salt) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(pin, salt, iterations, 256))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String tokenHash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
