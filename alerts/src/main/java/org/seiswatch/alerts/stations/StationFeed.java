package org.seiswatch.alerts.stations;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the {@link StationDirectory} from {@code seis.stations} (compacted: read from the
 * beginning) and {@code seis.health} (read from {@code stations.health.lookback.ms} ago by append
 * time, not the whole day it keeps), with a consumer of its own and no consumer group, like {@code
 * EventStoreFeed}: every instance holds every station. Records that do not parse are skipped (they
 * are logged at DEBUG); a null value on {@code seis.stations} removes the station.
 */
public final class StationFeed implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(StationFeed.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration METADATA_RETRY = Duration.ofSeconds(1);

  private final Consumer<String, byte[]> consumer;
  private final StationDirectory directory;
  private final Clock clock;
  private final Duration healthLookback;
  private final CountDownLatch closingLatch = new CountDownLatch(1);
  private volatile boolean closing;
  private volatile boolean alive = true;

  public StationFeed(
      Consumer<String, byte[]> consumer,
      StationDirectory directory,
      Clock clock,
      Duration healthLookback) {
    this.consumer = consumer;
    this.directory = directory;
    this.clock = clock;
    this.healthLookback = healthLookback;
  }

  @Override
  public void run() {
    try {
      List<TopicPartition> stations = awaitPartitions(Topics.STATIONS.name());
      List<TopicPartition> health = awaitPartitions(Topics.HEALTH.name());
      if (closing) {
        return;
      }
      List<TopicPartition> all = new ArrayList<>(stations);
      all.addAll(health);
      consumer.assign(all);
      consumer.seekToBeginning(stations);
      seekHealth(health);
      while (!closing) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (!closing) {
        LOG.error("station consumer woken up unexpectedly; stopping", e);
      }
    } catch (KafkaException e) {
      LOG.error("station consumer failed; /api/stations stops updating", e);
    } finally {
      alive = false;
      close();
    }
  }

  private void seekHealth(List<TopicPartition> partitions) {
    long from = clock.instant().minus(healthLookback).toEpochMilli();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, from));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    List<TopicPartition> toEnd = new ArrayList<>();
    for (TopicPartition p : partitions) {
      OffsetAndTimestamp at = found == null ? null : found.get(p);
      if (at == null) {
        toEnd.add(p);
      } else {
        consumer.seek(p, at.offset());
      }
    }
    consumer.seekToEnd(toEnd);
  }

  private List<TopicPartition> awaitPartitions(String topic) {
    while (!closing) {
      List<PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(topic);
      } catch (TimeoutException e) {
        infos = null;
      }
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      }
      LOG.warn("topic {} not available; retrying in {}", topic, METADATA_RETRY);
      try {
        closingLatch.await(METADATA_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closing = true;
      }
    }
    return List.of();
  }

  /** One poll; every record applied to the directory. */
  void pollOnce() {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
      try {
        apply(record);
      } catch (SerializationException | IllegalArgumentException e) {
        LOG.debug(
            "station feed skips {}-{}@{}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.getMessage());
      }
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (Topics.STATIONS.name().equals(record.topic())) {
      if (record.value() == null) {
        directory.remove(record.key());
        return;
      }
      Station station =
          Topics.STATIONS.valueSerde().deserializer().deserialize(record.topic(), record.value());
      if (station != null) {
        directory.put(station);
      }
    } else if (record.value() != null) {
      StationHealth health =
          Topics.HEALTH.valueSerde().deserializer().deserialize(record.topic(), record.value());
      if (health != null && (health.station() != null || record.key() != null)) {
        directory.put(record.key(), health);
      }
    }
  }

  /** Asks the feed to finish; returns at once. */
  public void shutdown() {
    closing = true;
    closingLatch.countDown();
    consumer.wakeup();
  }

  public boolean alive() {
    return alive;
  }

  /** Closes the consumer of a feed whose thread never ran. */
  public void closeUnstarted() {
    alive = false;
    close();
  }

  private void close() {
    try {
      consumer.close();
    } catch (KafkaException e) {
      LOG.warn("error closing the station consumer", e);
    }
  }
}
