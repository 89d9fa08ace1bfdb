package org.seiswatch.common.topic;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.seiswatch.common.json.JsonSerde;
import org.seiswatch.common.model.Alert;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.model.StationHealth;

/**
 * Every Seiswatch topic (DESIGN.md "Data path and topics"); message specs are in {@code
 * docs/formats/}.
 */
public final class Topics {
  private static final Duration WEEK = Duration.ofDays(7);

  /**
   * Raw miniSEED records (v2 or v3) exactly as received, keyed {@code NET.STA}. Kept 48 h for
   * re-processing.
   */
  public static final Topic<String, byte[]> RAW =
      new Topic<>(
          "seis.raw",
          Serdes.String(),
          Serdes.ByteArray(),
          new TopicSpec(6, false, Duration.ofHours(48)));

  /** Station metadata, keyed {@code NET.STA}, compacted. */
  public static final Topic<String, Station> STATIONS =
      new Topic<>(
          "seis.stations",
          Serdes.String(),
          new JsonSerde<>(Station.class),
          new TopicSpec(3, true, null));

  /** Phase picks, keyed {@code NET.STA}. */
  public static final Topic<String, Pick> PICKS =
      new Topic<>(
          "seis.picks",
          Serdes.String(),
          new JsonSerde<>(Pick.class),
          new TopicSpec(6, false, WEEK));

  /** Event versions, keyed by event id, compacted so the latest version of every event stays. */
  public static final Topic<String, Detection> EVENTS =
      new Topic<>(
          "seis.events",
          Serdes.String(),
          new JsonSerde<>(Detection.class),
          new TopicSpec(3, true, null));

  /** Alerts as published to subscribers, keyed by event id. */
  public static final Topic<String, Alert> ALERTS =
      new Topic<>(
          "seis.alerts",
          Serdes.String(),
          new JsonSerde<>(Alert.class),
          new TopicSpec(3, false, WEEK));

  /** Per-station state of health, keyed {@code NET.STA}. */
  public static final Topic<String, StationHealth> HEALTH =
      new Topic<>(
          "seis.health",
          Serdes.String(),
          new JsonSerde<>(StationHealth.class),
          new TopicSpec(3, false, Duration.ofDays(1)));

  /** Records that could not be used, with the reason and origin, keyed by their source key. */
  public static final Topic<String, DeadLetter> DEADLETTER =
      new Topic<>(
          "seis.deadletter",
          Serdes.String(),
          new JsonSerde<>(DeadLetter.class),
          new TopicSpec(1, false, WEEK));

  /** All of the above, in data-path order. */
  public static final List<Topic<?, ?>> ALL =
      List.of(RAW, STATIONS, PICKS, EVENTS, ALERTS, HEALTH, DEADLETTER);

  private Topics() {}
}
