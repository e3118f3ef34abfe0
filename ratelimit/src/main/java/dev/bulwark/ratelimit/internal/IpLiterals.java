package dev.bulwark.ratelimit.internal;

/**
 * A strict parser of IP address literals that never resolves names (unlike {@link
 * java.net.InetAddress#getByName}, which would send a DNS query for anything that is not a
 * literal).
 *
 * <p>Accepted: dotted-quad IPv4 with decimal parts 0 to 255 and no leading zeros (so {@code 010}
 * cannot mean eight to one parser and ten to another), and RFC 4291 IPv6 text with at most one
 * {@code ::} and an optional dotted-quad tail. Rejected: zone IDs, brackets, ports, whitespace,
 * non-ASCII digits, and anything longer than {@link #MAX_LENGTH}. Error messages never contain the
 * input.
 */
public final class IpLiterals {

  /** The longest valid literal: a full IPv6 address with an IPv4 tail has 45 characters. */
  public static final int MAX_LENGTH = 45;

  private IpLiterals() {}

  /**
   * Returns the 4 or 16 address bytes of {@code literal}.
   *
   * @throws IllegalArgumentException if {@code literal} is not a valid IPv4 or IPv6 literal
   */
  public static byte[] parse(String literal) {
    int length = literal.length();
    if (length == 0) {
      throw invalid("is empty");
    }
    if (length > MAX_LENGTH) {
      throw invalid("is longer than " + MAX_LENGTH + " characters");
    }
    if (literal.indexOf(':') >= 0) {
      return parseIpv6(literal);
    }
    byte[] out = new byte[4];
    parseIpv4(literal, 0, length, out, 0);
    return out;
  }

  private static void parseIpv4(String s, int from, int to, byte[] out, int offset) {
    int part = 0;
    int i = from;
    while (true) {
      int start = i;
      int value = 0;
      while (i < to && isDecimal(s.charAt(i))) {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          throw invalid("has an IPv4 part longer than 3 digits");
        }
      }
      if (i == start) {
        throw invalid("has an empty or non-decimal IPv4 part");
      }
      if (i - start > 1 && s.charAt(start) == '0') {
        throw invalid("has an IPv4 part with a leading zero");
      }
      if (value > 255) {
        throw invalid("has an IPv4 part above 255");
      }
      out[offset + part] = (byte) value;
      part++;
      if (part == 4) {
        if (i != to) {
          throw invalid("has characters after the fourth IPv4 part");
        }
        return;
      }
      if (i >= to || s.charAt(i) != '.') {
        throw invalid("needs four IPv4 parts separated by '.'");
      }
      i++;
    }
  }

  private static byte[] parseIpv6(String s) {
    byte[] out = new byte[16];
    int length = s.length();
    int groups = 0; // 16-bit groups written so far
    int gapAt = -1; // group index where '::' stands
    int i = 0;
    if (s.startsWith("::")) {
      gapAt = 0;
      i = 2;
      if (i == length) {
        return out;
      }
    } else if (s.charAt(0) == ':') {
      throw invalid("starts with a single ':'");
    }
    while (i < length) {
      int start = i;
      int value = 0;
      while (i < length && hexValue(s.charAt(i)) >= 0 && i - start < 5) {
        value = (value << 4) | hexValue(s.charAt(i));
        i++;
      }
      if (i < length && s.charAt(i) == '.') {
        // IPv4 tail: takes the last two groups.
        if (groups > 6) {
          throw invalid("has too many groups before its IPv4 tail");
        }
        parseIpv4(s, start, length, out, groups * 2);
        groups += 2;
        i = length;
        break;
      }
      int digits = i - start;
      if (digits == 0) {
        throw invalid("has an empty or non-hexadecimal IPv6 group");
      }
      if (digits > 4) {
        throw invalid("has an IPv6 group longer than 4 digits");
      }
      if (groups == 8) {
        throw invalid("has more than 8 IPv6 groups");
      }
      out[groups * 2] = (byte) (value >>> 8);
      out[groups * 2 + 1] = (byte) value;
      groups++;
      if (i == length) {
        break;
      }
      if (s.charAt(i) != ':') {
        throw invalid("has a character that is not a hexadecimal digit, ':' or '.'");
      }
      i++;
      if (i < length && s.charAt(i) == ':') {
        if (gapAt >= 0) {
          throw invalid("has more than one '::'");
        }
        gapAt = groups;
        i++;
        if (i == length) {
          break;
        }
      } else if (i == length) {
        throw invalid("ends with a single ':'");
      }
    }
    if (gapAt < 0) {
      if (groups != 8) {
        throw invalid("needs 8 IPv6 groups or a '::'");
      }
      return out;
    }
    if (groups == 8) {
      throw invalid("has a '::' that stands for no group");
    }
    // Move the groups after the gap to the end.
    int tailBytes = (groups - gapAt) * 2;
    System.arraycopy(out, gapAt * 2, out, 16 - tailBytes, tailBytes);
    java.util.Arrays.fill(out, gapAt * 2, 16 - tailBytes, (byte) 0);
    return out;
  }

  private static boolean isDecimal(char c) {
    return c >= '0' && c <= '9';
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static IllegalArgumentException invalid(String problem) {
    return new IllegalArgumentException("IP address literal " + problem);
  }
}
