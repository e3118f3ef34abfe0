/**
 * Bulwark testkit: tools for tests and security reviews, used in test scope only. Its centrepiece
 * is a dudect-style timing-leak detector.
 */
module dev.bulwark.testkit {
  requires org.slf4j;
  requires static org.jspecify;
  requires static com.google.errorprone.annotations;

  exports dev.bulwark.testkit;
}
