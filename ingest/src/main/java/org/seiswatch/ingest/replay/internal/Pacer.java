package org.seiswatch.ingest.replay.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.ingest.replay.WallClock;

/**
 * Paces a replay at {@code speed} × real time: a record is released when the wall time since the
 * first record was released reaches (record end time − first record start time) / speed, which is
 * when a real-time source would have delivered it complete. Speed 0 releases everything at once.
 */
public final class Pacer {
  /** Longest single sleep, so that a stop request is seen promptly. */
  static final Duration MAX_SLEEP = Duration.ofMillis(200);

  private final double speed;
  private final WallClock clock;
  private final BooleanSupplier stopped;
  private Instant firstStart;
  private long startNanos;

  public Pacer(double speed, WallClock clock, BooleanSupplier stopped) {
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed " + speed + " must be a finite number >= 0");
    }
    this.speed = speed;
    this.clock = clock;
    this.stopped = stopped;
  }

  /** Blocks until {@code record} is due, or until stopped. */
  public void await(MiniSeedRecord record) throws InterruptedException {
    if (speed == 0) {
      return;
    }
    if (firstStart == null) {
      firstStart = record.startTime();
      startNanos = clock.nanoTime();
    }
    long dataNanos = Duration.between(firstStart, record.nextStartTime()).toNanos();
    long due = startNanos + (long) (dataNanos / speed);
    for (long wait = due - clock.nanoTime();
        wait > 0 && !stopped.getAsBoolean();
        wait = due - clock.nanoTime()) {
      clock.sleep(Duration.ofNanos(Math.min(wait, MAX_SLEEP.toNanos())));
    }
  }
}
