/**
 * Server-side group management in the style of Signal's Groups v2 with MLS-style key epochs.
 *
 * <p>Start with {@link dev.bulwark.groups.GroupServer}: it creates groups, applies {@link
 * dev.bulwark.groups.GroupChange}s signed by their authors, keeps a hash-chained {@link
 * dev.bulwark.groups.LogEntry change log} whose heads the server signs ({@link
 * dev.bulwark.groups.SignedHead}) and serves key-epoch packages. The wire format of a change is
 * specified and implemented by {@link dev.bulwark.groups.GroupChangeCodec}. Every type in this
 * package is immutable or thread-safe, and no type prints a member identifier, a key or an
 * invite-link password in {@code toString()} or in an exception message.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.groups;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
