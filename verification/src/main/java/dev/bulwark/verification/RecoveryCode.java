package dev.bulwark.verification;

/**
 * One recovery code, to show the user once. {@link #reveal()} gives it in groups ({@code
 * 7QK2M-9XDRT-4HZ8B-1N6WC-P3VYF}); {@code toString()} does not. Instances are immutable.
 */
public final class RecoveryCode {
  private final String formatted;

  RecoveryCode(String formatted) {
    this.formatted = formatted;
  }

  /** The code in five hyphenated groups of five. <b>Warning:</b> this reveals the code. */
  public String reveal() {
    return formatted;
  }

  @Override
  public String toString() {
    return "RecoveryCode[125 bits]";
  }
}
