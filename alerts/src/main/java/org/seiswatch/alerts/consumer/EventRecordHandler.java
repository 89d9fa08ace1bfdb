package org.seiswatch.alerts.consumer;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.seiswatch.common.model.Alert;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.DeadLetterOrigin;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one {@code seis.events} record: deserializes it, publishes its {@link Alert} on {@code
 * seis.alerts} keyed by event id, logs the {@link EventLogLine} and calls the listeners. (The event
 * store is filled by its own group-less consumer, {@code alerts.store.EventStoreFeed}, because this
 * one sees only its group's share of the partitions.) A record that cannot be used goes to {@code
 * seis.deadletter} with the reason and its topic, partition and offset (like Kafka's {@code
 * LogAndContinueExceptionHandler}), and consumption goes on.
 */
public final class EventRecordHandler {
  /** The {@code stage} of this service's dead letters. */
  public static final String STAGE = "alerts";

  private static final Logger LOG = LoggerFactory.getLogger(EventRecordHandler.class);

  private final Producer<String, byte[]> producer;
  private final Clock clock;
  private final List<Consumer<Detection>> listeners;
  private final Function<Detection, List<String>> subscribersOf;
  private final AtomicLong consumed = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong failedSends = new AtomicLong();
  private final AtomicLong published = new AtomicLong();

  /**
   * @param listeners read on every record, so a concurrent list lets callers add listeners while
   *     the service runs
   */
  public EventRecordHandler(
      Producer<String, byte[]> producer, Clock clock, List<Consumer<Detection>> listeners) {
    this(producer, clock, listeners, d -> List.of());
  }

  /**
   * @param subscribersOf ids of the {@code kafka} subscriptions whose policy accepts a version,
   *     written into its alert
   */
  public EventRecordHandler(
      Producer<String, byte[]> producer,
      Clock clock,
      List<Consumer<Detection>> listeners,
      Function<Detection, List<String>> subscribersOf) {
    this.producer = producer;
    this.clock = clock;
    this.listeners = listeners;
    this.subscribersOf = subscribersOf;
  }

  /** Handles one record; the {@link #consumed()} count moves only once it is fully handled. */
  public void handle(ConsumerRecord<String, byte[]> record) {
    try {
      route(record);
    } finally {
      consumed.incrementAndGet();
    }
  }

  private void route(ConsumerRecord<String, byte[]> record) {
    Detection detection;
    try {
      detection =
          Topics.EVENTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      deadLetter(record, e.getMessage());
      return;
    }
    if (detection == null) {
      deadLetter(record, "null value (tombstone); events are withdrawn with DetectionType Retract");
      return;
    }
    try {
      accept(detection);
    } catch (KafkaException e) {
      // The producer itself is failing: not this record's fault, let the loop report it.
      throw e;
    } catch (RuntimeException e) {
      LOG.error("cannot process event {} v{}", detection.id(), detection.version(), e);
      deadLetter(
          record, "cannot process " + detection.id() + " v" + detection.version() + ": " + e);
    }
  }

  private void accept(Detection detection) {
    send(
        Topics.ALERTS.name(),
        detection.id(),
        Topics.ALERTS
            .valueSerde()
            .serializer()
            .serialize(
                Topics.ALERTS.name(),
                Alert.of(detection, clock.instant(), subscribersOf.apply(detection))));
    LOG.info(EventLogLine.format(detection));
    for (Consumer<Detection> listener : listeners) {
      try {
        listener.accept(detection);
      } catch (RuntimeException e) {
        LOG.warn(
            "event listener {} failed on {} v{}", listener, detection.id(), detection.version(), e);
      }
    }
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    deadLettered.incrementAndGet();
    LOG.warn(
        "dead-lettering {}-{}@{} (key {}): {}",
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        reason);
    DeadLetter letter =
        new DeadLetter(
            STAGE,
            reason,
            DeadLetterOrigin.ofTopic(record.topic(), record.partition(), record.offset()),
            record.value(),
            clock.instant());
    send(
        Topics.DEADLETTER.name(),
        record.key(),
        Topics.DEADLETTER.valueSerde().serializer().serialize(Topics.DEADLETTER.name(), letter));
  }

  private void send(String topic, String key, byte[] value) {
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (metadata, exception) -> {
          if (exception != null) {
            failedSends.incrementAndGet();
            LOG.error("cannot write {} record with key {}", topic, key, exception);
          } else if (topic.equals(Topics.ALERTS.name())) {
            published.incrementAndGet();
          }
        });
  }

  /** Blocks until every record sent so far is acknowledged (or failed), before offsets commit. */
  public void flush() {
    producer.flush();
  }

  /** {@code seis.events} records fully handled, good or dead-lettered. */
  public long consumed() {
    return consumed.get();
  }

  /** Alerts the broker acknowledged on {@code seis.alerts}. */
  public long published() {
    return published.get();
  }

  /** Records sent to {@code seis.deadletter}. */
  public long deadLettered() {
    return deadLettered.get();
  }

  /** Alerts or dead letters the broker did not accept (logged at ERROR). */
  public long failedSends() {
    return failedSends.get();
  }
}
