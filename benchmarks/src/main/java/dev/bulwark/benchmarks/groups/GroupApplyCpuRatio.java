package dev.bulwark.benchmarks.groups;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A cross-check of {@link GroupChangeBenchmark} for a loaded machine: the same operations on the
 * same state, run in alternating batches in one thread and measured in that thread's CPU time, so
 * that time the thread spends waiting for a core does not count, and load that changes during the
 * run hits every operation alike. Prints the median CPU time per operation of each operation over
 * the rounds and the throughput ratio of applying a change to a bare verification and to verify +
 * sign. Not a replacement for JMH (no forks, no blackhole; results are consumed by a checksum).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.bulwark.benchmarks.groups.GroupApplyCpuRatio [rounds [batch]]} (default 40 rounds of 400).
 */
public final class GroupApplyCpuRatio {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static long checksum;

  private GroupApplyCpuRatio() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    int warmup = Math.max(5, rounds / 4);
    for (int members : new int[] {10, 1000}) {
      GroupChangeBenchmark b = new GroupChangeBenchmark();
      b.members = members;
      b.signChanges();
      double[] apply = new double[rounds];
      double[] verify = new double[rounds];
      double[] verifySign = new double[rounds];
      for (int r = -warmup; r < rounds; r++) {
        b.freshStore();
        double a = perOp(batch, b::applyChange);
        double v = perOp(batch, b::bouncyCastleVerifyLowLevel);
        double vs = perOp(batch, b::bouncyCastleVerifyThenSign);
        if (r >= 0) {
          apply[r] = a;
          verify[r] = v;
          verifySign[r] = vs;
        }
      }
      double ma = median(apply);
      double mv = median(verify);
      double mvs = median(verifySign);
      System.out.printf(
          Locale.ROOT,
          "members=%d rounds=%d batch=%d  CPU us/op (median): applyChange %.1f, BC verify %.1f,"
              + " BC verify+sign %.1f  ->  apply vs verify %.2fx, apply vs verify+sign %.2fx%n",
          members,
          rounds,
          batch,
          ma,
          mv,
          mvs,
          mv / ma,
          mvs / ma);
    }
    System.out.println("checksum " + checksum);
  }

  private static double perOp(int n, Supplier<?> op) {
    long start = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      checksum += op.get().hashCode();
    }
    return (THREADS.getCurrentThreadCpuTime() - start) / 1_000.0 / n;
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
