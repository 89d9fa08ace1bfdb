package org.seiswatch.ingest.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.DeadLetterOrigin;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.ingest.internal.SendFailures;
import org.seiswatch.ingest.replay.internal.BadRecord;
import org.seiswatch.ingest.replay.internal.FileItem;
import org.seiswatch.ingest.replay.internal.GoodRecord;
import org.seiswatch.ingest.replay.internal.Pacer;
import org.seiswatch.ingest.replay.internal.ProgressLog;
import org.seiswatch.ingest.replay.internal.RecordMerger;
import org.seiswatch.ingest.replay.internal.ReplayHealth;
import org.seiswatch.ingest.replay.internal.ReplayStats;
import org.seiswatch.ingest.stations.StationPublisher;
import org.seiswatch.ingest.stations.StationXmlLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays miniSEED files into {@code seis.raw} (see {@code ingest/README.md}): StationXML first
 * into {@code seis.stations}, then every good record's exact bytes keyed {@code NET.STA} with the
 * record start time as the Kafka timestamp, merged across files in start-time order and optionally
 * paced; every bad record to {@code seis.deadletter} with its file, byte offset and reason; a
 * {@code StationHealth} per station to {@code seis.health} every {@link #HEALTH_INTERVAL} of wall
 * clock and once at the end (see {@link ReplayHealth}).
 *
 * <p>{@link #run()} blocks until the input is exhausted or {@link #stop()} is called from another
 * thread, flushes, and returns a {@link ReplaySummary}. A failed send (after the producer's own
 * retries) ends the replay with a {@link org.seiswatch.common.error.SeiswatchException}.
 */
public final class Replayer {
  /** Dead-letter stage name of replay. */
  public static final String STAGE = "ingest.replay";

  /** How often, in wall-clock time, every station's health goes to {@code seis.health}. */
  public static final Duration HEALTH_INTERVAL = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);

  private final ReplayConfig config;
  private final Producer<String, byte[]> injected;
  private final WallClock clock;
  private volatile boolean stopped;

  /** A replay with its own Kafka producer, created in {@link #run()} and closed at its end. */
  public Replayer(ReplayConfig config) {
    this(config, null, WallClock.system());
  }

  /**
   * A replay through {@code producer}, which the caller owns (it is flushed, not closed), timed by
   * {@code clock}.
   */
  public Replayer(ReplayConfig config, Producer<String, byte[]> producer, WallClock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.injected = producer;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Asks a running {@link #run()} to stop after the current record; safe from any thread. */
  public void stop() {
    stopped = true;
  }

  /**
   * Runs the replay to the end of its input (or until stopped).
   *
   * @throws org.seiswatch.common.error.ConfigurationException for a missing or unreadable input or
   *     a bad StationXML file, before anything is produced
   */
  public ReplaySummary run() {
    List<Path> files = config.inputs().isEmpty() ? List.of() : InputFiles.miniSeed(config.inputs());
    List<Station> stations =
        config.stationInputs().isEmpty()
            ? List.of()
            : new StationXmlLoader().loadAll(config.stationInputs());
    Producer<String, byte[]> producer =
        injected != null ? injected : new KafkaProducer<>(config.producerProperties());
    try {
      new StationPublisher(producer).publish(stations);
      return replay(producer, files, stations.size());
    } finally {
      if (injected == null) {
        producer.close();
      }
    }
  }

  private ReplaySummary replay(Producer<String, byte[]> producer, List<Path> files, int stations) {
    LOG.info(
        "replaying {} miniSEED files at speed {} (0 = as fast as possible)",
        files.size(),
        config.speed());
    SendFailures failures = new SendFailures();
    ReplayStats stats = new ReplayStats();
    ProgressLog progress = new ProgressLog(clock, config.progressInterval());
    Pacer pacer = new Pacer(config.speed(), clock, () -> stopped);
    // paced: in end-time order, as a real-time source delivers records (each once complete)
    RecordMerger merger = new RecordMerger(files, config.speed() > 0);
    ReplayHealth health = new ReplayHealth();
    long nextHealth = clock.nanoTime() + HEALTH_INTERVAL.toNanos();
    boolean completed = true;
    while (merger.hasNext()) {
      FileItem item = merger.next();
      if (item instanceof GoodRecord good) {
        if (!await(pacer, good.record())) {
          completed = false;
          break;
        }
        producer.send(rawRecord(good.record()), failures.callback(Topics.RAW.name()));
        stats.record(good.record());
        health.record(good.record(), clock.now());
      } else if (item instanceof BadRecord bad) {
        LOG.warn("dead letter: {} at byte {}: {}", bad.file(), bad.offset(), bad.reason());
        producer.send(deadLetter(bad), failures.callback(Topics.DEADLETTER.name()));
        stats.deadLetter();
      }
      if (clock.nanoTime() - nextHealth >= 0) {
        publishHealth(producer, health, failures);
        nextHealth = clock.nanoTime() + HEALTH_INTERVAL.toNanos();
      }
      failures.check();
      progress.maybeLog(stats);
    }
    publishHealth(producer, health, failures);
    producer.flush();
    failures.check();
    ReplaySummary summary = stats.summary(files.size(), stations, progress.elapsed(), completed);
    LOG.info("replay {}: {}", completed ? "done" : "stopped", summary);
    return summary;
  }

  private void publishHealth(
      Producer<String, byte[]> producer, ReplayHealth health, SendFailures failures) {
    Instant now = clock.now();
    for (StationHealth h : health.snapshot(now)) {
      byte[] value = Topics.HEALTH.valueSerde().serializer().serialize(Topics.HEALTH.name(), h);
      producer.send(
          new ProducerRecord<>(Topics.HEALTH.name(), null, now.toEpochMilli(), h.station(), value),
          failures.callback(Topics.HEALTH.name()));
    }
  }

  /** Waits until the record is due; false if the replay was stopped or interrupted meanwhile. */
  private boolean await(Pacer pacer, MiniSeedRecord record) {
    try {
      pacer.await(record);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
    return !stopped;
  }

  private static ProducerRecord<String, byte[]> rawRecord(MiniSeedRecord record) {
    return new ProducerRecord<>(
        Topics.RAW.name(),
        null,
        record.startTime().toEpochMilli(),
        record.streamId().stationKey(),
        record.bytes());
  }

  private ProducerRecord<String, byte[]> deadLetter(BadRecord bad) {
    String file = bad.file().toString();
    DeadLetter letter =
        new DeadLetter(
            STAGE,
            bad.reason(),
            DeadLetterOrigin.ofFile(file, bad.offset()),
            bad.bytes(),
            clock.now());
    byte[] value =
        Topics.DEADLETTER.valueSerde().serializer().serialize(Topics.DEADLETTER.name(), letter);
    return new ProducerRecord<>(
        Topics.DEADLETTER.name(), null, clock.now().toEpochMilli(), file, value);
  }
}
