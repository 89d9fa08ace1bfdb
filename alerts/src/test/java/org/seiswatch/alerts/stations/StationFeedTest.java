package org.seiswatch.alerts.stations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.topic.Topics;

class StationFeedTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
  private static final TopicPartition STATIONS = new TopicPartition(Topics.STATIONS.name(), 0);
  private static final TopicPartition HEALTH = new TopicPartition(Topics.HEALTH.name(), 0);

  private final List<Map<TopicPartition, Long>> timeQueries = new ArrayList<>();

  /** MockConsumer does not implement offsetsForTimes: health starts at offset 0 here. */
  private final MockConsumer<String, byte[]> consumer =
      new MockConsumer<>("earliest") {
        @Override
        public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
            Map<TopicPartition, Long> query) {
          timeQueries.add(Map.copyOf(query));
          Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
          query.forEach((p, t) -> found.put(p, new OffsetAndTimestamp(0, t)));
          return found;
        }
      };

  private final StationDirectory directory =
      new StationDirectory(Duration.ofSeconds(30), Duration.ofSeconds(60));
  private final StationFeed feed =
      new StationFeed(
          consumer, directory, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(15));

  private static PartitionInfo partition(String topic) {
    return new PartitionInfo(topic, 0, new Node(0, "localhost", 9092), new Node[0], new Node[0]);
  }

  @Test
  void shouldFillTheDirectoryAndSkipBadRecordsWhenReadingBothTopics() {
    consumer.updatePartitions(Topics.STATIONS.name(), List.of(partition(Topics.STATIONS.name())));
    consumer.updatePartitions(Topics.HEALTH.name(), List.of(partition(Topics.HEALTH.name())));
    consumer.updateBeginningOffsets(Map.of(STATIONS, 0L, HEALTH, 0L));
    consumer.updateEndOffsets(Map.of(STATIONS, 3L, HEALTH, 2L));
    Station huad = new Station("HV", "HUAD", 19.68, -155.83, 2204, List.of());
    Station ahud = new Station("HV", "AHUD", 19.37, -155.26, 1000, List.of());
    StationHealth health =
        new StationHealth(
            "HV.HUAD", NOW, NOW.minusSeconds(2), NOW.minusSeconds(3), 1.0, 0, 9, "ok");
    consumer.schedulePollTask(
        () -> {
          consumer.addRecord(
              new ConsumerRecord<>(
                  STATIONS.topic(),
                  0,
                  0,
                  "HV.HUAD",
                  Topics.STATIONS.valueSerde().serializer().serialize("t", huad)));
          consumer.addRecord(
              new ConsumerRecord<>(
                  STATIONS.topic(),
                  0,
                  1,
                  "HV.AHUD",
                  Topics.STATIONS.valueSerde().serializer().serialize("t", ahud)));
          consumer.addRecord(new ConsumerRecord<>(STATIONS.topic(), 0, 2, "HV.AHUD", null));
          consumer.addRecord(
              new ConsumerRecord<>(
                  HEALTH.topic(), 0, 0, "HV.HUAD", "garbage".getBytes(StandardCharsets.UTF_8)));
          consumer.addRecord(
              new ConsumerRecord<>(
                  HEALTH.topic(),
                  0,
                  1,
                  "HV.HUAD",
                  Topics.HEALTH.valueSerde().serializer().serialize("t", health)));
        });
    consumer.schedulePollTask(feed::shutdown);

    feed.run();

    assertEquals(Set.of(STATIONS, HEALTH), consumer.assignment());
    assertThat(consumer.subscription()).isEmpty();
    List<StationStatus> all = directory.snapshot(NOW);
    assertEquals(List.of("HV.HUAD"), all.stream().map(StationStatus::code).toList());
    assertEquals(StationState.OK, all.get(0).state());
    assertEquals(9L, all.get(0).packets());
    assertThat(feed.alive()).isFalse();
    assertEquals(
        List.of(Map.of(HEALTH, NOW.minus(Duration.ofMinutes(15)).toEpochMilli())), timeQueries);
  }
}
