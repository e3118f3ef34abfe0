package dev.bulwark.verification;

/**
 * A one-time code to deliver to the user. Its digits come out only through {@link #reveal()};
 * {@code toString()} shows its length. There is no {@code equals}: codes are checked by {@link
 * OneTimeCodes#verify}, in constant time, never compared by callers. Instances are immutable.
 */
public final class OneTimeCode {
  private final String digits;

  OneTimeCode(String digits) {
    this.digits = digits;
  }

  /** The code's digits, to put in the SMS, e-mail or call. <b>Warning:</b> this reveals the code. */
  public String reveal() {
    return digits;
  }

  /** The number of digits. */
  public int length() {
    return digits.length();
  }

  @Override
  public String toString() {
    return "OneTimeCode[" + digits.length() + " digits]";
  }
}
