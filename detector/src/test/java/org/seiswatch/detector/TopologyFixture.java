package org.seiswatch.detector;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.topic.Topic;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.detector.phasenet.MicroBatcher;

/** A {@link TopologyTestDriver} around {@link DetectorTopology} with typed topics. */
final class TopologyFixture implements AutoCloseable {
  static final Instant WALL_START = Instant.parse("2030-01-01T00:00:00Z");

  final DetectorConfig config;
  final TopologyTestDriver driver;
  final TestInputTopic<String, byte[]> raw;
  final TestInputTopic<String, Station> stations;
  final TestOutputTopic<String, Pick> picks;
  final TestOutputTopic<String, Detection> events;
  final TestOutputTopic<String, DeadLetter> deadLetters;
  final TestOutputTopic<String, StationHealth> health;

  TopologyFixture(Path stateDir) {
    this(stateDir, Map.of());
  }

  /** With the STA/LTA picker unless {@code overrides} say otherwise. */
  TopologyFixture(Path stateDir, Map<String, ?> overrides) {
    this(stateDir, overrides, null);
  }

  /** With the PhaseNet picker running through {@code batcher} (the caller closes it). */
  TopologyFixture(Path stateDir, Map<String, ?> overrides, MicroBatcher batcher) {
    Map<String, Object> props = new HashMap<>();
    props.put(DetectorConfig.BOOTSTRAP_SERVERS, "test:9092");
    props.put(DetectorConfig.STATE_DIR, stateDir.toString());
    props.put(
        DetectorConfig.PICKER_TYPE,
        batcher == null ? DetectorConfig.PICKER_TYPE_STALTA : DetectorConfig.PICKER_TYPE_PHASENET);
    props.putAll(overrides);
    config = DetectorConfig.from(props);
    Properties streams = new DetectorService(config).streamsProperties();
    streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(DetectorTopology.build(config, batcher), streams, WALL_START);
    raw = input(Topics.RAW);
    stations = input(Topics.STATIONS);
    picks = output(Topics.PICKS);
    events = output(Topics.EVENTS);
    deadLetters = output(Topics.DEADLETTER);
    health = output(Topics.HEALTH);
  }

  void pipeStations(List<Station> list) {
    for (Station s : list) {
      stations.pipeInput(s.key(), s);
    }
  }

  void pipe(DemoRecords.Raw record) {
    raw.pipeInput(record.key(), record.bytes(), record.startTime());
  }

  /** Lets the associator's idle flush fire (the only wall-clock rule). */
  void flush() {
    driver.advanceWallClockTime(Duration.ofMillis(config.idleFlushMs() + 1_000));
    driver.advanceWallClockTime(
        Duration.ofMillis(
            org.seiswatch.detector.associator.AssociatorProcessor.IDLE_CONFIRM_MS + 1_000));
  }

  private <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
    return driver.createInputTopic(
        topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  private <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  @Override
  public void close() {
    driver.close();
  }
}
