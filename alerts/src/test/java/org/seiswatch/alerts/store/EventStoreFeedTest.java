package org.seiswatch.alerts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seiswatch.alerts.Detections.ORIGIN;
import static org.seiswatch.alerts.Detections.bytes;
import static org.seiswatch.alerts.Detections.version;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.topic.Topics;

class EventStoreFeedTest {
  private static final String TOPIC = Topics.EVENTS.name();
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final EventStore store = new EventStore(100);
  private final List<Detection> live = new CopyOnWriteArrayList<>();
  private final EventStoreFeed feed =
      new EventStoreFeed(consumer, store, new CopyOnWriteArrayList<>(List.of(live::add)));

  private final Detection a1 = version("sw-a", 1, ORIGIN, 4);
  private final Detection a2 = version("sw-a", 2, ORIGIN, 6);
  private final Detection b1 = version("sw-b", 1, ORIGIN.plusSeconds(60), 4);
  private final Detection a3 = version("sw-a", 3, ORIGIN, 7);

  private static ConsumerRecord<String, byte[]> record(int partition, long offset, byte[] value) {
    return new ConsumerRecord<>(TOPIC, partition, offset, "k", value);
  }

  /** Two partitions with history: p0 holds a1, garbage, a2; p1 holds b1. */
  private void givenHistory() {
    Node node = new Node(0, "localhost", 9092);
    Node[] none = new Node[0];
    consumer.updatePartitions(
        TOPIC,
        List.of(
            new PartitionInfo(TOPIC, 0, node, none, none),
            new PartitionInfo(TOPIC, 1, node, none, none)));
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.updateEndOffsets(Map.of(P0, 3L, P1, 1L));
    consumer.schedulePollTask(
        () -> {
          consumer.addRecord(record(0, 0, bytes(a1)));
          consumer.addRecord(record(0, 1, "garbage".getBytes(StandardCharsets.UTF_8)));
          consumer.addRecord(record(0, 2, bytes(a2)));
          consumer.addRecord(record(1, 0, bytes(b1)));
        });
  }

  @Test
  void shouldStoreEveryPartitionFromTheBeginningWithoutGroupWhenStarted() {
    givenHistory();
    consumer.schedulePollTask(feed::shutdown);

    feed.run();

    assertEquals(Set.of(P0, P1), consumer.assignment());
    assertThat(consumer.subscription()).isEmpty();
    assertEquals(List.of(a1, a2), store.versions("sw-a"));
    assertEquals(List.of(b1), store.versions("sw-b"));
    assertEquals(3, feed.stored());
    assertEquals(1, feed.skipped());
    assertThat(feed.caughtUp()).isTrue();
  }

  @Test
  void shouldPassOnlyRecordsPastStartEndOffsetsToLiveListenersWhenHistoryIsRead() {
    givenHistory();
    consumer.schedulePollTask(() -> consumer.addRecord(record(0, 3, bytes(a3))));
    consumer.schedulePollTask(feed::shutdown);

    feed.run();

    assertEquals(List.of(a3), live);
    assertEquals(List.of(a1, a2, a3), store.versions("sw-a"));
  }

  @Test
  void shouldCloseConsumerAndReportDeadWhenShutDown() {
    givenHistory();
    consumer.schedulePollTask(feed::shutdown);

    feed.run();

    assertThat(consumer.closed()).isTrue();
    assertThat(feed.alive()).isFalse();
  }

  @Test
  void shouldRetryWhenTopicMetadataIsNotAvailableYet() {
    AtomicInteger asked = new AtomicInteger();
    MockConsumer<String, byte[]> slow =
        new MockConsumer<>("earliest") {
          @Override
          public synchronized List<PartitionInfo> partitionsFor(String topic) {
            if (asked.incrementAndGet() == 1) {
              throw new TimeoutException("no broker yet");
            }
            return super.partitionsFor(topic);
          }
        };
    slow.updatePartitions(
        TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, new Node[0], new Node[0])));
    slow.updateBeginningOffsets(Map.of(P0, 0L));
    slow.updateEndOffsets(Map.of(P0, 1L));
    EventStoreFeed retrying = new EventStoreFeed(slow, store, List.of());
    slow.schedulePollTask(() -> slow.addRecord(record(0, 0, bytes(a1))));
    slow.schedulePollTask(retrying::shutdown);

    retrying.run();

    assertEquals(2, asked.get());
    assertEquals(List.of(a1), store.versions("sw-a"));
  }
}
