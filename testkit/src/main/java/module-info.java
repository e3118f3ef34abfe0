/**
 * Bulwark testkit: tools for tests and security reviews, used in test scope only. Its centrepiece
 * is a dudect-style timing-leak detector; it also runs real {@code redis-server} processes for
 * tests.
 */
module dev.bulwark.testkit {
  requires org.slf4j;
  requires org.junit.jupiter.api;
  requires org.opentest4j;
  requires static org.jspecify;
  requires static com.google.errorprone.annotations;

  exports dev.bulwark.testkit;
  exports dev.bulwark.testkit.redis;
}
