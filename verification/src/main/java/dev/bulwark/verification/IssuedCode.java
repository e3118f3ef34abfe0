package dev.bulwark.verification;

import java.time.Instant;
import java.util.Optional;

/**
 * A new verification session and its first code: give the session ID to the client, deliver the
 * code to the destination. {@code toString()} shows neither the code nor the destination.
 *
 * @param sessionId the opaque session ID (160 random bits, unpadded base64url), not a secret on
 *     its own but unguessable
 * @param code the code to deliver
 * @param codeExpiresAt when the code stops verifying
 * @param nextResendAt when a resend is allowed; empty if the policy allows a single send
 * @param sessionExpiresAt when the session and its resend history are forgotten
 */
public record IssuedCode(
    String sessionId,
    OneTimeCode code,
    Instant codeExpiresAt,
    Optional<Instant> nextResendAt,
    Instant sessionExpiresAt) {}
