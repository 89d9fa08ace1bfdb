package org.seiswatch.deploy.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic as a {@code read_committed} consumer would, for assertions in integration
 * tests.
 */
public final class TopicReader {
  private TopicReader() {}

  /**
   * Reads {@code topic} from the beginning until {@code expected} records arrived, or until nothing
   * new came for {@code quiet} (then returns what there is).
   */
  public static List<ConsumerRecord<String, byte[]>> readAll(
      String bootstrapServers, String topic, int expected, Duration quiet) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrapServers,
                "group.id",
                "it-reader-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest",
                "enable.auto.commit",
                false,
                "isolation.level",
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long lastNew = System.nanoTime();
      while (records.size() < expected && System.nanoTime() - lastNew < quiet.toNanos()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          records.add(r);
          lastNew = System.nanoTime();
        }
      }
    }
    return records;
  }
}
