package org.seiswatch.ingest.replay.internal;

import java.time.Duration;
import org.seiswatch.ingest.replay.WallClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a progress line at most once per interval of wall time, so long replays show life. */
public final class ProgressLog {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

  private final WallClock clock;
  private final long intervalNanos;
  private final long startNanos;
  private long lastNanos;
  private long lastRecords;

  public ProgressLog(WallClock clock, Duration interval) {
    this.clock = clock;
    this.intervalNanos = interval.toNanos();
    this.startNanos = clock.nanoTime();
    this.lastNanos = startNanos;
  }

  /** Logs if an interval has passed since the last line; returns whether it logged. */
  public boolean maybeLog(ReplayStats stats) {
    long now = clock.nanoTime();
    if (now - lastNanos < intervalNanos) {
      return false;
    }
    double rate = (stats.records() - lastRecords) * 1e9 / (now - lastNanos);
    LOG.info(
        "replay: {} records ({} records/s), {} dead letters, data time {}, {} s elapsed",
        stats.records(),
        Math.round(rate),
        stats.deadLetters(),
        stats.dataTime(),
        (now - startNanos) / 1_000_000_000L);
    lastNanos = now;
    lastRecords = stats.records();
    return true;
  }

  public Duration elapsed() {
    return Duration.ofNanos(clock.nanoTime() - startNanos);
  }
}
