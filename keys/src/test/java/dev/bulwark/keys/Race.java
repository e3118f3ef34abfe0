package dev.bulwark.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Starts {@code threads} copies of a bounded task at once and waits for all of them. */
final class Race {
  private Race() {}

  /** A task that a race runs once per thread. */
  @FunctionalInterface
  interface Task {
    void run() throws Exception;
  }

  static void run(int threads, Task task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<Void> racer =
            () -> {
              start.await();
              task.run();
              return null;
            };
        futures.add(pool.submit(racer));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
