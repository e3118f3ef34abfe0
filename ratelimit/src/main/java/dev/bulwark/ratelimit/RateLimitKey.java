package dev.bulwark.ratelimit;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import dev.bulwark.ratelimit.internal.IpLiterals;
import dev.bulwark.ratelimit.internal.PhoneNumbers;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A normalized, validated rate-limit key.
 *
 * <p>Normalizing is what makes a limit hold: the same client must always map to the same key, and
 * trivially different spellings ({@code ::FFFF:1.2.3.4} and {@code 1.2.3.4}, {@code +1 (555)
 * 010-0000} and {@code +15550100000}) must not multiply an attacker's budget. The factories:
 *
 * <ul>
 *   <li>{@link #ip(String)}: IPv4 as the single address (/32); IPv6 aggregated to a prefix, /64 by
 *       default, because one customer usually holds a whole /64 and can rotate through it at will;
 *       IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) treated as the IPv4 address it carries.
 *   <li>{@link #phone(String)}: E.164, {@code +} and 8 to 15 digits after removing spaces, dashes
 *       and parentheses.
 *   <li>{@link #account(UUID)}, {@link #pair(RateLimitKey, RateLimitKey)} (sender to recipient),
 *       and {@link #of(String, String)} for namespaced free-form keys.
 * </ul>
 *
 * <p>Canonical forms of different kinds can never collide. Keys are immutable and thread-safe;
 * build one per client or request and reuse it freely. {@code toString()} shows the kind only: a
 * key holds a raw identifier, so it never appears in logs or messages, and invalid input is never
 * echoed in an exception.
 */
public final class RateLimitKey {

  /** The IPv6 prefix length used by {@link #ip(String)}. */
  public static final int DEFAULT_IPV6_PREFIX = 64;

  /** The shortest IPv6 prefix allowed: a /32 is a whole provider allocation. */
  public static final int MIN_IPV6_PREFIX = 32;

  /** The longest free-form value, in UTF-16 chars. */
  public static final int MAX_VALUE_LENGTH = 256;

  /** The longest canonical form, which bounds a pair of keys. */
  public static final int MAX_CANONICAL_LENGTH = 1024;

  private static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9_.-]{0,31}");
  private static final HexFormat HEX = HexFormat.of();

  private final String kind;
  private final String canonical;

  private RateLimitKey(String kind, String canonical) {
    this.kind = kind;
    this.canonical = canonical;
  }

  /**
   * Returns the key of an IP address literal: IPv4 as /32, IPv6 as its /64.
   *
   * <p>The literal is parsed strictly and never resolved: a host name is an error, not a DNS query.
   *
   * @throws IllegalArgumentException if {@code literal} is not an IPv4 or IPv6 literal
   */
  public static RateLimitKey ip(String literal) {
    return ip(literal, DEFAULT_IPV6_PREFIX);
  }

  /**
   * Returns the key of an IP address literal, with IPv6 aggregated to {@code ipv6PrefixLength}.
   *
   * @throws IllegalArgumentException if {@code literal} is invalid or the prefix length is not in
   *     {@code [32, 128]}
   */
  public static RateLimitKey ip(String literal, int ipv6PrefixLength) {
    requireNonNull(literal, "literal");
    requireInRange("ipv6PrefixLength", ipv6PrefixLength, MIN_IPV6_PREFIX, 128);
    return fromAddressBytes(IpLiterals.parse(literal), ipv6PrefixLength);
  }

  /** Returns the key of an address the host has already parsed; see {@link #ip(String)}. */
  public static RateLimitKey ip(InetAddress address) {
    return ip(address, DEFAULT_IPV6_PREFIX);
  }

  /** Returns the key of an address the host has already parsed; see {@link #ip(String, int)}. */
  public static RateLimitKey ip(InetAddress address, int ipv6PrefixLength) {
    requireNonNull(address, "address");
    requireInRange("ipv6PrefixLength", ipv6PrefixLength, MIN_IPV6_PREFIX, 128);
    return fromAddressBytes(address.getAddress(), ipv6PrefixLength);
  }

  private static RateLimitKey fromAddressBytes(byte[] a, int prefix) {
    if (a.length == 4) {
      return ipv4(a, 0);
    }
    if (isIpv4Mapped(a)) {
      return ipv4(a, 12);
    }
    int fullBytes = prefix / 8;
    int bits = prefix % 8;
    int bytes = bits == 0 ? fullBytes : fullBytes + 1;
    byte[] masked = java.util.Arrays.copyOf(a, bytes);
    if (bits != 0) {
      masked[bytes - 1] &= (byte) (0xFF << (8 - bits));
    }
    return new RateLimitKey("ip6", "ip6:" + HEX.formatHex(masked) + "/" + prefix);
  }

  private static boolean isIpv4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
  }

  private static RateLimitKey ipv4(byte[] a, int offset) {
    return new RateLimitKey(
        "ip4",
        "ip4:"
            + (a[offset] & 0xFF)
            + '.'
            + (a[offset + 1] & 0xFF)
            + '.'
            + (a[offset + 2] & 0xFF)
            + '.'
            + (a[offset + 3] & 0xFF));
  }

  /**
   * Returns the key of an E.164 phone number. Spaces, dashes and parentheses are removed first.
   *
   * @throws IllegalArgumentException if the rest is not {@code +} and 8 to 15 ASCII digits with a
   *     country code not starting with 0; the message never contains the number
   */
  public static RateLimitKey phone(String e164) {
    requireNonNull(e164, "phone number");
    return new RateLimitKey("tel", "tel:" + PhoneNumbers.normalize(e164));
  }

  /** Returns the key of an account. */
  public static RateLimitKey account(UUID accountId) {
    requireNonNull(accountId, "accountId");
    return new RateLimitKey("acct", "acct:" + accountId);
  }

  /**
   * Returns the key of an ordered pair, such as sender to recipient: {@code pair(a, b)} and {@code
   * pair(b, a)} are different keys.
   *
   * @throws IllegalArgumentException if the pair's canonical form would exceed {@link
   *     #MAX_CANONICAL_LENGTH}
   */
  public static RateLimitKey pair(RateLimitKey from, RateLimitKey to) {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    // The length prefix makes the encoding injective whatever the two parts contain.
    String canonical =
        "pair:" + from.canonical.length() + ":" + from.canonical + ">" + to.canonical;
    requireArgument(
        canonical.length() <= MAX_CANONICAL_LENGTH,
        "pair key must be at most %d characters long",
        MAX_CANONICAL_LENGTH);
    return new RateLimitKey("pair", canonical);
  }

  /**
   * Returns a namespaced free-form key, such as {@code of("username", name)}.
   *
   * @param namespace 1 to 32 characters of {@code a-z 0-9 _ . -}, starting with a letter
   * @param value 1 to 256 characters, no control characters and no unpaired surrogates
   * @throws IllegalArgumentException if either part breaks those rules
   */
  public static RateLimitKey of(String namespace, String value) {
    requireNonNull(namespace, "namespace");
    requireNonNull(value, "value");
    requireArgument(
        NAMESPACE.matcher(namespace).matches(),
        "namespace must be 1 to 32 characters of a-z 0-9 _ . - starting with a letter");
    requireInRange("value length", value.length(), 1, MAX_VALUE_LENGTH);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      requireArgument(!Character.isISOControl(c), "value must not contain control characters");
      if (Character.isHighSurrogate(c)) {
        requireArgument(
            i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)),
            "value must not contain unpaired surrogates");
        i++;
      } else {
        requireArgument(!Character.isLowSurrogate(c), "value must not contain unpaired surrogates");
      }
    }
    return new RateLimitKey("ns", "ns:" + namespace + ":" + value);
  }

  /**
   * The kind of key: {@code ip4}, {@code ip6}, {@code tel}, {@code acct}, {@code pair} or {@code
   * ns}.
   */
  public String kind() {
    return kind;
  }

  /**
   * The canonical form, as a store sees it unless the policy hashes keys. <b>Sensitive:</b> it
   * holds the raw identifier (a phone number, an address); do not log it.
   */
  public String canonical() {
    return canonical;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RateLimitKey && ((RateLimitKey) o).canonical.equals(canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  /** Shows the kind only, never the identifier. */
  @Override
  public String toString() {
    return "RateLimitKey[" + kind + "]";
  }
}
