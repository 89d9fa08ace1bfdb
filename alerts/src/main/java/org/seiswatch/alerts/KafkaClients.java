package org.seiswatch.alerts;

import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Makes the service's Kafka clients from the properties {@link AlertsConfig} derives, so tests can
 * hand in {@code MockConsumer}/{@code MockProducer}. Called in {@link AlertService#start()}.
 */
public interface KafkaClients {
  /** The {@code seis.events} group consumer that publishes alerts: String keys, raw byte values. */
  Consumer<String, byte[]> consumer(Map<String, Object> properties);

  /** The group-less {@code seis.events} consumer that fills the event store. */
  Consumer<String, byte[]> storeConsumer(Map<String, Object> properties);

  /**
   * The group-less consumer of {@code seis.stations} and {@code seis.health} behind {@code
   * /api/stations}. Defaults to a real consumer.
   */
  default Consumer<String, byte[]> stationConsumer(Map<String, Object> properties) {
    return new KafkaConsumer<>(properties);
  }

  /**
   * A short-lived group-less consumer of {@code seis.raw} for one waveform request, closed by the
   * caller. Defaults to a real consumer.
   */
  default Consumer<String, byte[]> rawConsumer(Map<String, Object> properties) {
    return new KafkaConsumer<>(properties);
  }

  /** The producer of {@code seis.alerts} and {@code seis.deadletter}: String keys, byte values. */
  Producer<String, byte[]> producer(Map<String, Object> properties);

  /**
   * The {@code seis.alerts} consumer of one webhook subscription's deliverer. Real by default, so
   * fakes of the other clients need not override it unless a test has webhook subscriptions.
   */
  default Consumer<String, byte[]> webhookConsumer(Map<String, Object> properties) {
    return new KafkaConsumer<>(properties);
  }

  /** Real clients connecting to the configured brokers. */
  static KafkaClients kafka() {
    return new KafkaClients() {
      @Override
      public Consumer<String, byte[]> consumer(Map<String, Object> properties) {
        return new KafkaConsumer<>(properties);
      }

      @Override
      public Consumer<String, byte[]> storeConsumer(Map<String, Object> properties) {
        return new KafkaConsumer<>(properties);
      }

      @Override
      public Producer<String, byte[]> producer(Map<String, Object> properties) {
        return new KafkaProducer<>(properties);
      }
    };
  }
}
