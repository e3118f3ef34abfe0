/**
 * Message ID and timestamp discipline for messaging servers.
 *
 * <p>Start with {@link dev.bulwark.messageid.MessageGuard}: one call validates a client message's
 * ID, epoch and timestamp, rejects replays (by sequence number in an RFC 6479 window, or by random
 * ID in a seen-set bounded by the acceptance window), enforces ordering and assigns a server
 * timestamp. The parts are usable alone: {@link dev.bulwark.messageid.MessageIdGenerator} (UUIDv7),
 * {@link dev.bulwark.messageid.ClientIdValidator}, {@link dev.bulwark.messageid.SequenceWindow},
 * {@link dev.bulwark.messageid.ServerClock} and {@link dev.bulwark.messageid.SessionRegistry}.
 * Every type in this package is immutable or thread-safe, and none prints an account identifier or
 * a rejected client input in {@code toString()} or in an exception.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.messageid;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
