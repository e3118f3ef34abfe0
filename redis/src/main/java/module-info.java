/**
 * Bulwark on Redis: Lettuce-based implementations of the stores of the ratelimit, verification,
 * messageid and storage-crypto modules, for standalone Redis and Redis Cluster. Each of those
 * modules is an optional dependency: a host brings the ones whose stores it uses.
 */
module dev.bulwark.redis {
  requires transitive lettuce.core;
  requires org.slf4j;
  requires static transitive dev.bulwark.ratelimit;
  requires static transitive dev.bulwark.verification;
  requires static transitive dev.bulwark.messageid;
  requires static transitive dev.bulwark.storage;
  requires static org.jspecify;
  requires static com.google.errorprone.annotations;

  exports dev.bulwark.redis;
  exports dev.bulwark.redis.ratelimit;
  exports dev.bulwark.redis.verification;
  exports dev.bulwark.redis.messageid;
  exports dev.bulwark.redis.storage;
}
