package org.seiswatch.alerts.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seiswatch.alerts.Detections.ORIGIN;
import static org.seiswatch.alerts.Detections.bytes;
import static org.seiswatch.alerts.Detections.version;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Alert;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.DeadLetterOrigin;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.topic.Topics;

class EventConsumerLoopTest {
  private static final Instant NOW = Instant.parse("2019-04-14T03:09:30Z");
  private static final TopicPartition EVENTS_0 = new TopicPartition(Topics.EVENTS.name(), 0);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final List<Detection> seen = new CopyOnWriteArrayList<>();
  private final List<Consumer<Detection>> listeners =
      new CopyOnWriteArrayList<>(List.of(seen::add));
  private final EventRecordHandler handler =
      new EventRecordHandler(producer, Clock.fixed(NOW, ZoneOffset.UTC), listeners);
  private final EventConsumerLoop loop = new EventConsumerLoop(consumer, handler);

  private static ConsumerRecord<String, byte[]> record(long offset, String key, byte[] value) {
    return new ConsumerRecord<>(Topics.EVENTS.name(), 0, offset, key, value);
  }

  /** Runs the loop on this thread: one poll delivers the records, the next one stops it. */
  private long runOver(List<ConsumerRecord<String, byte[]>> records) {
    AtomicLong committed = new AtomicLong(-1);
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(EVENTS_0));
          consumer.updateBeginningOffsets(Map.of(EVENTS_0, 0L));
          records.forEach(consumer::addRecord);
        });
    consumer.schedulePollTask(
        () -> {
          OffsetAndMetadata offset = consumer.committed(Set.of(EVENTS_0)).get(EVENTS_0);
          committed.set(offset == null ? -1 : offset.offset());
          loop.shutdown();
        });
    loop.run();
    return committed.get();
  }

  private List<ProducerRecord<String, byte[]>> sentTo(String topic) {
    return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  @Test
  void shouldNameTheKafkaSubscriptionsThatWantAVersionInItsAlert() {
    EventRecordHandler naming =
        new EventRecordHandler(
            producer,
            Clock.fixed(NOW, ZoneOffset.UTC),
            listeners,
            d -> d.version() >= 2 ? List.of("big-ones") : List.of());
    Detection v1 = version("sw1", 1, ORIGIN, 4);
    Detection v2 = version("sw1", 2, ORIGIN, 6);

    naming.handle(record(0, "sw1", bytes(v1)));
    naming.handle(record(1, "sw1", bytes(v2)));

    List<Alert> alerts =
        sentTo(Topics.ALERTS.name()).stream()
            .map(r -> Topics.ALERTS.valueSerde().deserializer().deserialize(r.topic(), r.value()))
            .toList();
    assertEquals(
        List.of(List.of(), List.of("big-ones")),
        alerts.stream().map(Alert::subscriptions).toList());
  }

  @Test
  void shouldAlertGoodRecordsAndDeadLetterCorruptOneWhenCorruptRecordBetweenGoodOnes() {
    Detection v1 = version("sw1", 1, ORIGIN, 4);
    Detection v2 = version("sw1", 2, ORIGIN, 6);
    byte[] corrupt = "{\"ID\":\"sw1\",\"Version\":".getBytes(StandardCharsets.UTF_8);

    long committed =
        runOver(
            List.of(
                record(0, "sw1", bytes(v1)),
                record(1, "sw1", corrupt),
                record(2, "sw1", bytes(v2))));

    List<ProducerRecord<String, byte[]>> alerts = sentTo(Topics.ALERTS.name());
    assertEquals(2, alerts.size());
    assertEquals(List.of("sw1", "sw1"), alerts.stream().map(ProducerRecord::key).toList());
    assertEquals(
        List.of(Alert.of(v1, NOW), Alert.of(v2, NOW)),
        alerts.stream()
            .map(r -> Topics.ALERTS.valueSerde().deserializer().deserialize(r.topic(), r.value()))
            .toList());

    List<ProducerRecord<String, byte[]>> dead = sentTo(Topics.DEADLETTER.name());
    assertEquals(1, dead.size());
    DeadLetter letter =
        Topics.DEADLETTER
            .valueSerde()
            .deserializer()
            .deserialize(dead.get(0).topic(), dead.get(0).value());
    assertEquals("alerts", letter.stage());
    assertEquals(DeadLetterOrigin.ofTopic(Topics.EVENTS.name(), 0, 1), letter.origin());
    assertThat(letter.reason()).contains("not a valid Detection");
    assertThat(letter.payload()).isEqualTo(corrupt);
    assertEquals(NOW, letter.recordedAt());
    assertEquals("sw1", dead.get(0).key());

    assertEquals(List.of(v1, v2), seen);
    assertEquals(3, handler.consumed());
    assertEquals(1, handler.deadLettered());
    assertEquals(3, committed);
    assertThat(producer.flushed()).isTrue();
  }

  @Test
  void shouldDeadLetterWhenValueIsTombstone() {
    runOver(List.of(record(0, "sw1", null)));

    assertThat(sentTo(Topics.ALERTS.name())).isEmpty();
    List<ProducerRecord<String, byte[]>> dead = sentTo(Topics.DEADLETTER.name());
    assertEquals(1, dead.size());
    DeadLetter letter =
        Topics.DEADLETTER
            .valueSerde()
            .deserializer()
            .deserialize(dead.get(0).topic(), dead.get(0).value());
    assertThat(letter.reason()).contains("tombstone");
  }

  @Test
  void shouldKeepConsumingWhenListenerThrows() {
    listeners.add(
        d -> {
          throw new IllegalStateException("listener bug");
        });
    Detection v1 = version("sw1", 1, ORIGIN, 4);
    Detection other = version("sw2", 1, ORIGIN.plusSeconds(60), 5);

    runOver(List.of(record(0, "sw1", bytes(v1)), record(1, "sw2", bytes(other))));

    assertEquals(List.of(v1, other), seen);
    assertEquals(2, sentTo(Topics.ALERTS.name()).size());
    assertThat(sentTo(Topics.DEADLETTER.name())).isEmpty();
  }

  @Test
  void shouldCloseConsumerAndReportNotAliveWhenStopped() {
    assertThat(loop.alive()).isTrue();

    runOver(List.of());

    assertThat(loop.alive()).isFalse();
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void shouldReportNotAliveWhenPollFails() {
    consumer.setPollException(new KafkaException("broker gone"));

    loop.run();

    assertThat(loop.alive()).isFalse();
    assertThat(consumer.closed()).isTrue();
  }
}
