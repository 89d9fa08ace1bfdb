package org.seiswatch.alerts.webhook;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How webhooks are delivered (from {@code AlertsConfig}, keys {@code webhook.*}).
 *
 * @param connectTimeout to open a connection to the receiver
 * @param requestTimeout from sending a request to its response headers
 * @param initialBackoff wait after the first failed attempt
 * @param maxBackoff the longest wait between two attempts
 * @param retryFor how long after its first attempt an alert is still retried; then it is given up
 * @param deliveriesRetained attempts kept in memory per subscription for the delivery log
 * @param dedupLookback records per partition re-read (not re-delivered) at assignment to learn
 *     which versions were already handled, so a duplicate alert is not delivered twice
 */
public record WebhookSettings(
    Duration connectTimeout,
    Duration requestTimeout,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration retryFor,
    int deliveriesRetained,
    int dedupLookback) {
  public WebhookSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(retryFor, "retryFor");
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff " + initialBackoff + " must be > 0");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " < initialBackoff " + initialBackoff);
    }
    if (deliveriesRetained < 1 || dedupLookback < 0) {
      throw new IllegalArgumentException(
          "deliveriesRetained " + deliveriesRetained + ", dedupLookback " + dedupLookback);
    }
  }

  /**
   * The wait after the {@code failures}-th failed attempt of one alert: {@code initialBackoff}
   * doubled per earlier failure, capped at {@code maxBackoff}, then "equal jitter": drawn uniformly
   * from its upper half, so receivers coming back are not hit by every sender at once while the
   * wait still grows.
   *
   * @param random uniform in [0, 1)
   */
  public Duration backoff(int failures, DoubleSupplier random) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures " + failures + " < 1");
    }
    long cap = maxBackoff.toMillis();
    long base = initialBackoff.toMillis();
    long full = base;
    for (int i = 1; i < failures && full < cap; i++) {
      full *= 2;
    }
    full = Math.min(cap, full);
    long half = full / 2;
    return Duration.ofMillis(full - half + (long) (random.getAsDouble() * half));
  }
}
