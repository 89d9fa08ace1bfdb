package org.seiswatch.ingest.seedlink;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
import org.seiswatch.ingest.seedlink.client.ClientSettings;
import org.seiswatch.ingest.seedlink.protocol.Protocol;
import org.seiswatch.ingest.seedlink.protocol.StreamSelector;

/**
 * Settings of {@link SeedlinkIngest} (Kafka {@link ConfigDef}). Further {@code producer.*} keys go
 * to the Kafka producer; {@code acks}, idempotence and {@code transactional.id} are fixed (the
 * latter by {@value #TRANSACTIONAL_ID}).
 */
public final class SeedlinkIngestConfig extends AbstractConfig {
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String CLIENT_ID = "client.id";
  public static final String SERVER = "seedlink.server";
  public static final String SELECT = "seedlink.select";
  public static final String PROTOCOL = "seedlink.protocol";
  public static final String KEEPALIVE_MS = "seedlink.keepalive.ms";
  public static final String TIMEOUT_MS = "seedlink.timeout.ms";
  public static final String RECONNECT_INITIAL_MS = "seedlink.reconnect.initial.ms";
  public static final String RECONNECT_MAX_MS = "seedlink.reconnect.max.ms";
  public static final String TRANSACTION_MAX_RECORDS = "ingest.transaction.max.records";
  public static final String TRANSACTION_MAX_MS = "ingest.transaction.max.ms";
  public static final String TRANSACTIONAL_ID = "ingest.transactional.id";
  public static final String STATE_REPLICATION = "ingest.state.replication.factor";
  public static final String HEALTH_INTERVAL_MS = "ingest.health.interval.ms";
  public static final String PRODUCER_PREFIX = ProducerSettings.PREFIX;

  public static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(
              BOOTSTRAP_SERVERS,
              Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              ConfigDef.ValidList.anyNonDuplicateValues(false, false),
              Importance.HIGH,
              "Kafka brokers, host:port,...")
          .define(CLIENT_ID, Type.STRING, "seiswatch-seedlink", Importance.LOW, "Kafka client id.")
          .define(
              SERVER,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "SeedLink server HOST:PORT (port 18000 if omitted).")
          .define(
              SELECT,
              Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              ConfigDef.ValidList.anyNonDuplicateValues(false, false),
              Importance.HIGH,
              "Streams, comma-separated NET_STA[:SEL SEL...] with SEL = LOC.CHA, CHA or LLCCC;"
                  + " ? and * wildcards, e.g. HV_*:HH?,IU_ANMO:00.BHZ.")
          .define(
              PROTOCOL,
              Type.STRING,
              "auto",
              ConfigDef.ValidString.in("auto", "3.1", "4.0"),
              Importance.MEDIUM,
              "SeedLink protocol: auto = 4.0 when the server offers it, else 3.1.")
          .define(
              KEEPALIVE_MS,
              Type.LONG,
              20_000L,
              ConfigDef.Range.atLeast(10),
              Importance.LOW,
              "Send INFO ID after this much silence, to keep the link (and firewalls) alive.")
          .define(
              TIMEOUT_MS,
              Type.LONG,
              120_000L,
              ConfigDef.Range.atLeast(10),
              Importance.MEDIUM,
              "A link with nothing received for this long (no data, no keepalive answer) is"
                  + " reopened.")
          .define(
              RECONNECT_INITIAL_MS,
              Type.LONG,
              500L,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "First reconnect delay; doubled per failed attempt, with jitter.")
          .define(
              RECONNECT_MAX_MS,
              Type.LONG,
              30_000L,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "Cap of the reconnect delay.")
          .define(
              TRANSACTION_MAX_RECORDS,
              Type.INT,
              500,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "Commit the Kafka transaction (records + resume state) after this many records.")
          .define(
              TRANSACTION_MAX_MS,
              Type.LONG,
              200L,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "... or when the open transaction is this old (added latency at most this).")
          .define(
              TRANSACTIONAL_ID,
              Type.STRING,
              "",
              Importance.LOW,
              "Kafka transactional.id; empty = seiswatch-seedlink-HOST:PORT. One process per id:"
                  + " a second one fences the first.")
          .define(
              HEALTH_INTERVAL_MS,
              Type.LONG,
              10_000L,
              ConfigDef.Range.atLeast(100),
              Importance.LOW,
              "How often a StationHealth snapshot per station goes to seis.health.")
          .define(
              STATE_REPLICATION,
              Type.SHORT,
              (short) 1,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "Replication factor of seis.ingest.state when it has to be created.");

  private SeedlinkIngestConfig(Map<?, ?> props) {
    super(DEFINITION, props, false);
  }

  /**
   * Builds and validates the settings.
   *
   * @throws ConfigurationException naming the bad setting
   */
  public static SeedlinkIngestConfig from(Map<String, ?> props) {
    UnknownSettings.reject(DEFINITION, props, "SeedLink ingest", PRODUCER_PREFIX);
    SeedlinkIngestConfig config;
    try {
      config = new SeedlinkIngestConfig(props);
    } catch (ConfigException e) {
      throw new ConfigurationException("invalid SeedLink ingest setting: " + e.getMessage(), e);
    }
    ProducerSettings.rejectFixed(
        config.originals(),
        List.of(
            ProducerConfig.ACKS_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG),
        " here");
    try {
      config.clientSettings();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("invalid SeedLink ingest setting: " + e.getMessage(), e);
    }
    return config;
  }

  public ClientSettings clientSettings() {
    String[] hostPort = ClientSettings.hostPort(getString(SERVER));
    int port;
    try {
      port = Integer.parseInt(hostPort[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SERVER + ": bad port in " + getString(SERVER), e);
    }
    String protocol = getString(PROTOCOL).toLowerCase(Locale.ROOT);
    return new ClientSettings(
        hostPort[0],
        port,
        getList(SELECT).stream().map(StreamSelector::parse).toList(),
        protocol.equals("auto") ? null : Protocol.parse(protocol),
        Duration.ofMillis(getLong(KEEPALIVE_MS)),
        Duration.ofMillis(getLong(TIMEOUT_MS)),
        Duration.ofMillis(getLong(RECONNECT_INITIAL_MS)),
        Duration.ofMillis(getLong(RECONNECT_MAX_MS)));
  }

  public int transactionMaxRecords() {
    return getInt(TRANSACTION_MAX_RECORDS);
  }

  public Duration transactionMaxAge() {
    return Duration.ofMillis(getLong(TRANSACTION_MAX_MS));
  }

  public Duration healthInterval() {
    return Duration.ofMillis(getLong(HEALTH_INTERVAL_MS));
  }

  public short stateReplicationFactor() {
    return getShort(STATE_REPLICATION);
  }

  public List<String> bootstrapServers() {
    return getList(BOOTSTRAP_SERVERS);
  }

  public String transactionalId() {
    String id = getString(TRANSACTIONAL_ID);
    return id.isBlank() ? "seiswatch-seedlink-" + clientSettings().server() : id;
  }

  /** The transactional producer's settings, serializers included. */
  public Map<String, Object> producerProperties() {
    Map<String, Object> props =
        ProducerSettings.durable(
            originalsWithPrefix(PRODUCER_PREFIX), bootstrapServers(), getString(CLIENT_ID));
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
    return props;
  }
}
