/**
 * Redis stores for the verification module: one-time code sessions ({@link
 * dev.bulwark.redis.verification.RedisCodeStore}), TOTP/HOTP replay steps ({@link
 * dev.bulwark.redis.verification.RedisOtpReplayStore}), TOTP credentials ({@link
 * dev.bulwark.redis.verification.RedisTotpCredentialStore}) and recovery codes ({@link
 * dev.bulwark.redis.verification.RedisRecoveryCodeStore}). Each decision is one Lua script or one
 * command; every store fails closed with {@link
 * dev.bulwark.verification.spi.VerificationStoreException}.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.redis.verification;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
