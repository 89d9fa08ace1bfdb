package org.seiswatch.alerts.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.seiswatch.alerts.subscription.Subscription;
import org.seiswatch.common.model.Alert;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.DeadLetterOrigin;
import org.seiswatch.common.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to one webhook subscription every alert on {@code seis.alerts} that its policy accepts
 * ({@code alerts/README.md} "Webhooks"), on its own thread with its own consumer group ({@code
 * seiswatch-webhook-<subscription id>}, from the earliest offset for a new group).
 *
 * <p><b>Order.</b> {@code seis.alerts} is keyed by event id, so all versions of an event are in one
 * partition, in order. Each partition is a queue worked head first: the head is retried until it is
 * delivered or given up, and the partition is paused meanwhile, so no later record of that
 * partition (no later version of that event) goes out before it. Other partitions go on. An alert
 * whose version is not above the highest version already handled for its event (a duplicate or
 * stale alert, e.g. re-published by an alerts service that restarted) is skipped.
 *
 * <p><b>Restarts.</b> The offset after a record is committed (synchronously) as soon as the record
 * is delivered or given up; skipped records are committed after each poll. A restart resumes at the
 * committed offset, so nothing is lost. At assignment the last {@code dedupLookback} records before
 * the committed offset are re-read, without delivering them, to learn which versions were handled,
 * so duplicates on the topic stay suppressed across restarts. A graceful stop finishes the attempt
 * in flight and commits before closing. What remains is the at-least-once window, one alert: a 2xx
 * received but the commit not done (a crash in between, or a commit refused in a rebalance, after
 * which nothing more is sent until the next poll) sends that alert again, with the same {@code
 * Idempotency-Key}.
 *
 * <p>Attempts are synchronous on this thread, so a slow receiver delays the other partitions of the
 * same subscription by up to the request timeout per attempt; other subscriptions are unaffected.
 */
public final class WebhookDeliverer implements Runnable {
  /** The {@code stage} of dead letters from webhook delivery. */
  public static final String STAGE = "webhook";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);
  private static final Duration MAX_POLL = Duration.ofMillis(200);
  private static final long STEP_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(10);
  private static final int HANDLED_REMEMBERED = 100_000;
  private static final String CONTENT_TYPE = "application/json";

  private final Subscription subscription;
  private final Consumer<String, byte[]> consumer;
  private final WebhookSender sender;
  private final Producer<String, byte[]> deadLetters;
  private final DeliveryLog log;
  private final WebhookSettings settings;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Map<TopicPartition, Deque<Pending>> partitions = new HashMap<>();
  private final Map<TopicPartition, Long> replayEnds = new HashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
  private final HandledVersions handled = new HandledVersions(HANDLED_REMEMBERED);
  private volatile boolean closing;
  private volatile boolean alive = true;
  // Set when a commit failed: nothing more is sent until the next poll settles the assignment.
  private boolean commitFailed;

  /**
   * @param consumer a fresh consumer in the subscription's group; this deliverer owns and closes it
   * @param deadLetters where given-up alerts go ({@code seis.deadletter}); not closed here
   * @param random uniform in [0, 1), for the backoff jitter
   */
  public WebhookDeliverer(
      Subscription subscription,
      Consumer<String, byte[]> consumer,
      WebhookSender sender,
      Producer<String, byte[]> deadLetters,
      DeliveryLog log,
      WebhookSettings settings,
      Clock clock,
      DoubleSupplier random) {
    this.subscription = subscription;
    this.consumer = consumer;
    this.sender = sender;
    this.deadLetters = deadLetters;
    this.log = log;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public void run() {
    try {
      subscribe();
      while (!closing) {
        step();
      }
    } catch (KafkaException e) {
      LOG.error("webhook deliverer of subscription {} failed; stopping", subscription.id(), e);
    } finally {
      alive = false;
      commit();
      close();
    }
  }

  /** Subscribes to {@code seis.alerts}; {@link #run()} does it first. */
  void subscribe() {
    consumer.subscribe(List.of(Topics.ALERTS.name()), new Rebalance());
  }

  /**
   * One poll and whatever is due: records queued per partition, heads attempted, offsets committed.
   * Polls without waiting while an attempt is due, else up to the next due retry (at most 200 ms).
   */
  void step() {
    ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout());
    for (ConsumerRecord<String, byte[]> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      partitions.computeIfAbsent(tp, p -> new ArrayDeque<>()).addLast(new Pending(record));
    }
    long deadline = System.nanoTime() + STEP_BUDGET_NANOS;
    commitFailed = false;
    for (Map.Entry<TopicPartition, Deque<Pending>> e : partitions.entrySet()) {
      if (closing || commitFailed) {
        break;
      }
      drain(e.getKey(), e.getValue(), deadline);
    }
    pauseBusyPartitions();
    commit();
  }

  private Duration pollTimeout() {
    Instant now = clock.instant();
    Duration wait = MAX_POLL;
    for (Deque<Pending> queue : partitions.values()) {
      Pending head = queue.peekFirst();
      if (head == null) {
        continue;
      }
      if (head.next == null || !head.next.isAfter(now)) {
        return Duration.ZERO;
      }
      Duration untilDue = Duration.between(now, head.next);
      if (untilDue.compareTo(wait) < 0) {
        wait = untilDue;
      }
    }
    return wait;
  }

  /** Works the head of one partition until it is empty or the head must wait. */
  private void drain(TopicPartition tp, Deque<Pending> queue, long deadline) {
    while (!queue.isEmpty() && !closing && !commitFailed) {
      Pending head = queue.peekFirst();
      long offset = head.record.offset();
      if (offset < replayEnds.getOrDefault(tp, -1L)) {
        Alert replayed = read(head.record);
        if (replayed != null) {
          handled.remember(replayed);
        }
        queue.removeFirst();
        continue;
      }
      Alert alert = read(head.record);
      if (alert == null) {
        deadLetter(head, "cannot read the alert at " + tp + "@" + offset + "; skipped");
        finish(tp, queue, null, true);
        continue;
      }
      if (handled.handled(alert) || !subscription.policy().accepts(alert.detection())) {
        finish(tp, queue, alert, false);
        continue;
      }
      Instant now = clock.instant();
      if ((head.next != null && now.isBefore(head.next)) || System.nanoTime() > deadline) {
        return;
      }
      if (!attempt(head, alert, now)) {
        return;
      }
      finish(tp, queue, alert, true);
    }
  }

  /** One POST; true if the alert is done with (delivered or given up), false to retry later. */
  private boolean attempt(Pending head, Alert alert, Instant now) {
    head.attempts++;
    if (head.first == null) {
      head.first = now;
    }
    WebhookRequest request =
        WebhookRequest.signed(
            subscription.delivery().url(),
            subscription.delivery().secret(),
            subscription.id(),
            alert.eventId(),
            alert.version(),
            head.attempts,
            now.getEpochSecond(),
            CONTENT_TYPE,
            head.record.value());
    WebhookResponse response = sender.send(request);
    Instant after = clock.instant();
    if (response.delivered()) {
      record(alert, head, after, response, DeliveryAttempt.Outcome.DELIVERED);
      return true;
    }
    Instant giveUpAt = head.first.plus(settings.retryFor());
    if (!after.isBefore(giveUpAt)) {
      record(alert, head, after, response, DeliveryAttempt.Outcome.GAVE_UP);
      deadLetter(
          head,
          "webhook subscription "
              + subscription.id()
              + " ("
              + subscription.delivery().url()
              + "): gave up "
              + alert.eventId()
              + ":"
              + alert.version()
              + " after "
              + head.attempts
              + " attempts over "
              + Duration.between(head.first, after)
              + "; last: "
              + response.describe());
      return true;
    }
    Instant next = after.plus(settings.backoff(head.attempts, random));
    head.next = next.isAfter(giveUpAt) ? giveUpAt : next;
    record(alert, head, after, response, DeliveryAttempt.Outcome.RETRY);
    return false;
  }

  private void record(
      Alert alert,
      Pending head,
      Instant time,
      WebhookResponse response,
      DeliveryAttempt.Outcome outcome) {
    log.record(
        new DeliveryAttempt(
            subscription.id(),
            alert.eventId(),
            alert.version(),
            head.attempts,
            time,
            response.status(),
            response.error(),
            outcome));
  }

  /** Done with the head: remembered, its offset to commit (now if it was delivered or given up). */
  private void finish(TopicPartition tp, Deque<Pending> queue, Alert alert, boolean commitNow) {
    Pending head = queue.removeFirst();
    if (alert != null) {
      handled.remember(alert);
    }
    toCommit.put(tp, new OffsetAndMetadata(head.record.offset() + 1));
    if (commitNow) {
      commit();
    }
  }

  private static Alert read(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return null;
    }
    try {
      return Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      LOG.debug(
          "unreadable alert at {}-{}@{}", record.topic(), record.partition(), record.offset());
      return null;
    }
  }

  private void deadLetter(Pending head, String reason) {
    ConsumerRecord<String, byte[]> r = head.record;
    DeadLetter letter =
        new DeadLetter(
            STAGE,
            reason,
            DeadLetterOrigin.ofTopic(r.topic(), r.partition(), r.offset()),
            r.value(),
            clock.instant());
    byte[] value =
        Topics.DEADLETTER.valueSerde().serializer().serialize(Topics.DEADLETTER.name(), letter);
    LOG.warn("dead-lettering {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), reason);
    try {
      deadLetters
          .send(new ProducerRecord<>(Topics.DEADLETTER.name(), r.key(), value))
          .get(DEAD_LETTER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      LOG.error(
          "cannot write the dead letter for {}-{}@{}", r.topic(), r.partition(), r.offset(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Pauses partitions with queued records (their head must go first), resumes drained ones. */
  private void pauseBusyPartitions() {
    Set<TopicPartition> paused = consumer.paused();
    List<TopicPartition> pause = new ArrayList<>();
    List<TopicPartition> resume = new ArrayList<>();
    partitions.forEach(
        (tp, queue) -> {
          if (!queue.isEmpty() && !paused.contains(tp)) {
            pause.add(tp);
          } else if (queue.isEmpty() && paused.contains(tp)) {
            resume.add(tp);
          }
        });
    if (!pause.isEmpty()) {
      consumer.pause(pause);
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
  }

  private void commit() {
    if (toCommit.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(toCommit);
    toCommit.clear();
    try {
      consumer.commitSync(offsets);
    } catch (KafkaException e) {
      // The partitions moved: their new owner resumes at the last commit (the documented window).
      commitFailed = true;
      LOG.warn("webhook {}: cannot commit {}; may re-deliver", subscription.id(), offsets, e);
    }
  }

  /** Asks the loop to finish after the attempt in flight; returns at once. */
  public void shutdown() {
    closing = true;
  }

  /** True until the loop has exited. */
  public boolean alive() {
    return alive;
  }

  /** Closes the consumer of a deliverer whose thread never ran. */
  public void closeUnstarted() {
    alive = false;
    close();
  }

  private void close() {
    try {
      consumer.close();
    } catch (KafkaException e) {
      LOG.warn("error closing the webhook consumer of subscription {}", subscription.id(), e);
    }
  }

  public Subscription subscription() {
    return subscription;
  }

  /** Drops state of partitions taken away; queued records are re-read by their next owner. */
  private void forget(Collection<TopicPartition> lost) {
    for (TopicPartition tp : lost) {
      partitions.remove(tp);
      replayEnds.remove(tp);
      toCommit.remove(tp);
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      commit();
      forget(revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      forget(lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      System.err.println(
          "DEBUG assigned " + assigned + " " + consumer.committed(new HashSet<>(assigned)));
      if (assigned.isEmpty() || settings.dedupLookback() == 0) {
        return;
      }
      Set<TopicPartition> set = new HashSet<>(assigned);
      try {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(set);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(set);
        for (TopicPartition tp : set) {
          OffsetAndMetadata c = committed.get(tp);
          if (c == null) {
            continue;
          }
          long start =
              Math.max(beginnings.getOrDefault(tp, 0L), c.offset() - settings.dedupLookback());
          if (start < c.offset()) {
            consumer.seek(tp, start);
            replayEnds.put(tp, c.offset());
          }
        }
      } catch (KafkaException e) {
        // Without the look-back a duplicate alert may go out again; the receiver de-duplicates.
        LOG.warn("webhook {}: cannot re-read handled alerts of {}", subscription.id(), set, e);
      }
    }
  }

  /** A queued record and its attempts so far. */
  private static final class Pending {
    final ConsumerRecord<String, byte[]> record;
    int attempts;
    Instant first;
    Instant next;

    Pending(ConsumerRecord<String, byte[]> record) {
      this.record = record;
    }
  }
}
