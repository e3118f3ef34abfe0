package dev.bulwark.messageid;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Starts a few tasks at the same instant and waits, bounded, for all of them. */
final class Race {
  private Race() {}

  /** A task of the race; {@code thread} is its index. */
  @FunctionalInterface
  interface Task {
    void run(int thread) throws Exception;
  }

  /** Runs {@code task} on {@code threads} threads released together; rethrows the first failure. */
  static void run(int threads, Task task) throws Exception {
    runEach(threads, t -> task);
  }

  /** Runs a task per thread, chosen by index, all released together. */
  static void runEach(int threads, IntFunction<Task> tasks) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Task task = tasks.apply(t);
        Callable<Void> call =
            () -> {
              start.await(10, TimeUnit.SECONDS);
              task.run(thread);
              return null;
            };
        done.add(pool.submit(call));
      }
      for (Future<?> d : done) {
        d.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
