package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireArgument;
import static dev.bulwark.messageid.internal.Checks.requireInRange;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.messageid.internal.Uuids;
import org.jspecify.annotations.Nullable;

/**
 * Strict validation of message IDs chosen by clients.
 *
 * <p>Accepted: exactly 36 characters, {@code 8-4-4-4-12} ASCII hex digits separated by ASCII
 * dashes, in lower case (or, if {@link Builder#acceptUppercase} is set, entirely in upper case,
 * never mixed), not the nil or max UUID, with the RFC 9562 variant bits {@code 10} and a version
 * from the configured set ({@code 4} and {@code 7} by default). No braces, no {@code urn:uuid:}
 * prefix, no surrounding whitespace, no short forms; input longer than 36 characters is refused
 * without being read. So one ID has exactly one accepted spelling (two with upper case allowed),
 * and dedup by its text and by its bits agree.
 *
 * <p>Every refusal is a typed {@link IdRejection}; {@link #validate} never throws and never
 * includes the input in its result. Instances are immutable and thread-safe.
 */
public final class ClientIdValidator {
  private static final ClientIdValidator DEFAULT = builder().build();

  private final int versionMask;
  private final boolean acceptUppercase;

  private ClientIdValidator(Builder b) {
    this.versionMask = b.versionMask;
    this.acceptUppercase = b.acceptUppercase;
  }

  /** The default validator: lower case only, versions 4 and 7. */
  public static ClientIdValidator standard() {
    return DEFAULT;
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Validates {@code input}; never throws. */
  public ClientIdResult validate(@Nullable CharSequence input) {
    if (input == null || input.length() == 0) {
      return ClientIdResult.rejected(IdRejection.EMPTY);
    }
    int length = input.length();
    if (length > Uuids.TEXT_LENGTH) {
      return ClientIdResult.rejected(IdRejection.TOO_LONG);
    }
    if (length != Uuids.TEXT_LENGTH) {
      return ClientIdResult.rejected(IdRejection.MALFORMED);
    }
    long msb = 0;
    long lsb = 0;
    int nibbles = 0;
    boolean sawLower = false;
    boolean sawUpper = false;
    for (int i = 0; i < Uuids.TEXT_LENGTH; i++) {
      char c = input.charAt(i);
      if (Uuids.isDashIndex(i)) {
        if (c != '-') {
          return ClientIdResult.rejected(IdRejection.MALFORMED);
        }
        continue;
      }
      int v = Uuids.hexValue(c);
      if (v < 0) {
        return ClientIdResult.rejected(IdRejection.MALFORMED);
      }
      sawLower |= c >= 'a';
      sawUpper |= c >= 'A' && c <= 'F';
      if (nibbles < 16) {
        msb = (msb << 4) | v;
      } else {
        lsb = (lsb << 4) | v;
      }
      nibbles++;
    }
    if (sawUpper && (sawLower || !acceptUppercase)) {
      return ClientIdResult.rejected(IdRejection.NOT_CANONICAL);
    }
    if (msb == 0 && lsb == 0) {
      return ClientIdResult.rejected(IdRejection.NIL);
    }
    if (msb == -1L && lsb == -1L) {
      return ClientIdResult.rejected(IdRejection.MAX);
    }
    if ((lsb >>> 62) != 0b10) {
      return ClientIdResult.rejected(IdRejection.BAD_VARIANT);
    }
    int version = (int) (msb >>> 12) & 0xF;
    if ((versionMask & (1 << version)) == 0) {
      return ClientIdResult.rejected(IdRejection.UNSUPPORTED_VERSION);
    }
    return ClientIdResult.accepted(MessageId.fromBits(msb, lsb));
  }

  /** Whether {@code version} is accepted. */
  public boolean acceptsVersion(int version) {
    return version >= 0 && version < 16 && (versionMask & (1 << version)) != 0;
  }

  /** Whether all-upper-case IDs are accepted. */
  public boolean acceptsUppercase() {
    return acceptUppercase;
  }

  @Override
  public String toString() {
    StringBuilder versions = new StringBuilder();
    for (int v = 1; v <= 8; v++) {
      if (acceptsVersion(v)) {
        versions.append(versions.length() == 0 ? "" : ",").append(v);
      }
    }
    return "ClientIdValidator[versions=" + versions + ", uppercase=" + acceptUppercase + "]";
  }

  /** Builds a {@link ClientIdValidator}. */
  public static final class Builder {
    private int versionMask = (1 << 4) | (1 << 7);
    private boolean acceptUppercase;

    private Builder() {}

    /** Sets the accepted versions, each from 1 to 8 (RFC 9562); at least one. Default: 4 and 7. */
    @CanIgnoreReturnValue
    public Builder acceptedVersions(int first, int... more) {
      int mask = 1 << requireInRange("version", first, 1, 8);
      for (int v : more) {
        mask |= 1 << requireInRange("version", v, 1, 8);
      }
      this.versionMask = mask;
      return this;
    }

    /**
     * Sets whether an ID written entirely in upper case is accepted (some platforms print UUIDs
     * so); mixed case is refused either way. Default: false.
     */
    @CanIgnoreReturnValue
    public Builder acceptUppercase(boolean accept) {
      this.acceptUppercase = accept;
      return this;
    }

    /** Returns the validator. */
    public ClientIdValidator build() {
      requireArgument(versionMask != 0, "at least one version must be accepted");
      return new ClientIdValidator(this);
    }
  }
}
