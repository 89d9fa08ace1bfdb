package org.seiswatch.deploy.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.seiswatch.common.model.AssociationInfo;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Hypocenter;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Site;
import org.seiswatch.common.model.Source;
import org.seiswatch.common.topic.Topics;

/**
 * Writes event versions to {@code seis.events} as the detector would (key = event id), for the
 * alerts service's integration tests; each write waits for the broker's acknowledgement.
 */
public final class EventWriter implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;

  public EventWriter(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrapServers, "acks", "all", "linger.ms", 0),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** A version of the demo event near its catalog location, with {@code picks} P picks. */
  public static Detection version(String id, int version, DetectionType type, int picks) {
    Instant origin = Instant.parse("2019-04-14T03:09:02.310Z");
    List<Pick> data =
        IntStream.range(0, picks)
            .mapToObj(
                i ->
                    new Pick(
                        id + "-p" + i,
                        new Site("ST" + i, "HHZ", "HV", ""),
                        Source.seiswatch("it"),
                        origin.plusSeconds(3 + i),
                        Phase.P,
                        "stalta",
                        null,
                        null,
                        new AssociationInfo(Phase.P, 0.1 * i, 30.0 * i, 0.05, 1.0)))
            .toList();
    return new Detection(
        id,
        version,
        Source.seiswatch("it"),
        new Hypocenter(19.745, -155.79, 12.9, origin, 1.5, 1.5, 3.0, 0.2),
        type,
        origin.plusSeconds(3 + picks),
        "seiswatch",
        0.1,
        0.3,
        120.0,
        data);
  }

  /** Writes and waits for the acknowledgement; returns when the record is on the broker. */
  public void write(Detection detection) throws ExecutionException, InterruptedException {
    byte[] value =
        Topics.EVENTS.valueSerde().serializer().serialize(Topics.EVENTS.name(), detection);
    producer.send(new ProducerRecord<>(Topics.EVENTS.name(), detection.id(), value)).get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
