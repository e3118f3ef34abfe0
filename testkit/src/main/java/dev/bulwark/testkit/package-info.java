/**
 * Test tools: {@link dev.bulwark.testkit.TimingLeakDetector} measures whether an operation's time
 * depends on which of two input classes it gets, {@link dev.bulwark.testkit.TimingReport} says what
 * it found in plain words, and {@link dev.bulwark.testkit.TimingAssertions} turns that into a
 * JUnit-friendly assertion.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.testkit;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
