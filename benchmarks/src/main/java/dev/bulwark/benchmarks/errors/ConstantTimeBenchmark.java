package dev.bulwark.benchmarks.errors;

import dev.bulwark.errors.ConstantTime;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ConstantTime#equals(byte[], byte[])} (two HMAC-SHA256 tags, then a 32-byte comparison)
 * against the baseline {@link MessageDigest#isEqual}, which is constant-time only for inputs of
 * equal length, on equal inputs of {@code size} bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ConstantTimeBenchmark {
  @Param({"32", "1024"})
  public int size;

  private byte[] a;
  private byte[] b;

  @Setup
  public void setUp() {
    a = new byte[size];
    new SplittableRandom(1).nextBytes(a);
    b = a.clone();
  }

  @Benchmark
  public boolean constantTimeEquals() {
    return ConstantTime.equals(a, b);
  }

  @Benchmark
  public boolean baselineMessageDigestIsEqual() {
    return MessageDigest.isEqual(a, b);
  }
}
