package org.seiswatch.ingest.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A wall clock that only moves when slept on, so paced replays run instantly in tests. */
public final class FakeWallClock implements WallClock {
  public static final Instant EPOCH = Instant.parse("2030-01-01T00:00:00Z");

  private final List<Duration> sleeps = new ArrayList<>();
  private long nanos;

  @Override
  public Instant now() {
    return EPOCH.plusNanos(nanos);
  }

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    nanos += duration.toNanos();
  }

  public void advance(Duration duration) {
    nanos += duration.toNanos();
  }

  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
