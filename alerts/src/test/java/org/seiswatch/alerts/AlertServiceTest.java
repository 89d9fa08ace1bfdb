package org.seiswatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seiswatch.alerts.Detections.ORIGIN;
import static org.seiswatch.alerts.Detections.bytes;
import static org.seiswatch.alerts.Detections.version;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.topic.Topics;

class AlertServiceTest {
  private static final TopicPartition EVENTS_0 = new TopicPartition(Topics.EVENTS.name(), 0);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final MockConsumer<String, byte[]> storeConsumer = new MockConsumer<>("earliest");
  private final MockConsumer<String, byte[]> stationConsumer = new MockConsumer<>("earliest");
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final AlertService service =
      new AlertService(
          AlertsConfig.from(
              Map.of("bootstrap.servers", "unused:9092", "http.host", "127.0.0.1", "http.port", 0)),
          new KafkaClients() {
            @Override
            public Consumer<String, byte[]> consumer(Map<String, Object> properties) {
              return consumer;
            }

            @Override
            public Consumer<String, byte[]> storeConsumer(Map<String, Object> properties) {
              return storeConsumer;
            }

            @Override
            public Consumer<String, byte[]> stationConsumer(Map<String, Object> properties) {
              return stationConsumer;
            }

            @Override
            public Consumer<String, byte[]> rawConsumer(Map<String, Object> properties) {
              return new MockConsumer<>("earliest");
            }

            @Override
            public Producer<String, byte[]> producer(Map<String, Object> properties) {
              return producer;
            }
          },
          Clock.fixed(Instant.parse("2019-04-14T03:09:30Z"), ZoneOffset.UTC));

  @AfterEach
  void stopService() {
    service.stop();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldServeConsumedEventsAndStopCleanlyWhenRunWithMockClients() throws Exception {
    Detection v1 = version("sw1", 1, ORIGIN, 4);
    Detection v2 = version("sw1", 2, ORIGIN, 6);
    List<Detection> seen = new CopyOnWriteArrayList<>();
    service.addListener(seen::add);
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(EVENTS_0));
          consumer.updateBeginningOffsets(Map.of(EVENTS_0, 0L));
          consumer.addRecord(new ConsumerRecord<>(Topics.EVENTS.name(), 0, 0, "sw1", bytes(v1)));
          consumer.addRecord(
              new ConsumerRecord<>(
                  Topics.EVENTS.name(), 0, 1, "sw1", "garbage".getBytes(StandardCharsets.UTF_8)));
          consumer.addRecord(new ConsumerRecord<>(Topics.EVENTS.name(), 0, 2, "sw1", bytes(v2)));
        });

    List<Detection> live = new CopyOnWriteArrayList<>();
    service.addLiveListener(live::add);
    storeConsumer.updatePartitions(
        Topics.EVENTS.name(),
        List.of(new PartitionInfo(Topics.EVENTS.name(), 0, null, null, null)));
    storeConsumer.updateBeginningOffsets(Map.of(EVENTS_0, 0L));
    storeConsumer.updateEndOffsets(Map.of(EVENTS_0, 0L));
    storeConsumer.schedulePollTask(
        () -> {
          storeConsumer.addRecord(
              new ConsumerRecord<>(Topics.EVENTS.name(), 0, 0, "sw1", bytes(v1)));
          storeConsumer.addRecord(
              new ConsumerRecord<>(Topics.EVENTS.name(), 0, 1, "sw1", bytes(v2)));
        });

    service.start();
    await(() -> service.recordsConsumed() == 3 && service.versionsStored() == 2);

    assertThat(service.httpPort()).isPositive();
    assertEquals(1, service.deadLetters());
    assertEquals(List.of(v1, v2), seen);
    HttpResponse<String> health = get("/health");
    assertEquals(200, health.statusCode());
    assertThat(health.body()).contains("\"storeCaughtUp\":true");
    assertThat(get("/api/events/sw1").body()).contains("\"Version\":2");
    HttpResponse<String> metrics = get("/metrics");
    assertEquals(200, metrics.statusCode());
    assertThat(metrics.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain; version=0.0.4");
    assertThat(metrics.body())
        .contains("seiswatch_alerts_events_consumed_total 3.0")
        .contains("seiswatch_alerts_alerts_published_total 2.0")
        .contains("seiswatch_alerts_dead_letters_total 1.0")
        .contains("seiswatch_alerts_store_versions_total 2.0")
        .contains("seiswatch_alerts_sse_clients 0.0");

    service.stop();

    assertThat(service.healthy()).isFalse();
    assertEquals(List.of(v1, v2), live);
    assertThat(consumer.closed()).isTrue();
    assertThat(storeConsumer.closed()).isTrue();
    assertThat(producer.closed()).isTrue();
    assertThatThrownBy(service::httpPort).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldDoNothingWhenStoppedBeforeStart() {
    service.stop();

    assertThat(service.healthy()).isFalse();
    assertEquals(0, service.recordsConsumed());
    assertThat(consumer.closed()).isFalse();
  }

  @Test
  void shouldRefuseSecondStartWhenAlreadyStarted() {
    service.start();

    assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class);
  }
}
