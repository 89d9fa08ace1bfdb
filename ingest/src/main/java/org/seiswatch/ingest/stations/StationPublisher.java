package org.seiswatch.ingest.stations;

import java.util.Collection;
import java.util.Objects;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.ingest.internal.SendFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces station metadata to the compacted {@code seis.stations} topic, keyed {@code NET.STA}, as
 * JSON ({@link Topics#STATIONS}'s serde). Takes a byte-valued producer so that one producer (and
 * one idempotent session) serves both stations and raw records.
 */
public final class StationPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(StationPublisher.class);

  private final Producer<String, byte[]> producer;
  private final Serializer<Station> serializer = Topics.STATIONS.valueSerde().serializer();

  /** Publishes through {@code producer}, which the caller owns. */
  public StationPublisher(Producer<String, byte[]> producer) {
    this.producer = Objects.requireNonNull(producer, "producer");
  }

  /**
   * Sends every station and flushes.
   *
   * @return the number of stations sent
   * @throws org.seiswatch.common.error.SeiswatchException if a send failed
   */
  public int publish(Collection<Station> stations) {
    if (stations.isEmpty()) {
      return 0;
    }
    SendFailures failures = new SendFailures();
    String topic = Topics.STATIONS.name();
    for (Station station : stations) {
      producer.send(
          new ProducerRecord<>(topic, station.key(), serializer.serialize(topic, station)),
          failures.callback(topic));
    }
    producer.flush();
    failures.check();
    LOG.info("published {} stations to {}", stations.size(), topic);
    return stations.size();
  }
}
