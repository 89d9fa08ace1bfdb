package org.seiswatch.alerts.webhook;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.seiswatch.alerts.subscription.Delivery;
import org.seiswatch.alerts.subscription.Subscription;
import org.seiswatch.alerts.subscription.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link WebhookDeliverer} (and thread) per webhook subscription of the {@link
 * SubscriptionStore}, and keeps that set in step with the store: a subscription added through the
 * API gets a deliverer, a deleted one loses it, a replaced one (new URL, secret or policy) gets a
 * fresh deliverer that resumes at the committed offset of the same group. Changes are applied on a
 * control thread of its own (never on the HTTP thread that made them), also every 30 s, which
 * restarts a deliverer whose consumer failed.
 */
public final class WebhookDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final Duration RECHECK = Duration.ofSeconds(30);

  private final SubscriptionStore store;
  private final Function<String, Consumer<String, byte[]>> consumers;
  private final WebhookSender sender;
  private final Producer<String, byte[]> deadLetters;
  private final DeliveryLog log;
  private final WebhookSettings settings;
  private final Clock clock;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final Runnable onChange = this::requestReconcile;
  private final Random random = new SecureRandom();
  // Read without the lock by store listeners, which hold the store's lock (see requestReconcile).
  private volatile ScheduledExecutorService control;

  /**
   * @param consumers makes a fresh consumer in the group of the given subscription id
   * @param deadLetters the producer of given-up alerts ({@code seis.deadletter}); not closed here
   */
  public WebhookDispatcher(
      SubscriptionStore store,
      Function<String, Consumer<String, byte[]>> consumers,
      WebhookSender sender,
      Producer<String, byte[]> deadLetters,
      DeliveryLog log,
      WebhookSettings settings,
      Clock clock) {
    this.store = store;
    this.consumers = consumers;
    this.sender = sender;
    this.deadLetters = deadLetters;
    this.log = log;
    this.settings = settings;
    this.clock = clock;
  }

  /** Starts a deliverer per webhook subscription and follows the store's changes. */
  public synchronized void start() {
    if (control != null) {
      throw new IllegalStateException("webhook dispatcher already started");
    }
    control =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "seiswatch-webhook-control"));
    store.addListener(onChange);
    reconcile();
    control.scheduleWithFixedDelay(
        this::reconcileQuietly, RECHECK.toMillis(), RECHECK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Called by the store, holding its lock, after a change: only queues the work, because {@link
   * #reconcile()} takes this object's lock and then the store's.
   */
  private void requestReconcile() {
    ScheduledExecutorService c = control;
    if (c == null) {
      return;
    }
    try {
      c.execute(this::reconcileQuietly);
    } catch (RejectedExecutionException e) {
      LOG.debug("webhook dispatcher stopping; change not applied", e);
    }
  }

  private void reconcileQuietly() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      LOG.error("cannot update the webhook deliverers", e);
    }
  }

  /** Makes the running deliverers match the store's webhook subscriptions. */
  synchronized void reconcile() {
    if (control == null) {
      return;
    }
    Map<String, Subscription> wanted = new LinkedHashMap<>();
    for (Subscription s : store.list()) {
      if (s.delivery().type() == Delivery.Type.WEBHOOK) {
        wanted.put(s.id(), s);
      }
    }
    List<Running> stale = new ArrayList<>();
    running
        .entrySet()
        .removeIf(
            e -> {
              Running r = e.getValue();
              boolean keep =
                  r.deliverer.alive() && r.deliverer.subscription().equals(wanted.get(e.getKey()));
              if (!keep) {
                stale.add(r);
              }
              return !keep;
            });
    stopAll(stale);
    for (Subscription s : stale.stream().map(r -> r.deliverer.subscription()).toList()) {
      if (!wanted.containsKey(s.id())) {
        log.forget(s.id());
        LOG.info("webhook deliverer of subscription {} stopped (deleted)", s.id());
      }
    }
    wanted.forEach(
        (id, s) -> {
          if (!running.containsKey(id)) {
            running.put(id, launch(s));
          }
        });
  }

  private Running launch(Subscription s) {
    WebhookDeliverer deliverer =
        new WebhookDeliverer(
            s,
            consumers.apply(s.id()),
            sender,
            deadLetters,
            log,
            settings,
            clock,
            random::nextDouble);
    Thread thread = new Thread(deliverer, "seiswatch-webhook-" + s.id());
    thread.start();
    LOG.info("webhook deliverer of subscription {} started: {}", s.id(), s.delivery().url());
    return new Running(deliverer, thread);
  }

  /** Stops every deliverer (each finishes its attempt in flight and commits), then the control. */
  public synchronized void stop() {
    store.removeListener(onChange);
    if (control != null) {
      control.shutdownNow();
      control = null;
    }
    stopAll(new ArrayList<>(running.values()));
    running.clear();
  }

  private void stopAll(List<Running> deliverers) {
    deliverers.forEach(r -> r.deliverer.shutdown());
    Duration wait = settings.requestTimeout().plus(settings.connectTimeout()).plusSeconds(5);
    for (Running r : deliverers) {
      try {
        r.thread.join(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (r.thread.isAlive()) {
        LOG.warn("thread {} did not finish within {}", r.thread.getName(), wait);
      }
    }
  }

  /** Deliverers running now, by subscription id. */
  public synchronized Map<String, Boolean> deliverers() {
    Map<String, Boolean> alive = new HashMap<>();
    running.forEach((id, r) -> alive.put(id, r.deliverer.alive()));
    return alive;
  }

  private record Running(WebhookDeliverer deliverer, Thread thread) {}
}
