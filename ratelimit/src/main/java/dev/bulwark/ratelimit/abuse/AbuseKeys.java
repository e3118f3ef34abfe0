package dev.bulwark.ratelimit.abuse;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import dev.bulwark.ratelimit.RateLimitKey;

/**
 * Coarser keys for the {@link AbuseMonitor}'s dimensions, derived from normalized keys: abuse often
 * spreads over many numbers of one range or many addresses of one network, which only the prefix
 * reveals. The results are ordinary {@link RateLimitKey}s (namespaces {@code dst} and {@code src4})
 * usable with limiters and the {@link Blocklist} too.
 */
public final class AbuseKeys {
  private AbuseKeys() {}

  /**
   * The destination prefix of a phone key: its first {@code digits} digits after {@code +} (for
   * example 2 for {@code +44}, a country code, or 5 for {@code +4477 0}, a mobile range). Numbers
   * shorter than that give their whole number.
   *
   * @throws IllegalArgumentException if {@code phone} is not a {@link RateLimitKey#phone} key or
   *     {@code digits} is not in {@code [1, 15]}
   */
  public static RateLimitKey destinationPrefix(RateLimitKey phone, int digits) {
    requireNonNull(phone, "phone");
    requireInRange("digits", digits, 1, 15);
    requireArgument("tel".equals(phone.kind()), "key must be a phone key, got %s", phone.kind());
    String number = phone.canonical().substring("tel:+".length());
    return RateLimitKey.of("dst", "+" + number.substring(0, Math.min(digits, number.length())));
  }

  /**
   * The IPv4 prefix of length {@code prefixLength} holding an IPv4 key's address, for example
   * {@code 203.0.113.0/24}; an IPv6 key is returned as it is, since {@link RateLimitKey#ip(String,
   * int)} already aggregates IPv6 to a prefix.
   *
   * @throws IllegalArgumentException if {@code ip} is not an IP key or {@code prefixLength} is not
   *     in {@code [8, 32]}
   */
  public static RateLimitKey sourcePrefix(RateLimitKey ip, int prefixLength) {
    requireNonNull(ip, "ip");
    requireInRange("prefixLength", prefixLength, 8, 32);
    if ("ip6".equals(ip.kind())) {
      return ip;
    }
    requireArgument("ip4".equals(ip.kind()), "key must be an IP key, got %s", ip.kind());
    String[] octets = ip.canonical().substring("ip4:".length()).split("\\.", -1);
    long address = 0;
    for (String octet : octets) {
      address = (address << 8) | Integer.parseInt(octet);
    }
    long masked = address & (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
    return RateLimitKey.of(
        "src4",
        (masked >>> 24)
            + "."
            + ((masked >>> 16) & 0xFF)
            + "."
            + ((masked >>> 8) & 0xFF)
            + "."
            + (masked & 0xFF)
            + "/"
            + prefixLength);
  }
}
