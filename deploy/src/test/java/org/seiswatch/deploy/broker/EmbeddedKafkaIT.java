package org.seiswatch.deploy.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.common.topic.Topics;

class EmbeddedKafkaIT {

  @TempDir Path dataDir;

  @Test
  void shouldCreateTopicsWithTheirSpecsWhenBrokerStarts() throws Exception {
    try (EmbeddedKafka kafka = new EmbeddedKafka(new BrokerSettings(dataDir, 0, "127.0.0.1"))) {
      kafka.start();
      List<String> created = TopicAdmin.createMissing(kafka.bootstrapServers(), (short) 1);
      assertThat(created)
          .containsExactlyInAnyOrder(Topics.ALL.stream().map(t -> t.name()).toArray(String[]::new));
      assertThat(TopicAdmin.createMissing(kafka.bootstrapServers(), (short) 1)).isEmpty();

      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        Map<String, TopicDescription> described =
            admin.describeTopics(Set.of("seis.raw", "seis.events")).allTopicNames().get();
        assertEquals(Topics.RAW.spec().partitions(), described.get("seis.raw").partitions().size());
        ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, "seis.events");
        ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, "seis.raw");
        Map<ConfigResource, Config> configs =
            admin.describeConfigs(List.of(events, raw)).all().get();
        assertEquals("compact", configs.get(events).get("cleanup.policy").value());
        assertEquals(
            Long.toString(Duration.ofHours(48).toMillis()),
            configs.get(raw).get("retention.ms").value());
      }
    }
  }

  @Test
  void shouldDeliverRecordsWhenProducingAndConsuming() throws Exception {
    try (EmbeddedKafka kafka = new EmbeddedKafka(new BrokerSettings(dataDir, 0, "127.0.0.1"))) {
      kafka.start();
      TopicAdmin.createMissing(kafka.bootstrapServers(), (short) 1);
      Map<String, Object> common = Map.of("bootstrap.servers", kafka.bootstrapServers());
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(common, new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>("seis.health", "HV.HUAD", "m" + i)).get();
        }
      }
      List<String> values = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(
              Map.of(
                  "bootstrap.servers", kafka.bootstrapServers(),
                  "group.id", "it",
                  "auto.offset.reset", "earliest"),
              new StringDeserializer(),
              new StringDeserializer())) {
        consumer.subscribe(List.of("seis.health"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (values.size() < 10 && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            values.add(r.value());
          }
        }
      }
      assertThat(values)
          .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
    }
  }

  @Test
  void shouldFailWithClearMessageWhenPortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      EmbeddedKafka kafka =
          new EmbeddedKafka(new BrokerSettings(dataDir, taken.getLocalPort(), "127.0.0.1"));

      assertThatThrownBy(kafka::start)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("already in use");
    }
  }
}
