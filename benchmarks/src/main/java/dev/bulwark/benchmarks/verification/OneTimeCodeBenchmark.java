package dev.bulwark.benchmarks.verification;

import dev.bulwark.verification.CodeVerification;
import dev.bulwark.verification.IssuedCode;
import dev.bulwark.verification.OneTimeCodes;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One-time codes with the in-memory store: a whole session ({@code issueAndVerify}: new session
 * ID and code from SecureRandom, two keyed hashes, store create, then a correct verification that
 * consumes it) and a wrong guess on a live session ({@code verifyWrongCode}: parse, one keyed
 * hash, the atomic attempt; a new session is issued every third guess, when the budget burns).
 * There is no library baseline for this: the numbers are recorded for scale.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class OneTimeCodeBenchmark {
  static final String PHONE = "+14155550123";

  OneTimeCodes codes;
  IssuedCode live;
  String wrong;
  int guesses;

  @Setup(Level.Iteration)
  public void setUp() {
    codes =
        OneTimeCodes.builder()
            .pepper("benchmark-pepper-benchmark-pepper!".getBytes(StandardCharsets.US_ASCII))
            .build();
    renew();
  }

  private void renew() {
    live = codes.issue("login", PHONE);
    char[] c = live.code().reveal().toCharArray();
    c[0] = (char) ('0' + (c[0] - '0' + 1) % 10);
    wrong = new String(c);
    guesses = 0;
  }

  @Benchmark
  public CodeVerification issueAndVerify() {
    IssuedCode issued = codes.issue("login", PHONE);
    return codes.verify(issued.sessionId(), "login", PHONE, issued.code().reveal());
  }

  @Benchmark
  public CodeVerification verifyWrongCode() {
    if (guesses == 3) {
      renew();
    }
    guesses++;
    return codes.verify(live.sessionId(), "login", PHONE, wrong);
  }
}
