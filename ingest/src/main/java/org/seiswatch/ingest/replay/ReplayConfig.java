package org.seiswatch.ingest.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.seiswatch.common.config.UnknownSettings;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.ingest.internal.ProducerSettings;

/**
 * Typed, validated settings of a replay (Kafka {@link ConfigDef}). Any further {@code producer.*}
 * key is passed to the Kafka producer without the prefix; {@code acks=all} and idempotence are
 * fixed, because {@code seis.raw} must be lossless and free of duplicates from retries.
 */
public final class ReplayConfig extends AbstractConfig {
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String CLIENT_ID = "client.id";
  public static final String INPUTS = "replay.inputs";
  public static final String STATIONS = "replay.stations";
  public static final String SPEED = "replay.speed";
  public static final String PROGRESS_INTERVAL_MS = "replay.progress.interval.ms";
  public static final String PRODUCER_PREFIX = ProducerSettings.PREFIX;
  public static final String LINGER_MS = PRODUCER_PREFIX + ProducerConfig.LINGER_MS_CONFIG;
  public static final String BATCH_SIZE = PRODUCER_PREFIX + ProducerConfig.BATCH_SIZE_CONFIG;
  public static final String COMPRESSION_TYPE =
      PRODUCER_PREFIX + ProducerConfig.COMPRESSION_TYPE_CONFIG;

  public static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(
              BOOTSTRAP_SERVERS,
              Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              ConfigDef.ValidList.anyNonDuplicateValues(false, false),
              Importance.HIGH,
              "Kafka brokers to produce to, host:port,...")
          .define(
              CLIENT_ID,
              Type.STRING,
              "seiswatch-replay",
              Importance.LOW,
              "Kafka client id of the replay producer.")
          .define(
              INPUTS,
              Type.LIST,
              List.of(),
              Importance.HIGH,
              "miniSEED 2/3 files and directories (walked recursively, SDS archives included;"
                  + " hidden files and .xml/.md/.csv/.json/.txt and similar are skipped).")
          .define(
              STATIONS,
              Type.LIST,
              List.of(),
              Importance.MEDIUM,
              "FDSN StationXML files and directories (*.xml) loaded into seis.stations before the"
                  + " waveforms are replayed.")
          .define(
              SPEED,
              Type.DOUBLE,
              0.0,
              ConfigDef.Range.between(0.0, 1.0e6),
              Importance.MEDIUM,
              "Pacing as a multiple of real time (1 = real time, 10 = ten times faster);"
                  + " 0 = as fast as possible.")
          .define(
              PROGRESS_INTERVAL_MS,
              Type.LONG,
              5_000L,
              ConfigDef.Range.atLeast(100),
              Importance.LOW,
              "How often progress is logged, in milliseconds.")
          .define(
              LINGER_MS,
              Type.INT,
              20,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "Producer linger.ms: batches fill up during replay, little latency cost.")
          .define(
              BATCH_SIZE,
              Type.INT,
              256 * 1024,
              ConfigDef.Range.atLeast(1024),
              Importance.LOW,
              "Producer batch.size in bytes (512 records of 512 bytes).")
          .define(
              COMPRESSION_TYPE,
              Type.STRING,
              "none",
              ConfigDef.ValidString.in("none", "gzip", "snappy", "lz4", "zstd"),
              Importance.LOW,
              "Producer compression.type; Steim-compressed records gain little from more.");

  private ReplayConfig(Map<?, ?> props) {
    super(DEFINITION, props, false);
  }

  /**
   * Builds and validates the settings.
   *
   * @throws ConfigurationException naming the bad or missing setting
   */
  public static ReplayConfig from(Map<String, ?> props) {
    UnknownSettings.reject(DEFINITION, props, "replay", PRODUCER_PREFIX);
    ReplayConfig config;
    try {
      config = new ReplayConfig(props);
    } catch (ConfigException e) {
      throw new ConfigurationException("invalid replay setting: " + e.getMessage(), e);
    }
    if (config.inputs().isEmpty() && config.stationInputs().isEmpty()) {
      throw new ConfigurationException(
          "nothing to replay: set " + INPUTS + " (miniSEED) and/or " + STATIONS + " (StationXML)");
    }
    ProducerSettings.rejectFixed(
        config.originals(),
        List.of(ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG),
        ": replay always uses acks=all and idempotence");
    return config;
  }

  public List<Path> inputs() {
    return getList(INPUTS).stream().map(Path::of).toList();
  }

  public List<Path> stationInputs() {
    return getList(STATIONS).stream().map(Path::of).toList();
  }

  public double speed() {
    return getDouble(SPEED);
  }

  public Duration progressInterval() {
    return Duration.ofMillis(getLong(PROGRESS_INTERVAL_MS));
  }

  /** Everything the Kafka producer needs, serializers included. */
  public Map<String, Object> producerProperties() {
    Map<String, Object> props =
        ProducerSettings.durable(
            originalsWithPrefix(PRODUCER_PREFIX), getList(BOOTSTRAP_SERVERS), getString(CLIENT_ID));
    props.put(ProducerConfig.LINGER_MS_CONFIG, getInt(LINGER_MS));
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, getInt(BATCH_SIZE));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, getString(COMPRESSION_TYPE));
    return props;
  }
}
