package org.seiswatch.deploy.bench;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.deploy.broker.BrokerSettings;
import org.seiswatch.deploy.broker.EmbeddedKafka;
import org.seiswatch.deploy.broker.TopicAdmin;
import org.seiswatch.ingest.seedlink.SeedlinkIngest;
import org.seiswatch.ingest.seedlink.SeedlinkIngestConfig;
import org.seiswatch.ingest.seedlink.protocol.Protocol;

/**
 * SeedLink ingest latency: an embedded broker, a {@link SyntheticSeedlinkServer} of live synthetic
 * stations on 127.0.0.1 and the production {@link SeedlinkIngest} reading them into {@code
 * seis.raw}.
 *
 * <p>Latency of a record = the time its Kafka transaction commit returned ({@link
 * SeedlinkIngest#onCommit}; from then on {@code read_committed} readers, the detector among them,
 * can see it) minus the record's end time, start + samples / rate (the wall time of that data time
 * when {@code speed} is not 1). That is "last sample time to acknowledged" minus one sample period;
 * the record duration itself (a few seconds for 512-byte Steim-2 at 100 Hz) is not counted, since
 * no sender can send a record before its last sample exists. The broker's LogAppendTime of {@code
 * seis.raw} would be earlier than the commit, by up to {@code ingest.transaction.max.ms}, and
 * flatter the figure; the commit time is the honest one.
 *
 * <p>Records whose commit falls within the warm-up are not counted; then records committed during
 * {@code duration} are.
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  /**
   * @param transactionMaxMs {@code ingest.transaction.max.ms} of the ingest
   * @param ingestSettings further {@link SeedlinkIngestConfig} settings (e.g. {@code producer.*})
   */
  public record Settings(
      int stations,
      double speed,
      Duration warmup,
      Duration duration,
      Protocol protocol,
      long transactionMaxMs,
      long seed,
      Map<String, String> ingestSettings) {
    public Settings {
      ingestSettings = Map.copyOf(ingestSettings);
    }
  }

  /** Latency percentiles in milliseconds. */
  public record Latency(double p50, double p90, double p99, double max) {
    static Latency of(double[] values) {
      double[] v = values.clone();
      Arrays.sort(v);
      return new Latency(
          percentile(v, 0.50), percentile(v, 0.90), percentile(v, 0.99), percentile(v, 1.0));
    }
  }

  /**
   * What a run measured.
   *
   * @param latencyMs commit minus record end, all records
   * @param worstStation the station with the highest p99, and that p99
   * @param perStationP99Ms p99 per station ({@code NET.STA})
   * @param ingestGaugeMs the ingest's own {@code seedlink.latency} gauges (wall time a record was
   *     received minus its end time, per station), sampled every second during the measurement;
   *     null unless {@code speed} is 1
   * @param meanRecordSeconds mean data span of a record
   */
  public record Result(
      int stations,
      int channels,
      double sampleRateHz,
      String protocol,
      double speed,
      double warmupSeconds,
      double durationSeconds,
      long records,
      double recordsPerSecond,
      double meanRecordSeconds,
      Latency latencyMs,
      String worstStation,
      double worstStationP99Ms,
      Map<String, Double> perStationP99Ms,
      Latency ingestGaugeMs,
      long transactions,
      long deadLetters) {}

  private static final class Collector implements SeedlinkIngest.CommitListener {
    private final SyntheticSeedlinkServer server;
    private final Map<String, List<Double>> perStation = new HashMap<>();
    private volatile Instant from = Instant.MAX;
    private volatile Instant until = Instant.MAX;
    private double spanSeconds;
    private long counted;

    Collector(SyntheticSeedlinkServer server) {
      this.server = server;
    }

    @Override
    public synchronized void committed(List<MiniSeedRecord> records, Instant committedAt) {
      if (committedAt.isBefore(from) || !committedAt.isBefore(until)) {
        return;
      }
      for (MiniSeedRecord r : records) {
        Instant end = server.wallTime(r.nextStartTime());
        double ms = Duration.between(end, committedAt).toNanos() / 1e6;
        perStation.computeIfAbsent(r.streamId().stationKey(), k -> new ArrayList<>()).add(ms);
        spanSeconds += r.sampleCount() / r.sampleRate();
        counted++;
      }
    }
  }

  /** Runs the benchmark; progress lines go to {@code progress}. */
  public static Result run(Settings settings, PrintStream progress)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("seiswatch-bench-ingest");
    try (EmbeddedKafka broker = new EmbeddedKafka(new BrokerSettings(dir, 0, "127.0.0.1"))) {
      broker.start();
      TopicAdmin.createMissing(broker.bootstrapServers(), (short) 1);
      try (SyntheticSeedlinkServer server =
          new SyntheticSeedlinkServer(settings.stations(), settings.speed(), settings.seed())
              .start()) {
        return measure(settings, broker.bootstrapServers(), server, progress);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Result measure(
      Settings settings, String bootstrap, SyntheticSeedlinkServer server, PrintStream progress)
      throws InterruptedException {
    Map<String, Object> props = new HashMap<>(settings.ingestSettings());
    props.put(SeedlinkIngestConfig.BOOTSTRAP_SERVERS, bootstrap);
    props.put(SeedlinkIngestConfig.SERVER, "127.0.0.1:" + server.port());
    props.put(SeedlinkIngestConfig.SELECT, List.of(SyntheticSeedlinkServer.NETWORK + "_*"));
    props.put(SeedlinkIngestConfig.PROTOCOL, settings.protocol().label());
    props.put(SeedlinkIngestConfig.TRANSACTION_MAX_MS, settings.transactionMaxMs());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Collector collector = new Collector(server);
    SeedlinkIngest ingest = new SeedlinkIngest(SeedlinkIngestConfig.from(props), registry);
    ingest.onCommit(collector);
    List<Double> gauges = new ArrayList<>();
    try {
      ingest.start();
      progress.printf("warm-up %d s ...%n", settings.warmup().toSeconds());
      Thread.sleep(settings.warmup().toMillis());
      Instant from = Instant.now();
      collector.from = from;
      collector.until = from.plus(settings.duration());
      progress.printf("measuring %d s ...%n", settings.duration().toSeconds());
      long end = System.nanoTime() + settings.duration().toNanos();
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(1_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        for (Gauge g : registry.find("seedlink.latency").gauges()) {
          double v = g.value();
          if (!Double.isNaN(v)) {
            gauges.add(v * 1000);
          }
        }
      }
      // commits that were under way at the end of the window still count
      Thread.sleep(settings.transactionMaxMs() + 500);
    } finally {
      ingest.close();
    }
    return result(settings, collector, gauges, ingest.counts());
  }

  private static Result result(
      Settings settings,
      Collector collector,
      List<Double> gauges,
      SeedlinkIngest.IngestCounts counts) {
    synchronized (collector) {
      List<Double> all = new ArrayList<>();
      Map<String, Double> perStationP99 = new TreeMap<>();
      for (Map.Entry<String, List<Double>> e : collector.perStation.entrySet()) {
        all.addAll(e.getValue());
        perStationP99.put(e.getKey(), Latency.of(toArray(e.getValue())).p99());
      }
      if (all.isEmpty()) {
        throw new IllegalStateException("no record was committed during the measurement");
      }
      Map.Entry<String, Double> worst =
          perStationP99.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
      double seconds = settings.duration().toNanos() / 1e9;
      return new Result(
          settings.stations(),
          SyntheticSeedlinkServer.CHANNELS.size(),
          SyntheticSeedlinkServer.RATE,
          settings.protocol().label(),
          settings.speed(),
          settings.warmup().toNanos() / 1e9,
          seconds,
          collector.counted,
          collector.counted / seconds,
          collector.spanSeconds / collector.counted,
          Latency.of(toArray(all)),
          worst.getKey(),
          worst.getValue(),
          perStationP99,
          // the gauge compares data time with wall time: meaningless unless they run together
          gauges.isEmpty() || settings.speed() != 1 ? null : Latency.of(toArray(gauges)),
          counts.commits(),
          counts.deadLetters());
    }
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
