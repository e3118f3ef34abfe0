/**
 * Real {@code redis-server} processes for tests: {@link dev.bulwark.testkit.redis.RedisServer} (one
 * server on a free loopback port, with kill, pause and restart for fault tests), {@link
 * dev.bulwark.testkit.redis.RedisCluster} (three masters) and the JUnit extensions {@link
 * dev.bulwark.testkit.redis.RedisServerExtension} and {@link
 * dev.bulwark.testkit.redis.RedisClusterExtension} that start them for a test class.
 *
 * <p>Without {@code redis-server} on the {@code PATH} the tests that need it are skipped with a
 * loud message; with the environment variable {@value
 * dev.bulwark.testkit.redis.RedisBinaries#REQUIRE_SERVERS} set to {@code 1} they fail instead, so a
 * CI machine cannot pass by skipping.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.testkit.redis;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
