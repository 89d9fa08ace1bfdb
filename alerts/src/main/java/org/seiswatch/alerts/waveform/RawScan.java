package org.seiswatch.alerts.waveform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.seiswatch.common.error.InvalidRecordException;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.common.topic.Topics;

/**
 * One bounded scan of {@code seis.raw} for the records of some stations inside a data-time window.
 * The topic is kept by append time ({@code LogAppendTime}) and its records carry data time only in
 * the miniSEED header, so the scan starts at {@code offsetsForTimes(appendFrom)} in every partition
 * and reads forward, keeping the records whose key is a wanted station and whose samples overlap
 * the window. A partition is done at the end offset it had when the scan started or at the first
 * record appended after {@code appendTo}; the whole scan stops after {@code maxRecords} records or
 * {@code timeout}, and then says it is truncated.
 */
final class RawScan {
  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<String, byte[]> consumer;
  private final int maxRecords;
  private final Duration timeout;

  RawScan(Consumer<String, byte[]> consumer, int maxRecords, Duration timeout) {
    this.consumer = consumer;
    this.maxRecords = maxRecords;
    this.timeout = timeout;
  }

  /** What a scan found: decoded records per stream, records read, whether it stopped early. */
  record Result(Map<StreamId, List<Segment>> records, long scanned, boolean truncated) {}

  Result scan(
      Set<String> stations, Instant from, Instant to, Instant appendFrom, Instant appendTo) {
    List<PartitionInfo> infos = consumer.partitionsFor(Topics.RAW.name());
    Map<StreamId, List<Segment>> found = new HashMap<>();
    if (infos == null || infos.isEmpty()) {
      return new Result(found, 0, false);
    }
    List<TopicPartition> partitions =
        infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    consumer.assign(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    Set<TopicPartition> active = seekStarts(partitions, appendFrom, ends);
    long scanned = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!active.isEmpty() && scanned < maxRecords && System.nanoTime() - deadline < 0) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
        TopicPartition p = new TopicPartition(r.topic(), r.partition());
        if (!active.contains(p)) {
          continue;
        }
        if (r.offset() >= ends.get(p) || r.timestamp() > appendTo.toEpochMilli()) {
          finish(p, active);
          continue;
        }
        scanned++;
        if (r.value() != null && stations.contains(r.key())) {
          keep(r.value(), from, to, found);
        }
      }
      for (TopicPartition p : List.copyOf(active)) {
        if (consumer.position(p) >= ends.get(p)) {
          finish(p, active);
        }
      }
    }
    return new Result(found, scanned, !active.isEmpty());
  }

  /**
   * Seeks every partition to its first record appended at or after {@code appendFrom}; returns the
   * partitions that have records to read, the others are paused.
   */
  private Set<TopicPartition> seekStarts(
      List<TopicPartition> partitions, Instant appendFrom, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, appendFrom.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
    Set<TopicPartition> active = new HashSet<>();
    for (TopicPartition p : partitions) {
      OffsetAndTimestamp start = starts == null ? null : starts.get(p);
      Long end = ends.get(p);
      if (start != null && end != null && start.offset() < end) {
        consumer.seek(p, start.offset());
        active.add(p);
      }
    }
    List<TopicPartition> idle = new ArrayList<>(partitions);
    idle.removeAll(active);
    consumer.pause(idle);
    return active;
  }

  private void finish(TopicPartition p, Set<TopicPartition> active) {
    active.remove(p);
    consumer.pause(List.of(p));
  }

  private static void keep(
      byte[] bytes, Instant from, Instant to, Map<StreamId, List<Segment>> out) {
    MiniSeedRecord record;
    double[] samples;
    try {
      record = MiniSeed.parse(bytes);
      if (!record.startTime().isBefore(to) || !record.nextStartTime().isAfter(from)) {
        return;
      }
      samples = MiniSeed.decode(record);
    } catch (InvalidRecordException | IllegalArgumentException e) {
      return; // the detector dead-letters bad raw records; a plot just leaves them out
    }
    if (record.sampleRate() <= 0 || samples.length == 0) {
      return;
    }
    out.computeIfAbsent(record.streamId(), k -> new ArrayList<>())
        .add(new Segment(record.startTime(), record.sampleRate(), samples));
  }
}
