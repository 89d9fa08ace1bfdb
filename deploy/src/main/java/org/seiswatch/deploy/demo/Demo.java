package org.seiswatch.deploy.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.seiswatch.alerts.AlertService;
import org.seiswatch.alerts.AlertsConfig;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.deploy.broker.BrokerSettings;
import org.seiswatch.deploy.broker.EmbeddedKafka;
import org.seiswatch.deploy.broker.TopicAdmin;
import org.seiswatch.detector.DetectorConfig;
import org.seiswatch.detector.DetectorService;
import org.seiswatch.ingest.replay.ReplayConfig;
import org.seiswatch.ingest.replay.ReplaySummary;
import org.seiswatch.ingest.replay.Replayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one JVM: embedded broker (unless a cluster is given), detector, alert
 * service, and a replay of the bundled event hv70907436, with picks and events printed as they
 * reach Kafka. Used by {@code seiswatch demo} and by the end-to-end tests.
 */
public final class Demo implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

  private final DemoSettings settings;
  private final PrintStream out;
  private Path workDir;
  private boolean temporary;
  private EmbeddedKafka broker;
  private String bootstrapServers;
  private DetectorService detector;
  private DetectorConfig detectorConfig;
  private AlertService alerts;
  private LiveFeed feed;

  public Demo(DemoSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  /** Starts broker, topics, detector, alert service and the printed feed. */
  public synchronized void start() throws IOException {
    temporary = settings.dataDir() == null;
    workDir = temporary ? Files.createTempDirectory("seiswatch-demo") : settings.dataDir();
    Files.createDirectories(workDir);
    if (settings.bootstrapServers() == null) {
      broker =
          new EmbeddedKafka(
              new BrokerSettings(workDir.resolve("broker"), settings.brokerPort(), "127.0.0.1"));
      broker.start();
      bootstrapServers = broker.bootstrapServers();
    } else {
      bootstrapServers = settings.bootstrapServers();
    }
    TopicAdmin.createMissing(bootstrapServers, (short) 1);
    feed = new LiveFeed(bootstrapServers, out);
    feed.start();

    Map<String, Object> detectorValues = new HashMap<>(settings.detectorSettings());
    detectorValues.put(DetectorConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    detectorValues.putIfAbsent(DetectorConfig.STATE_DIR, workDir.resolve("streams").toString());
    // The demo event is in Hawaii, whose volcanic crust is far slower than iasp91's: like any
    // network's
    // regional profile, the demo uses the layered Hawaii model (associator.velocity.model) for
    // locating.
    detectorValues.putIfAbsent(DetectorConfig.ASSOCIATOR_TRAVELTIME_MODEL, DetectorConfig.LAYERED);
    // A replay is in the topic at once: on a busy machine one station's picker may run minutes of
    // data time ahead of another's, so any pick of the 7.5-minute archive may arrive late.
    detectorValues.putIfAbsent(DetectorConfig.ASSOCIATOR_MAX_LATENESS_S, 3600.0);
    detectorConfig = DetectorConfig.from(detectorValues);
    detector = new DetectorService(detectorConfig);
    detector.start();

    alerts =
        new AlertService(
            AlertsConfig.from(
                Map.of(
                    AlertsConfig.BOOTSTRAP_SERVERS,
                    bootstrapServers,
                    AlertsConfig.HTTP_PORT,
                    settings.httpPort(),
                    AlertsConfig.HTTP_HOST,
                    "0.0.0.0")));
    alerts.start();
    out.printf(
        "Seiswatch demo: Kafka at %s, events at http://localhost:%d/api/events%n",
        bootstrapServers, alerts.httpPort());
  }

  /**
   * Replays the bundled event (StationXML first, then the 18 waveform files) and returns what it
   * sent.
   */
  public ReplaySummary replay() throws IOException {
    Path event = DemoEvent.extractTo(workDir.resolve("hv70907436"));
    out.printf(
        "Replaying %s (Mw 5.3, Island of Hawaii, 2019-04-14) from %s%s%n",
        DemoEvent.EVENT_ID,
        event,
        settings.speed() > 0 ? " at " + settings.speed() + "x real time" : " as fast as possible");
    ReplaySummary summary =
        new Replayer(
                ReplayConfig.from(
                    Map.of(
                        ReplayConfig.BOOTSTRAP_SERVERS, bootstrapServers,
                        ReplayConfig.INPUTS, event.resolve("waveforms").toString(),
                        ReplayConfig.STATIONS, event.resolve("stationxml").toString(),
                        ReplayConfig.SPEED, settings.speed())))
            .run();
    out.printf(
        "Replay done: %d records of %d streams, %d stations, %d dead letters%n",
        summary.records(), summary.streams(), summary.stations(), summary.deadLetters());
    return summary;
  }

  /**
   * Waits until the detector has consumed every input record, at least one event was published and
   * nothing new arrived for the associator's idle-flush time plus a margin.
   *
   * @return true if that happened within {@code timeout}
   */
  public boolean awaitSettled(Duration timeout) throws InterruptedException {
    Duration quiet =
        Duration.ofMillis(detectorConfig.idleFlushMs()).plus(DemoSettings.settleMargin());
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      ConsumerLag lag = new ConsumerLag(admin);
      while (System.nanoTime() < deadline) {
        if (!feed.events().isEmpty()
            && feed.quietFor().compareTo(quiet) >= 0
            && inputConsumed(lag)) {
          return true;
        }
        Thread.sleep(250);
      }
    }
    return false;
  }

  private boolean inputConsumed(ConsumerLag lag) {
    Set<String> inputs = new HashSet<>(lag.repartitionTopics(detector.applicationId()));
    inputs.add(Topics.RAW.name());
    long behind = lag.lag(detector.applicationId(), inputs);
    LOG.debug("detector lag {} records on {}", behind, inputs);
    return behind == 0;
  }

  /** Picks seen on {@code seis.picks} so far. */
  public List<Pick> picks() {
    return feed.picks();
  }

  /** Event versions seen on {@code seis.events} so far, in arrival order. */
  public List<Detection> events() {
    return feed.events();
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * Where broker and Kafka Streams state live (after {@link #start}); a temporary one, and what
   * callers put in it, is deleted on {@link #close}.
   */
  public Path workDir() {
    return workDir;
  }

  public int httpPort() {
    return alerts.httpPort();
  }

  /** Stops everything this demo started, each in its own try block, and deletes temporary data. */
  @Override
  public synchronized void close() {
    closeQuietly("feed", feed == null ? null : feed::close);
    closeQuietly("alert service", alerts == null ? null : alerts::stop);
    closeQuietly("detector", detector == null ? null : detector::stop);
    closeQuietly("broker", broker == null ? null : broker::close);
    if (temporary && workDir != null) {
      closeQuietly("temporary data", () -> deleteTree(workDir));
    }
  }

  private static void closeQuietly(String what, Runnable close) {
    if (close == null) {
      return;
    }
    try {
      close.run();
    } catch (RuntimeException e) {
      LOG.warn("Stopping the {} failed: {}", what, e.toString());
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
