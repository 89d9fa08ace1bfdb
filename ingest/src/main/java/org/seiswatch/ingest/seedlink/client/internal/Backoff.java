package org.seiswatch.ingest.seedlink.client.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter: attempt {@code n} waits a random time between half and
 * all of {@code min(max, initial * 2^n)} ("equal jitter"), so clients cut off together do not come
 * back together.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;
  private int attempt;

  public Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  public Duration next() {
    long cap = max.toMillis();
    long base = initial.toMillis() << Math.min(attempt, 30);
    long ceiling = base <= 0 || base > cap ? cap : base;
    attempt++;
    return Duration.ofMillis(ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2)));
  }

  public void reset() {
    attempt = 0;
  }
}
