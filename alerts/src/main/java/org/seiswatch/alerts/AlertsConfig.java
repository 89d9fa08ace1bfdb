package org.seiswatch.alerts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.seiswatch.alerts.webhook.WebhookSettings;
import org.seiswatch.common.config.UnknownSettings;
import org.seiswatch.common.error.ConfigurationException;

/**
 * Typed, validated configuration of the alerts service (STYLE.md "Configuration"): every setting
 * declared once in {@link #DEFINITION}. Build it with {@link #from(Map)}, which names the missing
 * or bad setting in a {@link ConfigurationException}.
 */
public final class AlertsConfig extends AbstractConfig {
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String GROUP_ID = "group.id";
  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String EVENTS_RETAINED = "events.retained";
  public static final String SSE_HEARTBEAT_MS = "sse.heartbeat.ms";
  public static final String API_KEYS = "api.keys";
  public static final String API_PUBLIC_PATHS = "api.public.paths";
  public static final String SUBSCRIPTIONS_FILE = "subscriptions.file";
  public static final String WEBHOOK_CONNECT_TIMEOUT_MS = "webhook.connect.timeout.ms";
  public static final String WEBHOOK_REQUEST_TIMEOUT_MS = "webhook.request.timeout.ms";
  public static final String WEBHOOK_RETRY_INITIAL_MS = "webhook.retry.initial.ms";
  public static final String WEBHOOK_RETRY_BACKOFF_MAX_MS = "webhook.retry.backoff.max.ms";
  public static final String WEBHOOK_RETRY_MAX_MS = "webhook.retry.max.ms";
  public static final String WEBHOOK_DELIVERIES_RETAINED = "webhook.deliveries.retained";
  public static final String WEBHOOK_DEDUP_LOOKBACK = "webhook.dedup.lookback";

  /** Prefix of the consumer group of each webhook subscription, followed by its id. */
  public static final String WEBHOOK_GROUP_PREFIX = "seiswatch-webhook-";

  public static final String STATIONS_LATE_AFTER_MS = "stations.late.after.ms";
  public static final String STATIONS_SILENT_AFTER_MS = "stations.silent.after.ms";
  public static final String STATIONS_HEALTH_LOOKBACK_MS = "stations.health.lookback.ms";
  public static final String WAVEFORMS_LOOKBACK_MS = "waveforms.lookback.ms";
  public static final String WAVEFORMS_SCAN_AFTER_MS = "waveforms.scan.after.ms";
  public static final String WAVEFORMS_SCAN_MAX_RECORDS = "waveforms.scan.max.records";
  public static final String WAVEFORMS_SCAN_TIMEOUT_MS = "waveforms.scan.timeout.ms";
  public static final String WAVEFORMS_MAX_POINTS = "waveforms.max.points";

  public static final String DEFAULT_PUBLIC_PATHS =
      "/,/dashboard,/health,/metrics,/api/events,/api/feed,/api/stations";

  /** Never public, whatever {@code api.public.paths} says. */
  public static final String SUBSCRIPTIONS_PATH = "/api/subscriptions";

  public static final String DEFAULT_GROUP_ID = "seiswatch-alerts";
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final int DEFAULT_EVENTS_RETAINED = 1000;
  public static final int DEFAULT_SSE_HEARTBEAT_MS = 15_000;

  public static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(
              BOOTSTRAP_SERVERS,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "Kafka brokers to connect to, as host:port[,host:port...].")
          .define(
              GROUP_ID,
              Type.STRING,
              DEFAULT_GROUP_ID,
              new ConfigDef.NonEmptyString(),
              Importance.MEDIUM,
              "Consumer group reading seis.events; instances sharing it split the partitions.")
          .define(
              HTTP_HOST,
              Type.STRING,
              "0.0.0.0",
              new ConfigDef.NonEmptyString(),
              Importance.MEDIUM,
              "Address the HTTP API binds to (0.0.0.0 = every interface).")
          .define(
              HTTP_PORT,
              Type.INT,
              DEFAULT_HTTP_PORT,
              Range.between(0, 65535),
              Importance.MEDIUM,
              "TCP port of the HTTP API; 0 binds any free port (see AlertService.httpPort()).")
          .define(
              EVENTS_RETAINED,
              Type.INT,
              DEFAULT_EVENTS_RETAINED,
              Range.atLeast(1),
              Importance.LOW,
              "How many events (all their versions) the HTTP API keeps in memory; the events with"
                  + " the oldest origin times are dropped first.")
          .define(
              SSE_HEARTBEAT_MS,
              Type.INT,
              DEFAULT_SSE_HEARTBEAT_MS,
              Range.between(100, 300_000),
              Importance.LOW,
              "Interval of the comment line sent to idle Server-Sent Events clients of /api/feed,"
                  + " so proxies keep the connection and departed clients are noticed.")
          .define(
              API_KEYS,
              Type.LIST,
              "",
              Importance.HIGH,
              "API keys accepted in the X-API-Key header. Every request except a GET of a public"
                  + " path needs one; with none configured such requests are refused (401).")
          .define(
              API_PUBLIC_PATHS,
              Type.LIST,
              DEFAULT_PUBLIC_PATHS,
              new PublicPaths(),
              Importance.MEDIUM,
              "Paths whose GET needs no API key; an entry covers the path and everything below it"
                  + " ('/' only the root). /api/subscriptions can never be public.")
          .define(
              SUBSCRIPTIONS_FILE,
              Type.STRING,
              "",
              Importance.MEDIUM,
              "JSON file of the subscriptions, read at start and rewritten on every change through"
                  + " the API; empty keeps subscriptions in memory only.")
          .define(
              WEBHOOK_CONNECT_TIMEOUT_MS,
              Type.INT,
              5_000,
              Range.between(100, 600_000),
              Importance.LOW,
              "Time allowed to open the connection to a webhook receiver; over it the attempt"
                  + " failed and is retried.")
          .define(
              WEBHOOK_REQUEST_TIMEOUT_MS,
              Type.INT,
              10_000,
              Range.between(100, 600_000),
              Importance.LOW,
              "Time allowed from sending a webhook POST to its response headers; over it the"
                  + " attempt failed and is retried.")
          .define(
              WEBHOOK_RETRY_INITIAL_MS,
              Type.INT,
              1_000,
              Range.between(1, 3_600_000),
              Importance.LOW,
              "Wait after the first failed webhook attempt of an alert; doubled per further"
                  + " failure up to webhook.retry.backoff.max.ms, each wait drawn from its upper"
                  + " half (jitter).")
          .define(
              WEBHOOK_RETRY_BACKOFF_MAX_MS,
              Type.INT,
              300_000,
              Range.between(1, 86_400_000),
              Importance.LOW,
              "Longest wait between two webhook attempts of one alert (at least"
                  + " webhook.retry.initial.ms).")
          .define(
              WEBHOOK_RETRY_MAX_MS,
              Type.LONG,
              86_400_000L,
              Range.between(0, 7L * 86_400_000L),
              Importance.MEDIUM,
              "How long after its first attempt a webhook alert is retried; then it is given up,"
                  + " written to seis.deadletter and the next alert of its partition goes. A"
                  + " restart of the service starts the clock of the alert in hand afresh.")
          .define(
              WEBHOOK_DELIVERIES_RETAINED,
              Type.INT,
              100,
              Range.between(1, 100_000),
              Importance.LOW,
              "Webhook attempts kept in memory per subscription for"
                  + " GET /api/subscriptions/{id}/deliveries.")
          .define(
              WEBHOOK_DEDUP_LOOKBACK,
              Type.INT,
              1_000,
              Range.between(0, 1_000_000),
              Importance.LOW,
              "seis.alerts records per partition re-read (not re-sent) when a webhook deliverer"
                  + " starts, to learn which event versions it already handled, so an alert the"
                  + " alerts service published twice is delivered once; 0 turns this off.")
          .define(
              STATIONS_LATE_AFTER_MS,
              Type.LONG,
              30_000L,
              Range.atLeast(0),
              Importance.LOW,
              "A station whose last packet arrived with a latency above this is 'late' in"
                  + " /api/stations and on the dashboard.")
          .define(
              STATIONS_SILENT_AFTER_MS,
              Type.LONG,
              60_000L,
              Range.atLeast(1),
              Importance.LOW,
              "A station whose last packet arrived longer ago than this (wall clock) is 'silent'.")
          .define(
              STATIONS_HEALTH_LOOKBACK_MS,
              Type.LONG,
              900_000L,
              Range.atLeast(0),
              Importance.LOW,
              "At start, seis.health is read from this far back (by append time), not from the"
                  + " beginning of its one-day retention.")
          .define(
              WAVEFORMS_LOOKBACK_MS,
              Type.LONG,
              600_000L,
              Range.atLeast(0),
              Importance.LOW,
              "The waveform scan of seis.raw starts at this much before the event was first seen"
                  + " (by append time).")
          .define(
              WAVEFORMS_SCAN_AFTER_MS,
              Type.LONG,
              600_000L,
              Range.atLeast(0),
              Importance.LOW,
              "The waveform scan stops at records appended this much after the event was first"
                  + " seen.")
          .define(
              WAVEFORMS_SCAN_MAX_RECORDS,
              Type.INT,
              500_000,
              Range.atLeast(1),
              Importance.LOW,
              "Most seis.raw records one waveform request reads; the answer says when it stopped"
                  + " there (complete=false).")
          .define(
              WAVEFORMS_SCAN_TIMEOUT_MS,
              Type.LONG,
              15_000L,
              Range.atLeast(100),
              Importance.LOW,
              "Longest time one waveform request scans seis.raw.")
          .define(
              WAVEFORMS_MAX_POINTS,
              Type.INT,
              1500,
              Range.between(10, 100_000),
              Importance.LOW,
              "Most points per channel in /api/events/{id}/waveforms (min/max per time bucket).");

  private AlertsConfig(Map<?, ?> originals) {
    super(DEFINITION, originals, false);
  }

  /**
   * Parses and validates the settings.
   *
   * @throws ConfigurationException naming the setting that is missing or invalid
   */
  public static AlertsConfig from(Map<String, ?> settings) {
    UnknownSettings.reject(DEFINITION, settings, "alerts");
    try {
      return new AlertsConfig(settings);
    } catch (ConfigException e) {
      throw new ConfigurationException("invalid alerts configuration: " + e.getMessage(), e);
    }
  }

  public String bootstrapServers() {
    return getString(BOOTSTRAP_SERVERS);
  }

  public String groupId() {
    return getString(GROUP_ID);
  }

  public String httpHost() {
    return getString(HTTP_HOST);
  }

  public int httpPort() {
    return getInt(HTTP_PORT);
  }

  public int eventsRetained() {
    return getInt(EVENTS_RETAINED);
  }

  public List<String> apiKeys() {
    return getList(API_KEYS).stream().filter(k -> !k.isBlank()).toList();
  }

  public List<String> publicPaths() {
    return getList(API_PUBLIC_PATHS);
  }

  /** The subscriptions file, or null for memory only. */
  public Path subscriptionsFile() {
    String file = getString(SUBSCRIPTIONS_FILE);
    return file == null || file.isBlank() ? null : Path.of(file);
  }

  public Duration stationsLateAfter() {
    return Duration.ofMillis(getLong(STATIONS_LATE_AFTER_MS));
  }

  public Duration stationsSilentAfter() {
    return Duration.ofMillis(getLong(STATIONS_SILENT_AFTER_MS));
  }

  public Duration stationsHealthLookback() {
    return Duration.ofMillis(getLong(STATIONS_HEALTH_LOOKBACK_MS));
  }

  public Duration waveformsLookback() {
    return Duration.ofMillis(getLong(WAVEFORMS_LOOKBACK_MS));
  }

  public Duration waveformsScanAfter() {
    return Duration.ofMillis(getLong(WAVEFORMS_SCAN_AFTER_MS));
  }

  public int waveformsScanMaxRecords() {
    return getInt(WAVEFORMS_SCAN_MAX_RECORDS);
  }

  public Duration waveformsScanTimeout() {
    return Duration.ofMillis(getLong(WAVEFORMS_SCAN_TIMEOUT_MS));
  }

  public int waveformsMaxPoints() {
    return getInt(WAVEFORMS_MAX_POINTS);
  }

  /** Public paths start with '/' and never cover subscription management. */
  private static final class PublicPaths implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      @SuppressWarnings("unchecked")
      List<String> paths = (List<String>) value;
      for (String path : paths) {
        if (!path.startsWith("/")) {
          throw new ConfigException(name, path, "a public path starts with '/'");
        }
        if (!path.equals("/")
            && (SUBSCRIPTIONS_PATH.equals(path) || SUBSCRIPTIONS_PATH.startsWith(path + "/"))) {
          throw new ConfigException(name, path, SUBSCRIPTIONS_PATH + " can never be public");
        }
      }
    }

    @Override
    public String toString() {
      return "paths starting with '/', not covering " + SUBSCRIPTIONS_PATH;
    }
  }

  public Duration sseHeartbeat() {
    return Duration.ofMillis(getInt(SSE_HEARTBEAT_MS));
  }

  /**
   * Settings of the {@code seis.events} consumer: raw byte values (deserialized by the service so a
   * bad record can be dead-lettered), only committed transactions (the detector writes with
   * exactly-once), from the start of the compacted topic for a new group, offsets committed by the
   * service after the alerts are acknowledged.
   */
  public Map<String, Object> consumerProperties() {
    Map<String, Object> props = readCommittedConsumer(groupId() + "-events");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId());
    return props;
  }

  /**
   * Settings of the group-less consumer that fills the event store: no {@code group.id}, so nothing
   * is committed and the partitions are assigned (all of them) rather than shared; committed
   * transactions only, like the group consumer.
   */
  public Map<String, Object> storeConsumerProperties() {
    return readCommittedConsumer(groupId() + "-store");
  }

  /**
   * Settings of the group-less consumer of {@code seis.stations} and {@code seis.health} behind
   * {@code /api/stations}.
   */
  public Map<String, Object> stationConsumerProperties() {
    return readCommittedConsumer(groupId() + "-stations");
  }

  /**
   * Settings of the short-lived group-less consumers that scan {@code seis.raw} for an event's
   * waveforms: big fetches, since a scan reads many small records.
   */
  public Map<String, Object> rawConsumerProperties() {
    Map<String, Object> props = readCommittedConsumer(groupId() + "-waveforms");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    return props;
  }

  /**
   * A consumer of committed transactions from the earliest offset that commits nothing by itself.
   */
  private Map<String, Object> readCommittedConsumer(String clientId) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  /** The webhook delivery settings ({@code webhook.*}). */
  public WebhookSettings webhookSettings() {
    return new WebhookSettings(
        Duration.ofMillis(getInt(WEBHOOK_CONNECT_TIMEOUT_MS)),
        Duration.ofMillis(getInt(WEBHOOK_REQUEST_TIMEOUT_MS)),
        Duration.ofMillis(getInt(WEBHOOK_RETRY_INITIAL_MS)),
        Duration.ofMillis(
            Math.max(getInt(WEBHOOK_RETRY_BACKOFF_MAX_MS), getInt(WEBHOOK_RETRY_INITIAL_MS))),
        Duration.ofMillis(getLong(WEBHOOK_RETRY_MAX_MS)),
        getInt(WEBHOOK_DELIVERIES_RETAINED),
        getInt(WEBHOOK_DEDUP_LOOKBACK));
  }

  /**
   * Settings of the {@code seis.alerts} consumer of one webhook subscription: group {@code
   * seiswatch-webhook-<id>} (so each subscription has its own committed position), from the
   * earliest offset for a new group, offsets committed by the deliverer, small batches because
   * records wait in memory while their partition's head is retried.
   */
  public Map<String, Object> webhookConsumerProperties(String subscriptionId) {
    Map<String, Object> props = readCommittedConsumer(WEBHOOK_GROUP_PREFIX + subscriptionId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, WEBHOOK_GROUP_PREFIX + subscriptionId);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    return props;
  }

  /** Settings of the producer of {@code seis.alerts} and {@code seis.deadletter}. */
  public Map<String, Object> producerProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, groupId() + "-alerts");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Alerts are latency-critical (event -> subscriber <= 1 s): send without waiting to batch.
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }
}
