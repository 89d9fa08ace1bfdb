package org.seiswatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.seiswatch.alerts.subscription.Delivery;
import org.seiswatch.alerts.subscription.Policy;
import org.seiswatch.alerts.subscription.Subscription;
import org.seiswatch.alerts.subscription.SubscriptionStore;

/** Deliverers follow the subscription store: started, replaced and stopped with its changes. */
@Timeout(20)
class WebhookDispatcherTest {
  private static final WebhookSettings SETTINGS =
      new WebhookSettings(
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(10),
          10,
          10);

  private final SubscriptionStore store = new SubscriptionStore(null);
  private final Map<String, List<MockConsumer<String, byte[]>>> consumers =
      new ConcurrentHashMap<>();
  private final WebhookDispatcher dispatcher =
      new WebhookDispatcher(
          store,
          id -> {
            MockConsumer<String, byte[]> c = new MockConsumer<>("earliest");
            consumers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(c);
            return c;
          },
          r -> WebhookResponse.status(200),
          new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()),
          new DeliveryLog(10),
          SETTINGS,
          Clock.systemUTC());

  @AfterEach
  void stop() {
    dispatcher.stop();
  }

  private static Subscription webhook(String id, String url) {
    return new Subscription(
        id,
        id,
        Policy.everything(),
        new Delivery(Delivery.Type.WEBHOOK, URI.create(url), "0123456789abcdef"));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void shouldRunOneDelivererPerWebhookSubscriptionWhenStarted() {
    store.put(webhook("a", "http://127.0.0.1:1/a"));
    store.put(
        new Subscription(
            "k", "k", Policy.everything(), new Delivery(Delivery.Type.KAFKA, null, null)));

    dispatcher.start();

    assertEquals(Map.of("a", true), dispatcher.deliverers());
  }

  @Test
  void shouldStartReplaceAndStopWhenStoreChanges() throws Exception {
    dispatcher.start();

    store.put(webhook("a", "http://127.0.0.1:1/a"));
    await(() -> dispatcher.deliverers().containsKey("a"));
    assertEquals(Map.of("a", true), dispatcher.deliverers());

    store.put(webhook("a", "http://127.0.0.1:1/new"));
    await(() -> consumers.get("a").size() == 2 && consumers.get("a").get(0).closed());
    assertTrue(consumers.get("a").get(0).closed(), "the old deliverer's consumer is closed");

    store.remove("a");
    await(() -> dispatcher.deliverers().isEmpty());
    assertEquals(Map.of(), dispatcher.deliverers());
    assertThat(consumers.get("a")).allMatch(MockConsumer::closed);
  }

  @Test
  void shouldCloseEveryConsumerWhenStopped() {
    store.put(webhook("a", "http://127.0.0.1:1/a"));
    store.put(webhook("b", "http://127.0.0.1:1/b"));
    dispatcher.start();

    dispatcher.stop();

    assertEquals(Map.of(), dispatcher.deliverers());
    assertThat(consumers.values().stream().flatMap(List::stream).toList())
        .hasSize(2)
        .allMatch(MockConsumer::closed);
  }
}
