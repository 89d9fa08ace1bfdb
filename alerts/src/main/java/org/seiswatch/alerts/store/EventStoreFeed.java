package org.seiswatch.alerts.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the {@link EventStore} from {@code seis.events} with a consumer of its own, without a
 * consumer group: it {@code assign}s every partition and reads each from the beginning, so every
 * instance of the service holds every event, also right after a restart (the topic is compacted and
 * kept forever, see {@code docs/formats/Detection.md}). The group consumer that publishes alerts
 * only sees its share of the partitions and resumes at its committed offsets, so it cannot fill the
 * store.
 *
 * <p>Records that do not parse are skipped here (the group consumer dead-letters them). Records at
 * or past the end offsets seen at start are "live": they are also handed to the live listeners (the
 * Server-Sent Events feed); the history read at start-up is not.
 */
public final class EventStoreFeed implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(EventStoreFeed.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration METADATA_RETRY = Duration.ofSeconds(1);

  private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
  private final EventStore store;
  private final Clock clock;
  private final List<Consumer<Detection>> liveListeners;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private Map<TopicPartition, Long> liveFrom = Map.of();
  private final CountDownLatch closingLatch = new CountDownLatch(1);
  private volatile boolean closing;
  private volatile boolean alive = true;
  private volatile boolean caughtUp;

  /**
   * @param liveListeners read on every live record, so a concurrent list lets callers add listeners
   *     while the feed runs
   */
  public EventStoreFeed(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      EventStore store,
      List<Consumer<Detection>> liveListeners) {
    this(consumer, store, liveListeners, Clock.systemUTC());
  }

  /**
   * @param clock bounds the time a version was first seen (see {@link EventStore#firstSeen}): the
   *     earlier of the record's timestamp and the clock
   */
  public EventStoreFeed(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      EventStore store,
      List<Consumer<Detection>> liveListeners,
      Clock clock) {
    this.clock = clock;
    this.consumer = consumer;
    this.store = store;
    this.liveListeners = liveListeners;
  }

  @Override
  public void run() {
    try {
      List<TopicPartition> partitions = awaitPartitions();
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      liveFrom = consumer.endOffsets(partitions);
      LOG.info("event store reading {} from the beginning up to {}", partitions, liveFrom);
      while (!closing) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (!closing) {
        LOG.error("event store consumer woken up unexpectedly; stopping", e);
      }
    } catch (KafkaException e) {
      LOG.error("event store consumer of {} failed; stopping", Topics.EVENTS.name(), e);
    } finally {
      alive = false;
      close();
    }
  }

  /** The partitions of {@code seis.events}, waiting while the topic does not exist yet. */
  private List<TopicPartition> awaitPartitions() {
    while (!closing) {
      List<PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(Topics.EVENTS.name());
      } catch (TimeoutException e) {
        infos = null; // broker not reachable yet: keep trying, like the group consumer does
      }
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      }
      LOG.warn("topic {} not available; retrying in {}", Topics.EVENTS.name(), METADATA_RETRY);
      awaitRetry();
    }
    return List.of();
  }

  private void awaitRetry() {
    try {
      closingLatch.await(METADATA_RETRY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closing = true;
    }
  }

  /** One poll: every parsable record stored, live ones handed to the listeners. */
  void pollOnce() {
    ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
    for (ConsumerRecord<String, byte[]> record : records) {
      accept(record);
    }
    if (!caughtUp && reachedLiveOffsets()) {
      caughtUp = true;
      LOG.info("event store caught up: {} events", store.size());
    }
  }

  private boolean reachedLiveOffsets() {
    for (Map.Entry<TopicPartition, Long> end : liveFrom.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void accept(ConsumerRecord<String, byte[]> record) {
    Detection detection;
    try {
      detection =
          Topics.EVENTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      detection = null;
    }
    if (detection == null) {
      skipped.incrementAndGet();
      LOG.debug(
          "event store skips {}-{}@{}: not a Detection",
          record.topic(),
          record.partition(),
          record.offset());
      return;
    }
    // seis.events is compacted, so its timestamps are the detector's (data time of the picks), not
    // append times; the clock bounds them for live records and archive replays.
    Instant now = clock.instant();
    Instant stamped = record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : now;
    store.add(detection, new SeenTimes(stamped.isBefore(now) ? stamped : now, now));
    stored.incrementAndGet();
    if (isLive(record)) {
      for (Consumer<Detection> listener : liveListeners) {
        try {
          listener.accept(detection);
        } catch (RuntimeException e) {
          LOG.warn("live listener {} failed on {} v{}", listener, detection.id(), e);
        }
      }
    }
  }

  private boolean isLive(ConsumerRecord<String, byte[]> record) {
    Long end = liveFrom.get(new TopicPartition(record.topic(), record.partition()));
    return end == null || record.offset() >= end;
  }

  /** Asks the feed to finish; returns at once. The feed closes its consumer on its way out. */
  public void shutdown() {
    closing = true;
    closingLatch.countDown();
    consumer.wakeup();
  }

  /** True until the feed has exited. */
  public boolean alive() {
    return alive;
  }

  /** True once the history present at start is in the store. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** Versions stored since start. */
  public long stored() {
    return stored.get();
  }

  /** Records that were no Detection (dead-lettered by the group consumer). */
  public long skipped() {
    return skipped.get();
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
      LOG.warn("error closing the event store consumer", e);
    }
  }
}
