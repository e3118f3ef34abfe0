/**
 * Challenges the server can demand before it serves a request: signed single-use tokens ({@link
 * dev.bulwark.ratelimit.challenge.ChallengeTokens}), three verifiers (proof-of-work, push token,
 * captcha), and the {@link dev.bulwark.ratelimit.challenge.ChallengePolicy} that decides when to
 * ask.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.ratelimit.challenge;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
