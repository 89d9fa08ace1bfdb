package org.seiswatch.alerts.webhook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every webhook attempt: logged (INFO when delivered, WARN otherwise, logger {@code
 * org.seiswatch.alerts.webhook.DeliveryLog}), counted, and the most recent ones per subscription
 * kept in memory for {@code GET /api/subscriptions/{id}/deliveries}. Thread-safe: deliverers add,
 * HTTP threads read.
 */
public final class DeliveryLog {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);

  private final int retained;
  private final Map<String, Deque<DeliveryAttempt>> recent = new HashMap<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /**
   * @param retained attempts kept per subscription; older ones are dropped
   */
  public DeliveryLog(int retained) {
    if (retained < 1) {
      throw new IllegalArgumentException("retained " + retained + " < 1");
    }
    this.retained = retained;
  }

  public void record(DeliveryAttempt a) {
    switch (a.outcome()) {
      case DELIVERED -> delivered.incrementAndGet();
      case RETRY -> retried.incrementAndGet();
      case GAVE_UP -> failed.incrementAndGet();
    }
    String result = a.status() != null ? "HTTP " + a.status() : a.error();
    if (a.outcome() == DeliveryAttempt.Outcome.DELIVERED) {
      LOG.info(
          "WEBHOOK {} {} v{} attempt {} {}: {}",
          a.subscriptionId(),
          a.eventId(),
          a.version(),
          a.attempt(),
          a.outcome(),
          result);
    } else {
      LOG.warn(
          "WEBHOOK {} {} v{} attempt {} {}: {}",
          a.subscriptionId(),
          a.eventId(),
          a.version(),
          a.attempt(),
          a.outcome(),
          result);
    }
    synchronized (recent) {
      Deque<DeliveryAttempt> attempts =
          recent.computeIfAbsent(a.subscriptionId(), id -> new ArrayDeque<>());
      attempts.addLast(a);
      while (attempts.size() > retained) {
        attempts.removeFirst();
      }
    }
  }

  /** The recent attempts of one subscription, newest first; empty if none. */
  public List<DeliveryAttempt> recent(String subscriptionId) {
    List<DeliveryAttempt> copy;
    synchronized (recent) {
      Deque<DeliveryAttempt> attempts = recent.get(subscriptionId);
      copy = attempts == null ? new ArrayList<>() : new ArrayList<>(attempts);
    }
    Collections.reverse(copy);
    return copy;
  }

  /** Drops the attempts of a deleted subscription. */
  public void forget(String subscriptionId) {
    synchronized (recent) {
      recent.remove(subscriptionId);
    }
  }

  /** Alerts delivered (2xx), all subscriptions. */
  public long delivered() {
    return delivered.get();
  }

  /** Failed attempts that are retried later. */
  public long retried() {
    return retried.get();
  }

  /** Alerts given up (retry time over) and dead-lettered. */
  public long failed() {
    return failed.get();
  }
}
