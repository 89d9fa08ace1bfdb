package org.seiswatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.deploy.testing.KafkaBroker;
import org.seiswatch.deploy.testing.TopicReader;
import org.seiswatch.ingest.replay.ReplayConfig;
import org.seiswatch.ingest.replay.ReplaySummary;
import org.seiswatch.ingest.replay.Replayer;

/** Poison pill through a real broker: one corrupt record among good ones in a miniSEED file. */
class ReplayPoisonPillIT {
  private static final int RECORD = 512;

  @TempDir Path dir;

  @Test
  void shouldLandEveryGoodRecordAndDeadLetterTheBadOneWhenFileHasCorruptRecord() throws Exception {
    byte[] source = DemoEvent.read(DemoEvent.waveformFiles().get(2));
    int good = 10;
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(source, 0, 5 * RECORD);
    byte[] corrupt = Arrays.copyOfRange(source, 5 * RECORD, 6 * RECORD);
    Arrays.fill(corrupt, 64, RECORD, (byte) 0x55); // Steim frames destroyed, header intact
    file.write(corrupt);
    file.write(source, 6 * RECORD, 5 * RECORD);
    Path mseed = Files.write(dir.resolve("poison.mseed"), file.toByteArray());

    try (KafkaBroker broker = new KafkaBroker()) {
      ReplaySummary summary =
          new Replayer(
                  ReplayConfig.from(
                      Map.of(
                          ReplayConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                          ReplayConfig.INPUTS, mseed.toString())))
              .run();
      assertEquals(good, summary.records());
      assertEquals(1, summary.deadLetters());

      List<ConsumerRecord<String, byte[]>> raw =
          TopicReader.readAll(
              broker.bootstrapServers(), Topics.RAW.name(), good, Duration.ofSeconds(10));
      List<ConsumerRecord<String, byte[]>> dead =
          TopicReader.readAll(
              broker.bootstrapServers(), Topics.DEADLETTER.name(), 1, Duration.ofSeconds(10));

      assertEquals(good, raw.size());
      for (int i = 0; i < good; i++) {
        int offset = (i < 5 ? i : i + 1) * RECORD;
        assertArrayEquals(Arrays.copyOfRange(source, offset, offset + RECORD), raw.get(i).value());
        assertEquals("HV.HUAD", raw.get(i).key());
      }
      assertEquals(1, dead.size());
      DeadLetter letter =
          Topics.DEADLETTER.valueSerde().deserializer().deserialize("", dead.get(0).value());
      assertEquals("ingest.replay", letter.stage());
      assertEquals(mseed.toAbsolutePath().toString(), letter.origin().file());
      assertEquals(5L * RECORD, letter.origin().byteOffset());
      assertThat(letter.reason()).containsIgnoringCase("steim");
      assertArrayEquals(corrupt, letter.payload());
    }
  }
}
