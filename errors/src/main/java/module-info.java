/**
 * Bulwark errors: opaque public outcomes mapped from rich internal reasons, correlation IDs that
 * tie a public response to its internal log line, timing equalization (blocking and asynchronous),
 * dummy work for unknown subjects, and constant-time comparison.
 */
module dev.bulwark.errors {
  requires org.slf4j;
  requires static org.jspecify;
  requires static com.google.errorprone.annotations;

  exports dev.bulwark.errors;
}
