package org.seiswatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.seiswatch.alerts.webhook.WebhookSettings;
import org.seiswatch.common.error.ConfigurationException;

class AlertsConfigTest {

  @Test
  void shouldApplyDefaultsWhenOnlyBootstrapServersGiven() {
    AlertsConfig config = AlertsConfig.from(Map.of("bootstrap.servers", "localhost:9092"));

    assertEquals("localhost:9092", config.bootstrapServers());
    assertEquals("seiswatch-alerts", config.groupId());
    assertEquals("0.0.0.0", config.httpHost());
    assertEquals(8080, config.httpPort());
    assertEquals(1000, config.eventsRetained());
  }

  @Test
  void shouldReadCommittedFromEarliestWhenBuildingConsumerProperties() {
    Map<String, Object> props =
        AlertsConfig.from(Map.of("bootstrap.servers", "b:9092", "group.id", "g1"))
            .consumerProperties();

    assertEquals("b:9092", props.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    assertEquals("g1", props.get(ConsumerConfig.GROUP_ID_CONFIG));
    assertEquals("read_committed", props.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
    assertEquals("earliest", props.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
    assertEquals(false, props.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
  }

  @Test
  void shouldDefaultTo24HoursOfRetriesWhenWebhookSettingsAbsent() {
    WebhookSettings settings =
        AlertsConfig.from(Map.of("bootstrap.servers", "b:9092")).webhookSettings();

    assertEquals(
        new WebhookSettings(
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            Duration.ofMinutes(5),
            Duration.ofHours(24),
            100,
            1000),
        settings);
  }

  @Test
  void shouldReadWebhookSettingsWhenGivenAsStrings() {
    WebhookSettings settings =
        AlertsConfig.from(
                Map.of(
                    "bootstrap.servers", "b:9092",
                    "webhook.retry.initial.ms", "100",
                    "webhook.retry.backoff.max.ms", "400",
                    "webhook.retry.max.ms", "60000",
                    "webhook.request.timeout.ms", "2000"))
            .webhookSettings();

    assertEquals(Duration.ofMillis(100), settings.initialBackoff());
    assertEquals(Duration.ofMillis(400), settings.maxBackoff());
    assertEquals(Duration.ofMinutes(1), settings.retryFor());
    assertEquals(Duration.ofSeconds(2), settings.requestTimeout());
  }

  @Test
  void shouldNameSettingWhenRetryTimeIsNegative() {
    assertThatThrownBy(
            () -> AlertsConfig.from(Map.of("bootstrap.servers", "b", "webhook.retry.max.ms", -1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("webhook.retry.max.ms");
  }

  @Test
  void shouldUseOwnGroupPerSubscriptionWhenBuildingWebhookConsumerProperties() {
    Map<String, Object> props =
        AlertsConfig.from(Map.of("bootstrap.servers", "b:9092")).webhookConsumerProperties("s1");

    assertEquals("seiswatch-webhook-s1", props.get(ConsumerConfig.GROUP_ID_CONFIG));
    assertEquals("earliest", props.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
    assertEquals(false, props.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
  }

  @Test
  void shouldBeIdempotentWithAllAcksWhenBuildingProducerProperties() {
    Map<String, Object> props =
        AlertsConfig.from(Map.of("bootstrap.servers", "b:9092")).producerProperties();

    assertEquals("all", props.get(ProducerConfig.ACKS_CONFIG));
    assertEquals(true, props.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
  }

  @Test
  void shouldNameSettingWhenBootstrapServersMissing() {
    assertThatThrownBy(() -> AlertsConfig.from(Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("bootstrap.servers");
  }

  @Test
  void shouldNameSettingWhenPortOutOfRange() {
    assertThatThrownBy(
            () -> AlertsConfig.from(Map.of("bootstrap.servers", "b:9092", "http.port", "70000")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("http.port");
  }

  @Test
  void shouldRejectZeroWhenEventsRetainedIsZero() {
    assertThatThrownBy(
            () -> AlertsConfig.from(Map.of("bootstrap.servers", "b:9092", "events.retained", 0)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("events.retained");
  }

  @Test
  void shouldParseStringsWhenValuesComeFromProperties() {
    AlertsConfig config =
        AlertsConfig.from(
            Map.of("bootstrap.servers", "b:9092", "http.port", "0", "events.retained", "5"));

    assertEquals(0, config.httpPort());
    assertThat(config.eventsRetained()).isEqualTo(5);
  }

  @Test
  void shouldRefusePublicPathWhenItCoversSubscriptions() {
    assertThatThrownBy(
            () ->
                AlertsConfig.from(
                    Map.of("bootstrap.servers", "b:9092", "api.public.paths", "/health,/api")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("api.public.paths")
        .hasMessageContaining("/api/subscriptions can never be public");
  }

  @Test
  void shouldDefaultToPublicReadsAndNoKeysWhenApiSettingsAbsent() {
    AlertsConfig config = AlertsConfig.from(Map.of("bootstrap.servers", "b:9092"));

    assertThat(config.apiKeys()).isEmpty();
    assertThat(config.publicPaths()).contains("/", "/health", "/api/events", "/api/feed");
    assertThat(config.subscriptionsFile()).isNull();
  }
}
