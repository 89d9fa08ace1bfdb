package org.seiswatch.deploy.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.Alert;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Site;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.common.topic.Topic;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.deploy.demo.Demo;
import org.seiswatch.deploy.demo.DemoSettings;
import org.seiswatch.detector.DetectorConfig;
import org.seiswatch.detector.phasenet.ModelFiles;
import org.seiswatch.detector.phasenet.ModelManifest;
import org.seiswatch.detector.phasenet.StackSettings;
import org.seiswatch.ingest.replay.ReplayConfig;
import org.seiswatch.ingest.replay.Replayer;

/**
 * What users wait for (DESIGN.md "Latency"), through the real pipeline: embedded broker, detector
 * and alert service as in the demo, the bundled event's first {@code dataSeconds} replayed paced at
 * {@code speed} × real time (a record is sent when a real-time source would have delivered it
 * complete). Times come from the broker: {@code seis.raw}, {@code seis.picks} and {@code
 * seis.alerts} are stamped with LogAppendTime.
 *
 * <p>The replay's clock: data time D reaches the broker at wall time {@code T0 + (D − first record
 * start) / speed}; T0 is estimated from the raw records (the earliest of append time − (record end
 * − first start) / speed, i.e. the least delayed record). Arrival → pick = the pick's append time −
 * the wall time of its onset; origin → alert = the first alert's append time − the wall time of the
 * event's origin (the latest version's origin time).
 */
public final class PipelineLatencyBenchmark {
  /** The bundled model's window and peak distance: what the pick waits for (the demo's model). */
  private static final ModelManifest MANIFEST =
      ModelManifest.parse(ModelFiles.bundled().manifest(), "bundled");

  private static final int WINDOW = MANIFEST.windowSamples();
  private static final int DISTANCE = MANIFEST.minPeakDistanceSamples();

  /** Percentiles of arrival → pick, seconds. */
  public record PickLatency(int picks, double p50, double p95, double p99, double max) {}

  /** One event: its origin (latest version) and when its first and Final alerts came. */
  public record EventLatency(
      String id,
      Instant origin,
      int versions,
      double originToFirstAlertSeconds,
      double originToLastAlertSeconds,
      String lastType) {}

  /**
   * One pick: its id, onset and arrival → pick in seconds. For a P pick (timed at its maximum) also
   * where that time went, summing to it: {@code dataWait}, the data after the onset the picker
   * needs before the pick is final ({@link StackSettings#dataEndOfPick}), in data seconds at the
   * replay speed; {@code recordWait}, from that data's time to the latest of the station's records
   * holding its last sample reaching the broker (a record is sent once complete); {@code pipeline},
   * from there to the pick in {@code seis.picks}. Null for S picks (timed at the centre of their
   * peak, not at a maximum) and where a record is missing.
   */
  public record PickArrival(
      String id,
      Instant onset,
      double seconds,
      Double dataWait,
      Double recordWait,
      Double pipeline) {}

  /** The run's figures. */
  public record Result(
      double speed,
      double dataSeconds,
      long rawRecords,
      double replayWallSeconds,
      PickLatency pPicks,
      PickLatency sPicks,
      PickLatency allPicks,
      List<EventLatency> events,
      List<PickArrival> picks) {}

  private final Consumer<String> progress;

  public PipelineLatencyBenchmark(Consumer<String> progress) {
    this.progress = progress;
  }

  /**
   * Runs the pipeline on the first {@code dataSeconds} of the bundled event.
   *
   * @param detectorSettings extra detector settings (as {@code seiswatch demo --set})
   */
  public Result run(double speed, double dataSeconds, Map<String, Object> detectorSettings)
      throws IOException, InterruptedException {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed " + speed + " must be > 0 (a paced replay)");
    }
    try (Demo demo =
        new Demo(
            new DemoSettings(null, 0, null, 0, speed, detectorSettings),
            new PrintStream(OutputStream.nullOutputStream()))) {
      progress.accept("starting the embedded broker, detector and alert service ...");
      demo.start();
      // in the demo's temporary directory, deleted with it
      Path dir = demo.workDir().resolve("bench-latency");
      Path event = DemoEvent.extractTo(dir.resolve("event"));
      Path waveforms = dir.resolve("waveforms");
      Instant first = trim(event.resolve("waveforms"), waveforms, dataSeconds);
      progress.accept(
          String.format(
              java.util.Locale.ROOT,
              "replaying %.0f s of hv70907436 at %s x real time ...",
              dataSeconds,
              speed));
      long started = System.nanoTime();
      new Replayer(
              ReplayConfig.from(
                  Map.of(
                      ReplayConfig.BOOTSTRAP_SERVERS, demo.bootstrapServers(),
                      ReplayConfig.INPUTS, waveforms.toString(),
                      ReplayConfig.STATIONS, event.resolve("stationxml").toString(),
                      ReplayConfig.SPEED, speed)))
          .run();
      double replayWall = (System.nanoTime() - started) / 1e9;
      progress.accept("replay done; waiting for the pipeline to settle ...");
      if (!demo.awaitSettled(Duration.ofMinutes(3))) {
        throw new IllegalStateException("the pipeline published no event within 3 minutes");
      }
      Map<String, Object> detector = new HashMap<>(detectorSettings);
      detector.put(DetectorConfig.BOOTSTRAP_SERVERS, demo.bootstrapServers());
      StackSettings stack = DetectorConfig.from(detector).stackSettings(MANIFEST.samplingRateHz());
      return measure(demo.bootstrapServers(), first, speed, dataSeconds, replayWall, stack);
    }
  }

  /** Copies the records that start before first start + seconds; returns the first start. */
  private static Instant trim(Path from, Path to, double seconds) throws IOException {
    Files.createDirectories(to);
    List<Path> files;
    try (var list = Files.list(from)) {
      files = list.sorted().toList();
    }
    Instant first = null;
    Map<Path, List<byte[]>> records = new LinkedHashMap<>();
    for (Path f : files) {
      ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(f));
      List<byte[]> list = new ArrayList<>();
      while (buf.remaining() >= MiniSeed.MIN_RECORD_LENGTH) {
        byte[] r = new byte[MiniSeed.recordLength(buf.slice())];
        buf.get(r);
        list.add(r);
        Instant start = MiniSeed.startTime(ByteBuffer.wrap(r));
        first = first == null || start.isBefore(first) ? start : first;
      }
      records.put(f, list);
    }
    if (first == null) {
      throw new IllegalStateException("no records in " + from);
    }
    Instant end = first.plusMillis(Math.round(seconds * 1000));
    for (Map.Entry<Path, List<byte[]>> e : records.entrySet()) {
      try (OutputStream out = Files.newOutputStream(to.resolve(e.getKey().getFileName()))) {
        for (byte[] r : e.getValue()) {
          if (MiniSeed.startTime(ByteBuffer.wrap(r)).isBefore(end)) {
            out.write(r);
          }
        }
      }
    }
    return first;
  }

  /** A raw record as the broker stamped it. */
  private record Arrived(MiniSeedRecord record, long appendMillis) {}

  private static Result measure(
      String bootstrap,
      Instant first,
      double speed,
      double dataSeconds,
      double replayWall,
      StackSettings stack) {
    List<ConsumerRecord<byte[], byte[]>> raw = readAll(bootstrap, Topics.RAW);
    double t0 = Double.POSITIVE_INFINITY;
    // per instrument (NET.STA.LOC.BAND, as the picker groups channels), per channel
    Map<String, Map<StreamId, List<Arrived>>> byInstrument = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : raw) {
      MiniSeedRecord rec = MiniSeed.parse(r.value());
      t0 = Math.min(t0, r.timestamp() / 1000.0 - seconds(first, rec.nextStartTime()) / speed);
      byInstrument
          .computeIfAbsent(rec.streamId().instrument(), k -> new HashMap<>())
          .computeIfAbsent(rec.streamId(), k -> new ArrayList<>())
          .add(new Arrived(rec, r.timestamp()));
    }
    List<Double> p = new ArrayList<>();
    List<Double> s = new ArrayList<>();
    List<PickArrival> picks = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(bootstrap, Topics.PICKS)) {
      Pick pick =
          Topics.PICKS.valueSerde().deserializer().deserialize(Topics.PICKS.name(), r.value());
      double onsetWall = t0 + seconds(first, pick.time()) / speed;
      double seconds = r.timestamp() / 1000.0 - onsetWall;
      boolean isP = pick.phase() == org.seiswatch.common.model.Phase.P;
      (isP ? p : s).add(seconds);
      PickArrival arrival = new PickArrival(pick.id(), pick.time(), seconds, null, null, null);
      if (isP) {
        Site site = pick.site();
        String instrument =
            new StreamId(site.network(), site.station(), site.location(), site.channel())
                .instrument();
        long end =
            stack.dataEndOfPick(sample(pick.time()), stack.phaseOf(instrument), WINDOW, DISTANCE);
        Long dataAt = dataAtBroker(byInstrument.getOrDefault(instrument, Map.of()), end);
        if (dataAt != null) {
          double dataWait = seconds(pick.time(), timeOf(end)) / speed;
          double recordWait = dataAt / 1000.0 - onsetWall - dataWait;
          double pipeline = (r.timestamp() - dataAt) / 1000.0;
          arrival =
              new PickArrival(pick.id(), pick.time(), seconds, dataWait, recordWait, pipeline);
        }
      }
      picks.add(arrival);
    }
    picks.sort(java.util.Comparator.comparing(PickArrival::onset));
    List<Double> all = new ArrayList<>(p);
    all.addAll(s);
    Map<String, List<ConsumerRecord<byte[], byte[]>>> alerts = new LinkedHashMap<>();
    Map<String, Alert> last = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(bootstrap, Topics.ALERTS)) {
      Alert a =
          Topics.ALERTS.valueSerde().deserializer().deserialize(Topics.ALERTS.name(), r.value());
      alerts.computeIfAbsent(a.eventId(), k -> new ArrayList<>()).add(r);
      Alert seen = last.get(a.eventId());
      if (seen == null || a.version() >= seen.version()) {
        last.put(a.eventId(), a);
      }
    }
    List<EventLatency> events = new ArrayList<>();
    for (Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> e : alerts.entrySet()) {
      Detection best = last.get(e.getKey()).detection();
      Instant origin = best.hypocenter().time();
      double originWall = t0 + seconds(first, origin) / speed;
      long firstAppend = e.getValue().stream().mapToLong(ConsumerRecord::timestamp).min().orElse(0);
      long lastAppend = e.getValue().stream().mapToLong(ConsumerRecord::timestamp).max().orElse(0);
      events.add(
          new EventLatency(
              e.getKey(),
              origin,
              best.version(),
              firstAppend / 1000.0 - originWall,
              lastAppend / 1000.0 - originWall,
              Json.mapper().convertValue(best.detectionType(), String.class)));
    }
    return new Result(
        speed,
        dataSeconds,
        raw.size(),
        replayWall,
        latency(p),
        latency(s),
        latency(all),
        events,
        picks);
  }

  /** Absolute sample number at the model rate (the picker's numbering). */
  private static long sample(Instant t) {
    return Math.round(t.toEpochMilli() * MANIFEST.samplingRateHz() / 1000);
  }

  /** Time of an absolute sample number at the model rate. */
  private static Instant timeOf(long sample) {
    return Instant.ofEpochMilli(Math.round(sample * 1000 / MANIFEST.samplingRateHz()));
  }

  /**
   * When the sample before {@code end} reached the broker: the latest append time of the records of
   * the instrument's channels that hold it; null when there are none or a channel has no such
   * record.
   */
  private static Long dataAtBroker(Map<StreamId, List<Arrived>> channels, long end) {
    Instant last = timeOf(end - 1);
    long latest = -1;
    for (List<Arrived> records : channels.values()) {
      Long at = null;
      for (Arrived a : records) {
        if (!a.record().startTime().isAfter(last) && a.record().nextStartTime().isAfter(last)) {
          at = a.appendMillis();
        }
      }
      if (at == null) {
        return null;
      }
      latest = Math.max(latest, at);
    }
    return channels.isEmpty() ? null : latest;
  }

  private static PickLatency latency(List<Double> values) {
    return new PickLatency(
        values.size(),
        PickerBenchmark.percentile(values, 50),
        PickerBenchmark.percentile(values, 95),
        PickerBenchmark.percentile(values, 99),
        PickerBenchmark.percentile(values, 100));
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  /** Every record of {@code topic} up to its current end, with broker timestamps. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, Topic<?, ?> topic) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic.name() + " to its end");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
