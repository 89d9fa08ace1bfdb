package org.seiswatch.deploy.cli;

import java.util.concurrent.CountDownLatch;

/** Blocks a long-running command until Ctrl-C (SIGINT/SIGTERM), after which its shutdown runs. */
final class Shutdown {
  private Shutdown() {}

  /**
   * Registers {@code onShutdown} as a JVM shutdown hook and waits until the JVM is told to stop.
   */
  static void awaitSignal(Runnable onShutdown) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopped.countDown();
                  try {
                    onShutdown.run();
                  } finally {
                    done.countDown();
                  }
                },
                "seiswatch-shutdown"));
    stopped.await();
    done.await();
  }
}
