package dev.bulwark.verification.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs one task per thread, all released at the same instant, and collects their answers. */
public final class ContractRace {
  private ContractRace() {}

  /** Runs {@code tasks.apply(i)} on thread {@code i} of {@code threads}; rethrows a failure. */
  public static <T> List<T> run(int threads, IntFunction<Callable<T>> tasks) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<T> task = tasks.apply(t);
        futures.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return task.call();
                }));
      }
      List<T> answers = new ArrayList<>();
      for (Future<T> f : futures) {
        answers.add(f.get(30, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
