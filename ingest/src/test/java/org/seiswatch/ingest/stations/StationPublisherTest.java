package org.seiswatch.ingest.stations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Channel;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.topic.Topics;

class StationPublisherTest {
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

  @Test
  void shouldProduceEachStationKeyedNetStaWhenPublishing() {
    Station huad =
        new Station(
            "HV",
            "HUAD",
            19.68466,
            -155.835697,
            2204,
            List.of(new Channel("", "HHZ", 100, 0, -90, 7.55585e8, 0.5, "M/S")));
    Station touo = new Station("HV", "TOUO", 19.504322, -155.702744, 2535, List.of());

    int sent = new StationPublisher(producer).publish(List.of(huad, touo));

    assertEquals(2, sent);
    List<ProducerRecord<String, byte[]>> history = producer.history();
    assertEquals(List.of("HV.HUAD", "HV.TOUO"), history.stream().map(ProducerRecord::key).toList());
    assertThat(history).allMatch(r -> r.topic().equals(Topics.STATIONS.name()));
    Station read =
        Topics.STATIONS
            .valueSerde()
            .deserializer()
            .deserialize(Topics.STATIONS.name(), history.get(0).value());
    assertEquals(huad, read);
    assertThat(producer.flushed()).isTrue();
  }

  @Test
  void shouldKeepUnknownChannelValuesAsNanWhenRoundTrippedThroughTheTopicSerde() {
    Station station =
        new Station(
            "HV",
            "HUAD",
            19.68466,
            -155.835697,
            2204,
            List.of(
                new Channel("", "HHZ", 100, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "")));

    new StationPublisher(producer).publish(List.of(station));

    Station read =
        Topics.STATIONS
            .valueSerde()
            .deserializer()
            .deserialize(Topics.STATIONS.name(), producer.history().get(0).value());
    assertThat(read.channels().get(0).sensitivity()).isNaN();
    assertThat(read.channels().get(0).dip()).isNaN();
  }
}
