package org.seiswatch.ingest.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * Wall-clock time for pacing, progress and dead-letter timestamps; a seam so that tests can run a
 * paced replay on a fake clock instead of sleeping.
 */
public interface WallClock {
  /** The current time, for {@code recordedAt} of dead letters. */
  Instant now();

  /** A monotonic time in nanoseconds, for intervals. */
  long nanoTime();

  /** Blocks for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** The JVM's clock. */
  static WallClock system() {
    return new WallClock() {
      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
      }
    };
  }
}
