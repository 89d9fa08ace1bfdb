package org.seiswatch.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.seiswatch.alerts.consumer.EventConsumerLoop;
import org.seiswatch.alerts.consumer.EventRecordHandler;
import org.seiswatch.alerts.http.AlertsHttpServer;
import org.seiswatch.alerts.http.ApiKeyGuard;
import org.seiswatch.alerts.http.DashboardApi;
import org.seiswatch.alerts.http.DeliveriesApi;
import org.seiswatch.alerts.http.EventsApi;
import org.seiswatch.alerts.http.FeedApi;
import org.seiswatch.alerts.http.HealthApi;
import org.seiswatch.alerts.http.MetricsApi;
import org.seiswatch.alerts.http.Route;
import org.seiswatch.alerts.http.StationsApi;
import org.seiswatch.alerts.http.SubscriptionsApi;
import org.seiswatch.alerts.http.WaveformsApi;
import org.seiswatch.alerts.metrics.AlertsMetrics;
import org.seiswatch.alerts.sse.SseHub;
import org.seiswatch.alerts.stations.StationDirectory;
import org.seiswatch.alerts.stations.StationFeed;
import org.seiswatch.alerts.store.EventStore;
import org.seiswatch.alerts.store.EventStoreFeed;
import org.seiswatch.alerts.subscription.Delivery;
import org.seiswatch.alerts.subscription.Subscription;
import org.seiswatch.alerts.subscription.SubscriptionStore;
import org.seiswatch.alerts.waveform.WaveformService;
import org.seiswatch.alerts.webhook.DeliveryLog;
import org.seiswatch.alerts.webhook.HttpWebhookSender;
import org.seiswatch.alerts.webhook.WebhookDispatcher;
import org.seiswatch.alerts.webhook.WebhookSettings;
import org.seiswatch.common.model.Detection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts service (DESIGN.md "Services", alerts): consumes {@code seis.events}, publishes one
 * {@code Alert} per event version on {@code seis.alerts}, logs one line per version, dead-letters
 * records it cannot read, answers {@code /health} and {@code /api/events} over HTTP, and delivers
 * the alerts to webhook subscriptions ({@code alerts.webhook.WebhookDispatcher}, README
 * "Webhooks").
 *
 * <p>The constructor does no I/O; {@link #start()} binds the HTTP port, creates the Kafka clients
 * and starts the consumer threads and webhook deliverers; {@link #stop()} undoes all of it.
 */
public final class AlertService {
  private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
  private static final Duration CONSUMER_JOIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final AlertsConfig config;
  private final KafkaClients clients;
  private final Clock clock;
  private final EventStore store;
  private final List<Consumer<Detection>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Detection>> liveListeners = new CopyOnWriteArrayList<>();
  private final AlertsMetrics metrics = new AlertsMetrics();
  private final SseHub sse;
  private final SubscriptionStore subscriptions;
  private final WebhookSettings webhookSettings;
  private final DeliveryLog deliveries;
  private final StationDirectory stations;
  private final WaveformService waveforms;

  private AlertsHttpServer http;
  private Producer<String, byte[]> producer;
  // Read by HTTP threads without the lock.
  private volatile EventRecordHandler handler;
  private volatile EventConsumerLoop loop;
  private Thread consumerThread;
  private volatile EventStoreFeed feed;
  private Thread feedThread;
  private WebhookDispatcher webhooks;
  private volatile StationFeed stationFeed;
  private Thread stationThread;

  /** A service with real Kafka clients and the system clock. */
  public AlertService(AlertsConfig config) {
    this(config, KafkaClients.kafka(), Clock.systemUTC());
  }

  /**
   * @param clients makes the consumer and producer in {@link #start()}
   * @param clock stamps {@code Alert.issued} and {@code DeadLetter.recordedAt}
   */
  public AlertService(AlertsConfig config, KafkaClients clients, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store = new EventStore(config.eventsRetained());
    this.sse = new SseHub(config.sseHeartbeat());
    this.subscriptions = new SubscriptionStore(config.subscriptionsFile());
    this.webhookSettings = config.webhookSettings();
    this.deliveries = new DeliveryLog(webhookSettings.deliveriesRetained());
    this.stations = new StationDirectory(config.stationsLateAfter(), config.stationsSilentAfter());
    this.waveforms =
        new WaveformService(
            store,
            () -> clients.rawConsumer(config.rawConsumerProperties()),
            clock,
            new WaveformService.Settings(
                config.waveformsLookback(),
                config.waveformsScanAfter(),
                config.waveformsScanMaxRecords(),
                config.waveformsScanTimeout(),
                config.waveformsMaxPoints()));
    liveListeners.add(sse);
    bindMetrics();
  }

  private void bindMetrics() {
    metrics.counter(
        "seiswatch.alerts.events.consumed",
        "seis.events records handled by the alerting group consumer, good or dead-lettered",
        this,
        AlertService::recordsConsumed);
    metrics.counter(
        "seiswatch.alerts.alerts.published",
        "alerts acknowledged by the broker on seis.alerts",
        this,
        AlertService::alertsPublished);
    metrics.counter(
        "seiswatch.alerts.dead.letters",
        "seis.events records sent to seis.deadletter",
        this,
        AlertService::deadLetters);
    metrics.counter(
        "seiswatch.alerts.store.versions",
        "event versions read into the event store (all partitions, history included)",
        this,
        AlertService::versionsStored);
    metrics.gauge(
        "seiswatch.alerts.events.retained", "events held for the API", store, EventStore::size);
    metrics.gauge(
        "seiswatch.alerts.sse.clients", "clients connected to /api/feed", sse, SseHub::clients);
    metrics.counter(
        "seiswatch.alerts.sse.events.sent", "event versions sent on /api/feed", sse, SseHub::sent);
    metrics.counter(
        "seiswatch.alerts.webhook.delivered",
        "alerts delivered to webhook receivers (2xx)",
        deliveries,
        DeliveryLog::delivered);
    metrics.counter(
        "seiswatch.alerts.webhook.retried",
        "failed webhook attempts that are retried after a backoff",
        deliveries,
        DeliveryLog::retried);
    metrics.counter(
        "seiswatch.alerts.webhook.failed",
        "webhook alerts given up after webhook.retry.max.ms and dead-lettered",
        deliveries,
        DeliveryLog::failed);
  }

  /**
   * Binds the HTTP API, creates the Kafka clients and starts consuming. On failure whatever was
   * started is stopped again before the exception propagates.
   *
   * @throws org.seiswatch.common.error.ConfigurationException if the HTTP address cannot be bound
   *     or the subscriptions file is invalid
   * @throws IllegalStateException if already started
   */
  public synchronized void start() {
    if (http != null) {
      throw new IllegalStateException("alerts service already started");
    }
    try {
      subscriptions.load();
      sse.start();
      http =
          new AlertsHttpServer(
              config.httpHost(),
              config.httpPort(),
              routes(),
              ApiKeyGuard.of(config.apiKeys(), config.publicPaths()));
      http.start();
      producer = clients.producer(config.producerProperties());
      handler = new EventRecordHandler(producer, clock, listeners, this::kafkaSubscribers);
      loop = new EventConsumerLoop(clients.consumer(config.consumerProperties()), handler);
      consumerThread = new Thread(loop, "seiswatch-alerts-events");
      consumerThread.start();
      feed =
          new EventStoreFeed(
              clients.storeConsumer(config.storeConsumerProperties()), store, liveListeners, clock);
      feedThread = new Thread(feed, "seiswatch-alerts-store");
      feedThread.start();
      webhooks =
          new WebhookDispatcher(
              subscriptions,
              id -> clients.webhookConsumer(config.webhookConsumerProperties(id)),
              new HttpWebhookSender(
                  webhookSettings.connectTimeout(), webhookSettings.requestTimeout()),
              producer,
              deliveries,
              webhookSettings,
              clock);
      webhooks.start();
      stationFeed =
          new StationFeed(
              clients.stationConsumer(config.stationConsumerProperties()),
              stations,
              clock,
              config.stationsHealthLookback());
      stationThread = new Thread(stationFeed, "seiswatch-alerts-stations");
      stationThread.start();
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
    LOG.info(
        "alerts service started: brokers {}, group {}, HTTP port {}",
        config.bootstrapServers(),
        config.groupId(),
        http.port());
  }

  /** Ids of the subscriptions with delivery {@code kafka} whose policy accepts {@code d}. */
  List<String> kafkaSubscribers(Detection d) {
    return subscriptions.list().stream()
        .filter(sub -> sub.delivery().type() == Delivery.Type.KAFKA && sub.policy().accepts(d))
        .map(Subscription::id)
        .toList();
  }

  private List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    routes.addAll(new HealthApi(new Health()).routes());
    routes.addAll(new EventsApi(store, clock).routes());
    routes.addAll(new FeedApi(sse, subscriptions).routes());
    routes.addAll(new MetricsApi(metrics).routes());
    routes.addAll(new SubscriptionsApi(subscriptions).routes());
    routes.addAll(new DeliveriesApi(subscriptions, deliveries).routes());
    routes.addAll(new StationsApi(stations, clock).routes());
    routes.addAll(new WaveformsApi(waveforms).routes());
    routes.addAll(new DashboardApi().routes());
    return routes;
  }

  /**
   * Stops the HTTP API, the consumer (waiting for its thread to finish the batch in hand) and the
   * producer, each on its own so that one failing does not leave the others open. Safe to call more
   * than once, and before {@link #start()}.
   */
  public synchronized void stop() {
    try {
      sse.stop();
    } catch (RuntimeException e) {
      LOG.warn("error stopping the live feed", e);
    }
    try {
      if (http != null) {
        http.stop();
      }
    } catch (RuntimeException e) {
      LOG.warn("error stopping the HTTP API", e);
    }
    try {
      stopConsumer();
    } catch (RuntimeException e) {
      LOG.warn("error stopping the consumer", e);
    }
    try {
      stopFeed();
    } catch (RuntimeException e) {
      LOG.warn("error stopping the event store consumer", e);
    }
    try {
      if (webhooks != null) {
        // Before the producer: a deliverer giving up an alert still writes its dead letter.
        webhooks.stop();
      }
    } catch (RuntimeException e) {
      LOG.warn("error stopping the webhook deliverers", e);
    }
    try {
      stopStationFeed();
    } catch (RuntimeException e) {
      LOG.warn("error stopping the station consumer", e);
    }
    try {
      if (producer != null) {
        producer.close(PRODUCER_CLOSE_TIMEOUT);
      }
    } catch (RuntimeException e) {
      LOG.warn("error closing the producer", e);
    }
    http = null;
    producer = null;
    loop = null;
    consumerThread = null;
    feed = null;
    feedThread = null;
    webhooks = null;
    stationFeed = null;
    stationThread = null;
  }

  private void stopStationFeed() {
    if (stationFeed == null) {
      return;
    }
    if (stationThread == null || stationThread.getState() == Thread.State.NEW) {
      stationFeed.closeUnstarted();
      return;
    }
    stationFeed.shutdown();
    join(stationThread);
  }

  private void stopFeed() {
    if (feed == null) {
      return;
    }
    if (feedThread == null || feedThread.getState() == Thread.State.NEW) {
      feed.closeUnstarted();
      return;
    }
    feed.shutdown();
    join(feedThread);
  }

  private static void join(Thread thread) {
    try {
      thread.join(CONSUMER_JOIN_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("thread {} did not finish within {}", thread.getName(), CONSUMER_JOIN_TIMEOUT);
    }
  }

  private void stopConsumer() {
    if (loop == null) {
      return;
    }
    if (consumerThread == null || consumerThread.getState() == Thread.State.NEW) {
      loop.closeUnstarted();
      return;
    }
    loop.shutdown();
    join(consumerThread);
  }

  /**
   * Adds a hook called on the consumer thread once per consumed event version, after its alert is
   * sent. A listener that throws is logged and skipped. May be called before or after start.
   */
  public void addListener(Consumer<Detection> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Adds a hook called on the event store's consumer thread once per event version that reaches
   * {@code seis.events} while the service runs (not for the history read at start). Every instance
   * calls it for every event, unlike {@link #addListener}, which follows the group's share.
   */
  public void addLiveListener(Consumer<Detection> listener) {
    liveListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * True once the event store holds every version that was on {@code seis.events} when the service
   * started; versions written after that reach the live listeners and {@code /api/feed}.
   */
  public boolean storeCaughtUp() {
    EventStoreFeed f = feed;
    return f != null && f.caughtUp();
  }

  /** Event versions read into the store since start (all partitions, history included). */
  public long versionsStored() {
    EventStoreFeed f = feed;
    return f == null ? 0 : f.stored();
  }

  /**
   * The port the HTTP API is bound to (useful with {@code http.port=0}).
   *
   * @throws IllegalStateException if not started
   */
  public synchronized int httpPort() {
    if (http == null) {
      throw new IllegalStateException("alerts service not started");
    }
    return http.port();
  }

  /** Clients connected to the live feed {@code /api/feed}. */
  public long feedClients() {
    return sse.clients();
  }

  /** {@code seis.events} records consumed since start, good or dead-lettered. */
  public long recordsConsumed() {
    EventRecordHandler h = handler;
    return h == null ? 0 : h.consumed();
  }

  /** Alerts the broker acknowledged on {@code seis.alerts} since start. */
  public long alertsPublished() {
    EventRecordHandler h = handler;
    return h == null ? 0 : h.published();
  }

  /** {@code seis.events} records sent to {@code seis.deadletter} since start. */
  public long deadLetters() {
    EventRecordHandler h = handler;
    return h == null ? 0 : h.deadLettered();
  }

  /**
   * Webhook attempts, kept per subscription (also served at {@code
   * /api/subscriptions/{id}/deliveries}).
   */
  public DeliveryLog deliveries() {
    return deliveries;
  }

  /** True while both consumers run; what {@code /health} reports. */
  public boolean healthy() {
    EventConsumerLoop l = loop;
    EventStoreFeed f = feed;
    return l != null && l.alive() && f != null && f.alive();
  }

  private final class Health implements HealthApi.HealthCheck {
    @Override
    public boolean consumerAlive() {
      return healthy();
    }

    @Override
    public long recordsConsumed() {
      return AlertService.this.recordsConsumed();
    }

    @Override
    public int eventsRetained() {
      return store.size();
    }

    @Override
    public boolean storeCaughtUp() {
      return AlertService.this.storeCaughtUp();
    }
  }
}
