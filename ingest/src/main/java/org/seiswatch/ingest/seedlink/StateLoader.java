package org.seiswatch.ingest.seedlink;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.seiswatch.common.error.ConfigurationException;

/**
 * Creates the resume-state topic when missing and reads one server's resume points from it, as a
 * {@code read_committed} consumer up to the last stable offset: only state committed together with
 * its records counts. Call after the producer's {@code initTransactions()}, which aborts whatever a
 * killed predecessor left open, so the last stable offset is not held back by it.
 */
final class StateLoader {
  private StateLoader() {}

  static void createTopic(List<String> bootstrapServers, short replicationFactor) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      var topic = SeedlinkTopics.STATE;
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic.name(), topic.spec().partitions(), replicationFactor)
                      .configs(topic.spec().configs())))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new ConfigurationException(
            "cannot create " + SeedlinkTopics.STATE.name() + ": " + e.getCause(), e);
      }
    } catch (TimeoutException e) {
      throw new ConfigurationException(
          "cannot create " + SeedlinkTopics.STATE.name() + ": timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigurationException("interrupted creating the state topic", e);
    }
  }

  /** Station id → last committed sequence, for {@code server}. */
  static Map<String, ResumePoint> load(List<String> bootstrapServers, String server) {
    Map<String, ResumePoint> points = new HashMap<>();
    var topic = SeedlinkTopics.STATE;
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new ConfigurationException("timed out reading " + topic.name());
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            continue;
          }
          ResumePoint point =
              topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
          if (point.server().equals(server)) {
            points.put(point.station(), point);
          }
        }
      }
    }
    return points;
  }
}
