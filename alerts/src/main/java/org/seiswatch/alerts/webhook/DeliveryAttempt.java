package org.seiswatch.alerts.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One POST of one alert to one subscriber, as the delivery log keeps it and {@code GET
 * /api/subscriptions/{id}/deliveries} shows it.
 *
 * @param attempt 1 for the first POST of this alert, +1 per retry (counted since the deliverer
 *     started: a restart counts afresh)
 * @param status the HTTP status, or null if there was none
 * @param error why there was no status (timeout, connection refused), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryAttempt(
    String subscriptionId,
    String eventId,
    int version,
    int attempt,
    Instant time,
    Integer status,
    String error,
    Outcome outcome) {
  public DeliveryAttempt {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** What came of an attempt. */
  public enum Outcome {
    /** 2xx: done. */
    DELIVERED,
    /** Failed; will be tried again after a backoff. */
    RETRY,
    /** Failed, and the retry time is up: dead-lettered, not tried again. */
    GAVE_UP;

    /** {@code delivered}, {@code retry}, {@code gave_up}: in logs and JSON. */
    @JsonValue
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
