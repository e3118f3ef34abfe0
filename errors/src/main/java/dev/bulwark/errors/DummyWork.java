package dev.bulwark.errors;

import dev.bulwark.errors.internal.Checks;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Makes an unknown subject cost the same as a known one by running the real credential check
 * against a dummy credential of the same kind and cost, as Spring Security does with a dummy
 * password hash.
 *
 * <p>Built from the host's own hasher: {@link #of} hashes a random password once, so the dummy has
 * the same algorithm, parameters and work factor as real stored credentials. {@link #matches} then
 * always runs the matcher exactly once, against the stored credential if there is one and against
 * the dummy otherwise, and returns {@code false} for an unknown subject whatever the matcher says.
 *
 * <p><b>Warning:</b> if the host changes its hash parameters, build a new {@code DummyWork}, or the
 * dummy costs less than real credentials again. Thread-safe if the matcher is.
 *
 * @param <C> the host's stored-credential type (an encoded hash string, a record of salt and hash)
 */
public final class DummyWork<C> {

  /** Checks a presented secret against a stored credential, e.g. a password hasher's verify. */
  @FunctionalInterface
  public interface Matcher<C> {
    /** Returns whether {@code presented} matches {@code stored}. */
    boolean matches(char[] presented, C stored);
  }

  private static final int DUMMY_PASSWORD_CHARS = 24;
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final C dummy;
  private final Matcher<C> matcher;

  private DummyWork(C dummy, Matcher<C> matcher) {
    this.dummy = dummy;
    this.matcher = matcher;
  }

  /**
   * Returns dummy work for the host's hasher: {@code hasher} is called once, here, on a random
   * password nobody knows, and {@code matcher} runs on every {@link #matches} call.
   *
   * @throws IllegalArgumentException if {@code hasher} returns {@code null}
   */
  public static <C> DummyWork<C> of(
      Function<char[], ? extends C> hasher, Matcher<C> matcher, SecureRandom random) {
    Checks.requireNonNull(hasher, "hasher");
    Checks.requireNonNull(matcher, "matcher");
    Checks.requireNonNull(random, "random");
    char[] password = new char[DUMMY_PASSWORD_CHARS];
    for (int i = 0; i < password.length; i++) {
      password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    C dummy;
    try {
      dummy = hasher.apply(password);
    } finally {
      Arrays.fill(password, '\0');
    }
    Checks.requireArgument(dummy != null, "hasher returned null for the dummy password");
    return new DummyWork<>(dummy, matcher);
  }

  /**
   * Returns whether {@code presented} matches {@code stored}; if {@code stored} is {@code null}
   * (unknown subject) runs the same check against the dummy and returns {@code false}. The matcher
   * runs exactly once either way.
   */
  public boolean matches(@Nullable C stored, char[] presented) {
    Checks.requireNonNull(presented, "presented");
    boolean known = stored != null;
    boolean matched = matcher.matches(presented, known ? stored : dummy);
    return matched & known;
  }

  /** Runs the check against the dummy once and discards the result, e.g. for a disabled subject. */
  public void spend(char[] presented) {
    Checks.requireNonNull(presented, "presented");
    boolean discarded = matcher.matches(presented, dummy);
  }

  @Override
  public String toString() {
    return "DummyWork[dummy credential of type " + dummy.getClass().getSimpleName() + "]";
  }
}
