package org.seiswatch.ingest.seedlink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.DeadLetterOrigin;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.ingest.seedlink.client.ClientSettings;
import org.seiswatch.ingest.seedlink.client.PacketSink;
import org.seiswatch.ingest.seedlink.client.ReceivedRecord;
import org.seiswatch.ingest.seedlink.client.RejectedPacket;
import org.seiswatch.ingest.seedlink.client.SeedlinkClient;
import org.seiswatch.ingest.seedlink.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SeedLink ingest: one server's selected streams into {@code seis.raw}, every record exactly once
 * across reconnects, server restarts and crashes of this process.
 *
 * <p>How: a {@link SeedlinkClient} delivers checked records; they are produced with a transactional
 * producer ({@code acks=all}, idempotent, {@code transactional.id} per server) to {@code seis.raw}
 * (key {@code NET.STA}, value the record's exact bytes, timestamp its start time, headers {@value
 * #HEADER_SERVER}, {@value #HEADER_SEQUENCE}, {@value #HEADER_STATION}), and in the same
 * transaction the last sequence number per station to the compacted {@code seis.ingest.state}. A
 * transaction is committed every {@code ingest.transaction.max.records} records or {@code
 * ingest.transaction.max.ms}, and when the link drops. On start (and on every reconnect) the client
 * asks for the sequence after the committed one, so a record is in {@code seis.raw} for {@code
 * read_committed} readers if and only if its resume point is: nothing lost, nothing twice. A killed
 * process leaves an open transaction that the next one aborts ({@code initTransactions}); its
 * records are then fetched again. Packets that fail a check go to {@code seis.deadletter} (stage
 * {@value #STAGE}, origin server and sequence) in the same transaction.
 */
public final class SeedlinkIngest implements PacketSink, AutoCloseable {
  public static final String STAGE = "ingest.seedlink";
  public static final String HEADER_SERVER = "seedlink.server";
  public static final String HEADER_SEQUENCE = "seedlink.sequence";
  public static final String HEADER_STATION = "seedlink.station";

  private static final Logger LOG = LoggerFactory.getLogger(SeedlinkIngest.class);

  private final SeedlinkIngestConfig config;
  private final ClientSettings clientSettings;
  private final Supplier<Producer<String, byte[]>> producers;
  private final Map<String, Long> committed = new HashMap<>();
  private final Map<String, Long> pending = new LinkedHashMap<>();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final MeterRegistry registry;
  private final Counter accepted;
  private final Counter rejected;
  private final Counter receivedBytes;
  private final Set<String> latencyGauges = new HashSet<>();
  private final StationTracker tracker = new StationTracker();
  private long nextHealthNanos = System.nanoTime();
  private Producer<String, byte[]> producer;
  private SeedlinkClient client;
  private Protocol protocol = Protocol.V4_0;
  private boolean inTransaction;
  private int transactionRecords;
  private long transactionStart;
  private long pendingRecords;
  private long pendingBytes;
  private long pendingDeadLetters;
  private final List<MiniSeedRecord> pendingListed = new ArrayList<>();
  private volatile CommitListener commitListener;

  public SeedlinkIngest(SeedlinkIngestConfig config) {
    this(config, new SimpleMeterRegistry());
  }

  /**
   * With metrics in {@code registry} (e.g. a Prometheus registry behind {@link MetricsEndpoint}).
   */
  public SeedlinkIngest(SeedlinkIngestConfig config, MeterRegistry registry) {
    this(config, registry, () -> new KafkaProducer<>(config.producerProperties()));
  }

  SeedlinkIngest(
      SeedlinkIngestConfig config,
      MeterRegistry registry,
      Supplier<Producer<String, byte[]>> producers) {
    this.config = config;
    this.clientSettings = config.clientSettings();
    this.producers = producers;
    this.registry = registry;
    String server = clientSettings.server();
    accepted =
        Counter.builder("seedlink.packets")
            .tag("server", server)
            .tag("outcome", "accepted")
            .description("SeedLink packets received and handed to Kafka")
            .register(registry);
    rejected =
        Counter.builder("seedlink.packets")
            .tag("server", server)
            .tag("outcome", "rejected")
            .description("SeedLink packets dead-lettered")
            .register(registry);
    receivedBytes =
        Counter.builder("seedlink.bytes")
            .tag("server", server)
            .description("miniSEED bytes received")
            .baseUnit("bytes")
            .register(registry);
    FunctionCounter.builder("seedlink.reconnects", this, i -> i.counts().reconnects())
        .tag("server", server)
        .description("SeedLink connections opened after the first")
        .register(registry);
    FunctionCounter.builder("seedlink.transactions", commits, AtomicLong::get)
        .tag("server", server)
        .description("Kafka transactions committed")
        .register(registry);
  }

  /**
   * Told after every committed transaction which records it held and when the commit returned, that
   * is when they became visible to {@code read_committed} readers (for latency measurements such as
   * {@code seiswatch bench ingest}). Called on the SeedLink client's thread: it must return
   * quickly.
   */
  @FunctionalInterface
  public interface CommitListener {
    void committed(List<MiniSeedRecord> records, Instant committedAt);
  }

  /** Sets the one {@link CommitListener} (null: none); call before {@link #start()}. */
  public SeedlinkIngest onCommit(CommitListener listener) {
    this.commitListener = listener;
    return this;
  }

  /** The registry the ingest's meters are in. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Creates {@code seis.ingest.state} if missing, initialises the transactional producer, reads the
   * committed resume points and starts the SeedLink client.
   */
  public synchronized void start() {
    StateLoader.createTopic(config.bootstrapServers(), config.stateReplicationFactor());
    producer = newProducer();
    StateLoader.load(config.bootstrapServers(), server())
        .forEach((station, point) -> committed.put(station, point.sequence()));
    LOG.info(
        "SeedLink ingest from {} ({}), resuming {} stations",
        server(),
        clientSettings.selectors(),
        committed.size());
    client = new SeedlinkClient(clientSettings, this);
    client.start();
  }

  private Producer<String, byte[]> newProducer() {
    Producer<String, byte[]> p = producers.get();
    p.initTransactions();
    return p;
  }

  public String server() {
    return clientSettings.server();
  }

  /** Packets received, records and dead letters committed so far, commits, reconnects. */
  public IngestCounts counts() {
    return new IngestCounts(
        client == null ? 0 : client.packets(),
        records.get(),
        bytes.get(),
        deadLetters.get(),
        commits.get(),
        client == null ? 0 : client.reconnects());
  }

  /** Counters of a running ingest; all but {@code packets} count committed work. */
  public record IngestCounts(
      long packets, long records, long bytes, long deadLetters, long commits, long reconnects) {}

  @Override
  public Map<String, Long> resumePoints() {
    return new HashMap<>(committed);
  }

  @Override
  public void connected(Protocol p) {
    protocol = p;
  }

  @Override
  public void accept(ReceivedRecord r) {
    byte[] value = r.record().bytes();
    RecordHeaders headers = new RecordHeaders();
    headers.add(HEADER_SERVER, r.server().getBytes(StandardCharsets.UTF_8));
    headers.add(
        HEADER_SEQUENCE, Long.toUnsignedString(r.sequence()).getBytes(StandardCharsets.UTF_8));
    headers.add(HEADER_STATION, r.stationId().getBytes(StandardCharsets.UTF_8));
    send(
        new ProducerRecord<>(
            Topics.RAW.name(),
            null,
            r.record().startTime().toEpochMilli(),
            r.record().streamId().stationKey(),
            value,
            headers));
    accepted.increment();
    receivedBytes.increment(value.length);
    trackStation(r);
    pending.put(r.stationId(), r.sequence());
    if (commitListener != null) {
      pendingListed.add(r.record());
    }
    pendingRecords++;
    pendingBytes += value.length;
    transactionRecords++;
    if (transactionRecords >= config.transactionMaxRecords()) {
      commit();
    } else {
      tick();
    }
  }

  @Override
  public void reject(RejectedPacket p) {
    DeadLetter letter =
        new DeadLetter(
            STAGE,
            p.reason(),
            DeadLetterOrigin.ofSeedlink(p.server(), p.sequence()),
            p.payload(),
            Instant.now());
    byte[] value =
        Topics.DEADLETTER.valueSerde().serializer().serialize(Topics.DEADLETTER.name(), letter);
    send(new ProducerRecord<>(Topics.DEADLETTER.name(), p.server(), value));
    rejected.increment();
    pendingDeadLetters++;
    transactionRecords++;
  }

  private void trackStation(ReceivedRecord r) {
    tracker.record(r.record(), Instant.now());
    String station = r.record().streamId().stationKey();
    if (latencyGauges.add(station)) {
      Gauge.builder("seedlink.latency", tracker, t -> t.latencySeconds(station))
          .tag("server", server())
          .tag("station", station)
          .description("Wall time of the last packet minus the time of its last sample")
          .baseUnit("seconds")
          .register(registry);
    }
  }

  /** Health snapshots of every station on {@code seis.health}, in the current transaction. */
  private void publishHealth() {
    nextHealthNanos = System.nanoTime() + config.healthInterval().toNanos();
    var topic = Topics.HEALTH;
    for (StationHealth h : tracker.snapshot(Instant.now())) {
      send(
          new ProducerRecord<>(
              topic.name(),
              h.station(),
              topic.valueSerde().serializer().serialize(topic.name(), h)));
    }
  }

  @Override
  public void tick() {
    if (System.nanoTime() >= nextHealthNanos) {
      publishHealth();
    }
    if (inTransaction
        && System.nanoTime() - transactionStart >= config.transactionMaxAge().toNanos()) {
      commit();
    }
  }

  @Override
  public void disconnected() {
    if (inTransaction) {
      commit();
    }
  }

  private void send(ProducerRecord<String, byte[]> record) {
    try {
      if (producer == null) {
        producer = newProducer();
      }
      if (!inTransaction) {
        producer.beginTransaction();
        inTransaction = true;
        transactionStart = System.nanoTime();
        transactionRecords = 0;
      }
      producer.send(record);
    } catch (KafkaException e) {
      fail("producing to " + record.topic() + " failed", e);
    }
  }

  private void commit() {
    var state = SeedlinkTopics.STATE;
    if (producer == null) {
      return;
    }
    try {
      for (Map.Entry<String, Long> e : pending.entrySet()) {
        ResumePoint point = new ResumePoint(server(), e.getKey(), e.getValue(), protocol.label());
        producer.send(
            new ProducerRecord<>(
                state.name(),
                point.key(),
                state.valueSerde().serializer().serialize(state.name(), point)));
      }
      producer.commitTransaction();
    } catch (KafkaException e) {
      fail("committing the transaction failed", e);
    }
    Instant committedAt = Instant.now();
    List<MiniSeedRecord> done = List.copyOf(pendingListed);
    inTransaction = false;
    committed.putAll(pending);
    pending.clear();
    commits.incrementAndGet();
    records.addAndGet(pendingRecords);
    bytes.addAndGet(pendingBytes);
    deadLetters.addAndGet(pendingDeadLetters);
    resetPendingCounts();
    CommitListener listener = commitListener;
    if (listener != null && !done.isEmpty()) {
      listener.committed(done, committedAt);
    }
  }

  private void resetPendingCounts() {
    pendingListed.clear();
    pendingRecords = 0;
    pendingBytes = 0;
    pendingDeadLetters = 0;
  }

  /**
   * Drops the open transaction and the producer (a new one aborts whatever is left), so that the
   * client resumes from the last committed state.
   */
  private void fail(String what, KafkaException e) {
    LOG.warn(
        "SeedLink ingest from {}: {}: {}; resuming from the committed state",
        server(),
        what,
        e.toString());
    pending.clear();
    inTransaction = false;
    resetPendingCounts();
    if (producer != null) {
      try {
        producer.close(Duration.ZERO);
      } catch (KafkaException closing) {
        LOG.debug("closing the failed producer", closing);
      }
      producer = null;
    }
    throw new SinkException(what, e);
  }

  /** Says BYE, commits what was received, publishes a last health snapshot, closes the producer. */
  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
    if (producer != null) {
      try {
        publishHealth();
        commit();
      } catch (SinkException e) {
        LOG.warn("last health snapshot not published: {}", e.getMessage());
      }
      if (producer != null) {
        producer.close(Duration.ofSeconds(10));
        producer = null;
      }
    }
    LOG.info("SeedLink ingest from {} stopped: {}", server(), counts());
  }
}
