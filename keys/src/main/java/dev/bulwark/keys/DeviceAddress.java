package dev.bulwark.keys;

import dev.bulwark.keys.internal.Checks;
import java.util.UUID;

/**
 * One device of one account: the unit the directory stores keys for.
 *
 * <p>{@link #toString()} omits the account, a raw identifier.
 *
 * @param account the account's UUID
 * @param deviceId the device number, 1..2^31-1
 */
public record DeviceAddress(UUID account, int deviceId) {

  /** Validates the device number. */
  public DeviceAddress {
    Checks.requireNonNull(account, "account");
    Checks.requireInRange("deviceId", deviceId, 1, Integer.MAX_VALUE);
  }

  /** Shorthand for the constructor. */
  public static DeviceAddress of(UUID account, int deviceId) {
    return new DeviceAddress(account, deviceId);
  }

  @Override
  public String toString() {
    return "DeviceAddress[device=" + deviceId + "]";
  }
}
