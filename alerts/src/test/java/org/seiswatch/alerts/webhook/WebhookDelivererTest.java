package org.seiswatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.seiswatch.alerts.Detections;
import org.seiswatch.alerts.subscription.Delivery;
import org.seiswatch.alerts.subscription.Policy;
import org.seiswatch.alerts.subscription.Quality;
import org.seiswatch.alerts.subscription.Region;
import org.seiswatch.alerts.subscription.Subscription;
import org.seiswatch.common.model.Alert;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.topic.Topics;

/**
 * The deliverer against a {@link MockConsumer}, a scripted sender and a clock moved by hand: what
 * is sent, in which order, when it is retried, given up and committed.
 */
@Timeout(10)
class WebhookDelivererTest {
  private static final String SECRET = "0123456789abcdef";
  private static final String TOPIC = Topics.ALERTS.name();
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  private static final URI URL = URI.create("http://127.0.0.1:1/hook");
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final WebhookSettings SETTINGS =
      new WebhookSettings(
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(8),
          Duration.ofSeconds(60),
          100,
          1000);

  private final TestClock clock = new TestClock(START);
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final DeliveryLog log = new DeliveryLog(100);
  private final List<WebhookRequest> sent = new ArrayList<>();
  private final Deque<WebhookResponse> answers = new ArrayDeque<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Map<TopicPartition, Long> nextOffset = new HashMap<>();
  private MockConsumer<String, byte[]> consumer;

  private WebhookResponse answer(WebhookRequest request) {
    sent.add(request);
    String key = request.headers().get(WebhookRequest.IDEMPOTENCY_KEY);
    if (failures.getOrDefault(key, 0) > 0) {
      failures.merge(key, -1, Integer::sum);
      return WebhookResponse.status(500);
    }
    return answers.isEmpty() ? WebhookResponse.status(204) : answers.poll();
  }

  private static Subscription subscription(Policy policy) {
    return new Subscription(
        "sub-1", "test", policy, new Delivery(Delivery.Type.WEBHOOK, URL, SECRET));
  }

  /** A started deliverer owning P0 and P1, with nothing committed yet. */
  private WebhookDeliverer deliverer(Policy policy) {
    return deliverer(policy, new MockConsumer<>("earliest"));
  }

  private WebhookDeliverer deliverer(Policy policy, MockConsumer<String, byte[]> mock) {
    consumer = mock;
    WebhookDeliverer deliverer =
        new WebhookDeliverer(
            subscription(policy),
            consumer,
            this::answer,
            producer,
            log,
            SETTINGS,
            clock,
            () -> 0.9999999);
    deliverer.subscribe();
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.rebalance(List.of(P0, P1));
    return deliverer;
  }

  private void add(TopicPartition tp, Detection d) {
    byte[] value = Topics.ALERTS.valueSerde().serializer().serialize(TOPIC, Alert.of(d, START));
    addRaw(tp, d.id(), value);
  }

  private void addRaw(TopicPartition tp, String key, byte[] value) {
    long offset = nextOffset.merge(tp, 1L, Long::sum) - 1;
    consumer.addRecord(new ConsumerRecord<>(TOPIC, tp.partition(), offset, key, value));
  }

  private static Detection version(String id, int version) {
    return Detections.version(id, version, Detections.ORIGIN, 5);
  }

  private List<String> keys() {
    return sent.stream().map(r -> r.headers().get(WebhookRequest.IDEMPOTENCY_KEY)).toList();
  }

  private long committed(TopicPartition tp) {
    OffsetAndMetadata c = consumer.committed(Set.of(tp)).get(tp);
    return c == null ? 0 : c.offset();
  }

  @Test
  void shouldPostSignedAlertWithHeadersWhenPolicyAccepts() {
    WebhookDeliverer deliverer = deliverer(Policy.everything());
    Detection d = version("sw1", 1);
    add(P0, d);

    deliverer.step();

    assertEquals(1, sent.size());
    WebhookRequest r = sent.get(0);
    byte[] expectedBody =
        Topics.ALERTS.valueSerde().serializer().serialize(TOPIC, Alert.of(d, START));
    assertArrayEquals(expectedBody, r.body());
    assertEquals(URL, r.url());
    assertEquals("application/json", r.headers().get("Content-Type"));
    assertEquals("sw1:1", r.headers().get("Idempotency-Key"));
    assertEquals("sw1", r.headers().get("X-Seiswatch-Event"));
    assertEquals("1", r.headers().get("X-Seiswatch-Version"));
    assertEquals(Long.toString(START.getEpochSecond()), r.headers().get("X-Seiswatch-Timestamp"));
    assertTrue(
        WebhookSignature.verify(
            SECRET,
            r.headers().get("X-Seiswatch-Timestamp"),
            r.body(),
            r.headers().get("X-Seiswatch-Signature")));
    assertEquals(1, committed(P0));
    assertEquals(DeliveryAttempt.Outcome.DELIVERED, log.recent("sub-1").get(0).outcome());
    assertEquals(1, log.delivered());
  }

  @Test
  void shouldSkipAndCommitWhenPolicyRejects() {
    Policy faraway =
        new Policy(
            new Region.Circle(0, 0, 100), null, Quality.ANY, EnumSet.allOf(DetectionType.class));
    WebhookDeliverer deliverer = deliverer(faraway);
    add(P0, version("sw1", 1));
    add(P0, version("sw1", 2));

    deliverer.step();

    assertEquals(List.of(), sent);
    assertEquals(2, committed(P0));
  }

  @Test
  void shouldSendOnlyAcceptedVersionTypesWhenPolicyListsSome() {
    Policy finals = new Policy(null, null, Quality.ANY, EnumSet.of(DetectionType.FINAL));
    WebhookDeliverer deliverer = deliverer(finals);
    add(P0, version("sw1", 1));
    add(
        P0,
        Detections.detection(
            "sw1", 2, DetectionType.FINAL, Detections.ORIGIN, 19.7, -155.8, 10, 5));

    deliverer.step();

    assertEquals(List.of("sw1:2"), keys());
  }

  @Test
  void shouldRetryWithGrowingBackoffAndNotCommitWhenReceiverFails() {
    WebhookDeliverer deliverer = deliverer(Policy.everything());
    answers.add(WebhookResponse.status(500));
    answers.add(WebhookResponse.error("ConnectException: refused"));
    add(P0, version("sw1", 1));

    deliverer.step(); // attempt 1 fails: next in 1 s
    assertEquals(0, committed(P0));
    clock.advance(Duration.ofMillis(900));
    deliverer.step();
    assertEquals(1, sent.size(), "not before the backoff");
    clock.advance(Duration.ofMillis(100));
    deliverer.step(); // attempt 2 fails: next in 2 s
    clock.advance(Duration.ofMillis(1900));
    deliverer.step();
    assertEquals(2, sent.size(), "the second wait is twice the first");
    clock.advance(Duration.ofMillis(100));
    deliverer.step(); // attempt 3 succeeds

    assertEquals(List.of("sw1:1", "sw1:1", "sw1:1"), keys());
    assertEquals(
        List.of("1", "2", "3"),
        sent.stream().map(r -> r.headers().get(WebhookRequest.ATTEMPT)).toList());
    assertEquals(1, committed(P0));
    List<DeliveryAttempt> attempts = log.recent("sub-1");
    assertEquals(
        List.of(
            DeliveryAttempt.Outcome.DELIVERED,
            DeliveryAttempt.Outcome.RETRY,
            DeliveryAttempt.Outcome.RETRY),
        attempts.stream().map(DeliveryAttempt::outcome).toList());
    assertEquals(500, attempts.get(2).status());
    assertEquals("ConnectException: refused", attempts.get(1).error());
    assertEquals(2, log.retried());
  }

  @Test
  void shouldHoldLaterVersionsWhenEarlierVersionIsRetried() {
    WebhookDeliverer deliverer = deliverer(Policy.everything());
    answers.add(WebhookResponse.status(503));
    add(P0, version("sw1", 1));
    add(P0, version("sw1", 2));
    add(P0, version("sw1", 3));

    deliverer.step();
    deliverer.step();
    assertEquals(List.of("sw1:1"), keys());
    assertThat(consumer.paused()).contains(P0);
    clock.advance(Duration.ofSeconds(1));
    deliverer.step();

    assertEquals(List.of("sw1:1", "sw1:1", "sw1:2", "sw1:3"), keys());
    assertEquals(3, committed(P0));
    assertThat(consumer.paused()).doesNotContain(P0);
  }

  @Test
  void shouldDeliverOtherPartitionWhenOnePartitionWaits() {
    WebhookDeliverer deliverer = deliverer(Policy.everything());
    failures.put("sw1:1", 1);
    add(P0, version("sw1", 1));
    add(P1, version("sw2", 1));
    add(P1, version("sw2", 2));

    deliverer.step();

    assertThat(keys()).containsExactlyInAnyOrder("sw1:1", "sw2:1", "sw2:2");
    assertThat(keys().indexOf("sw2:1")).isLessThan(keys().indexOf("sw2:2"));
    assertEquals(2, committed(P1));
  }

  @Test
  void shouldGiveUpDeadLetterAndGoOnWhenRetryTimeIsOver() {
    WebhookDeliverer deliverer = deliverer(Policy.everything());
    failures.put("sw1:1", 1000);
    add(P0, version("sw1", 1));
    add(P0, version("sw2", 1));

    for (int i = 0; i < 40 && log.failed() == 0; i++) {
      deliverer.step();
      clock.advance(Duration.ofSeconds(8));
    }

    assertEquals(1, log.failed());
    // 1 + 2 + 4 + 8 + 8 ... s from the first attempt: the last one at exactly 60 s.
    List<WebhookRequest> forFirst =
        sent.stream().filter(r -> r.headers().get(WebhookRequest.EVENT).equals("sw1")).toList();
    assertThat(forFirst.size()).isBetween(8, 12);
    assertEquals("sw2:1", keys().get(keys().size() - 1));
    assertEquals(2, committed(P0));
    assertEquals(1, producer.history().size());
    assertEquals(Topics.DEADLETTER.name(), producer.history().get(0).topic());
    DeadLetter letter =
        Topics.DEADLETTER
            .valueSerde()
            .deserializer()
            .deserialize(Topics.DEADLETTER.name(), producer.history().get(0).value());
    assertEquals(WebhookDeliverer.STAGE, letter.stage());
    assertThat(letter.reason()).contains("sub-1", "sw1:1", "HTTP 500");
    assertEquals(0L, letter.origin().offset());
    assertEquals(DeliveryAttempt.Outcome.GAVE_UP, log.recent("sub-1").get(1).outcome());
  }

  @Test
  void shouldSkipDuplicateAndStaleVersionsWhenAlreadyHandled() {
    WebhookDeliverer deliverer = deliverer(Policy.everything());
    add(P0, version("sw1", 1));
    add(P0, version("sw1", 2));
    add(P0, version("sw1", 1)); // re-published by a restarted alerts service
    add(P0, version("sw1", 2));
    add(P0, version("sw1", 3));

    deliverer.step();

    assertEquals(List.of("sw1:1", "sw1:2", "sw1:3"), keys());
    assertEquals(5, committed(P0));
  }

  @Test
  void shouldNotRedeliverWhenRestartedAfterCommitAndDuplicatesFollow() {
    WebhookDeliverer deliverer = deliverer(Policy.everything());
    consumer.commitSync(Map.of(P0, new OffsetAndMetadata(2)));
    consumer.rebalance(List.of()); // the restart: partitions gone and assigned again
    consumer.rebalance(List.of(P0, P1));
    add(P0, version("sw1", 1)); // offset 0 and 1: handled before the restart
    add(P0, version("sw1", 2));
    add(P0, version("sw1", 2)); // offset 2: a duplicate published after it
    add(P0, version("sw1", 3));

    deliverer.step();

    assertEquals(List.of("sw1:3"), keys());
    assertEquals(4, committed(P0));
  }

  @Test
  void shouldDeadLetterAndGoOnWhenAlertIsCorrupt() {
    WebhookDeliverer deliverer = deliverer(Policy.everything());
    add(P0, version("sw1", 1));
    addRaw(P0, "sw2", "{not json".getBytes(StandardCharsets.UTF_8));
    add(P0, version("sw3", 1));

    deliverer.step();

    assertEquals(List.of("sw1:1", "sw3:1"), keys());
    assertEquals(1, producer.history().size());
    assertEquals("sw2", producer.history().get(0).key());
    assertEquals(3, committed(P0));
  }

  @Test
  void shouldSendNothingMoreUntilNextPollWhenCommitFails() {
    int[] refusals = {1};
    WebhookDeliverer deliverer =
        deliverer(
            Policy.everything(),
            new MockConsumer<>("earliest") {
              @Override
              public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
                if (refusals[0]-- > 0) {
                  throw new RebalanceInProgressException("rebalancing");
                }
                super.commitSync(offsets);
              }
            });
    add(P0, version("sw1", 1));
    add(P0, version("sw1", 2));

    deliverer.step();
    assertEquals(List.of("sw1:1"), keys());
    deliverer.step();

    assertEquals(List.of("sw1:1", "sw1:2"), keys());
    assertEquals(2, committed(P0));
  }

  @Test
  void shouldCloseConsumerWhenShutDown() throws Exception {
    WebhookDeliverer deliverer = deliverer(Policy.everything());
    add(P0, version("sw1", 1));
    Thread thread = new Thread(deliverer);
    thread.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (sent.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    deliverer.shutdown();
    thread.join(5000);

    assertEquals(List.of("sw1:1"), keys());
    assertTrue(consumer.closed());
    assertEquals(false, deliverer.alive());
  }
}
