package org.seiswatch.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.common.error.SeiswatchException;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.DeadLetterOrigin;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.ingest.replay.internal.ReplayHealth;

class ReplayerTest {
  @TempDir Path dir;

  private final FakeWallClock clock = new FakeWallClock();
  private final MockProducer<String, byte[]> producer = mockProducer();

  private static MockProducer<String, byte[]> mockProducer() {
    return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  }

  private static ReplayConfig config(Object inputs, double speed) {
    return ReplayConfig.from(
        Map.of(
            ReplayConfig.BOOTSTRAP_SERVERS, "localhost:9092",
            ReplayConfig.INPUTS, inputs,
            ReplayConfig.SPEED, speed));
  }

  private List<ProducerRecord<String, byte[]>> sent(String topic) {
    return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  private static DeadLetter deadLetter(ProducerRecord<String, byte[]> record) {
    return Topics.DEADLETTER
        .valueSerde()
        .deserializer()
        .deserialize(record.topic(), record.value());
  }

  @Test
  void shouldProduceEveryGoodRecordAndDeadLetterTheCorruptOneWhenFileHasPoisonPill()
      throws Exception {
    List<byte[]> records = new ArrayList<>(TestRecords.huadHhz(7));
    byte[] poison = TestRecords.corruptFrames(records.get(3));
    records.set(3, poison);
    Path file = TestRecords.write(dir.resolve("poison.mseed"), records);

    ReplaySummary summary = new Replayer(config(dir.toString(), 0), producer, clock).run();

    List<ProducerRecord<String, byte[]>> raw = sent(Topics.RAW.name());
    assertEquals(6, raw.size());
    List<byte[]> good = new ArrayList<>(records);
    good.remove(3);
    for (int i = 0; i < good.size(); i++) {
      MiniSeedRecord expected = MiniSeed.parse(good.get(i));
      assertArrayEquals(good.get(i), raw.get(i).value(), "record " + i);
      assertEquals("HV.HUAD", raw.get(i).key());
      assertEquals(expected.startTime().toEpochMilli(), raw.get(i).timestamp());
    }
    List<ProducerRecord<String, byte[]>> dead = sent(Topics.DEADLETTER.name());
    assertEquals(1, dead.size());
    assertEquals(file.toString(), dead.get(0).key());
    DeadLetter letter = deadLetter(dead.get(0));
    assertEquals(Replayer.STAGE, letter.stage());
    assertEquals(DeadLetterOrigin.ofFile(file.toString(), 3 * 512L), letter.origin());
    assertArrayEquals(poison, letter.payload());
    assertThat(letter.reason()).contains("corrupt Steim data");
    assertEquals(FakeWallClock.EPOCH, letter.recordedAt());
    assertEquals(6, summary.records());
    assertEquals(1, summary.deadLetters());
    assertEquals(6 * 512L, summary.bytes());
    assertThat(producer.flushed()).isTrue();
  }

  @Test
  void shouldDeadLetterTheTailWhenFileIsTruncated() throws Exception {
    List<byte[]> records = new ArrayList<>(TestRecords.huadHhz(3));
    records.add(new byte[] {'0', '0', '0', '1'});
    Path file = TestRecords.write(dir.resolve("truncated.mseed"), records);

    ReplaySummary summary = new Replayer(config(file.toString(), 0), producer, clock).run();

    assertEquals(3, summary.records());
    assertEquals(1, summary.deadLetters());
    DeadLetter letter = deadLetter(sent(Topics.DEADLETTER.name()).get(0));
    assertEquals(DeadLetterOrigin.ofFile(file.toString(), 3 * 512L), letter.origin());
    assertThat(letter.reason()).contains("truncated");
  }

  @Test
  void shouldReplayTheDemoEventWithStationsFirstAndRecordsInTimeOrder() throws Exception {
    DemoEvent.extractTo(dir);
    ReplayConfig config =
        ReplayConfig.from(
            Map.of(
                ReplayConfig.BOOTSTRAP_SERVERS, "localhost:9092",
                ReplayConfig.INPUTS, dir.resolve("waveforms").toString(),
                ReplayConfig.STATIONS, dir.resolve("stationxml").toString()));

    ReplaySummary summary = new Replayer(config, producer, clock).run();

    List<String> topics = producer.history().stream().map(ProducerRecord::topic).toList();
    assertEquals(List.of("seis.stations"), topics.subList(0, 6).stream().distinct().toList());
    List<Long> timestamps =
        sent(Topics.RAW.name()).stream().map(ProducerRecord::timestamp).toList();
    assertThat(timestamps).isSorted();
    assertEquals(18, summary.files());
    assertEquals(6, summary.stations());
    assertEquals(18, summary.streams());
    assertEquals(timestamps.size(), summary.records());
    assertEquals(0, summary.deadLetters());
    assertThat(summary.firstSample())
        .isBetween(Instant.parse("2019-04-14T03:08:32Z"), Instant.parse("2019-04-14T03:08:33Z"));
    assertThat(summary.lastSample()).isAfter(DemoEvent.ORIGIN_TIME);
    assertThat(summary.completed()).isTrue();
  }

  @Test
  void shouldPublishOneArchiveHealthSnapshotPerStationWhenAFastReplayEnds() throws Exception {
    DemoEvent.extractTo(dir);

    ReplaySummary summary = new Replayer(config(dir.toString(), 0), producer, clock).run();

    List<StationHealth> health =
        sent(Topics.HEALTH.name()).stream()
            .map(r -> Topics.HEALTH.valueSerde().deserializer().deserialize(r.topic(), r.value()))
            .toList();
    assertEquals(6, health.size());
    assertEquals(summary.records(), health.stream().mapToLong(StationHealth::packets).sum());
    assertThat(health)
        .allSatisfy(
            h -> {
              assertEquals(ReplayHealth.ARCHIVE_STATUS, h.status());
              assertEquals(FakeWallClock.EPOCH, h.reportedAt());
              assertEquals(0, h.gaps());
            });
    assertEquals(
        health.stream().map(StationHealth::station).toList(),
        sent(Topics.HEALTH.name()).stream().map(ProducerRecord::key).toList());
  }

  @Test
  void shouldPublishHealthEveryIntervalWhenPaced() throws Exception {
    List<byte[]> records = TestRecords.huadHhz(12);
    TestRecords.write(dir.resolve("paced.mseed"), records);
    Duration data =
        Duration.between(
            MiniSeed.parse(records.get(0)).startTime(),
            MiniSeed.parse(records.get(11)).nextStartTime());

    new Replayer(config(dir.toString(), 1), producer, clock).run();

    long expected = data.toNanos() / Replayer.HEALTH_INTERVAL.toNanos() + 1;
    assertThat(data).isGreaterThan(Replayer.HEALTH_INTERVAL);
    assertThat((long) sent(Topics.HEALTH.name()).size()).isBetween(expected - 1, expected);
  }

  @Test
  void shouldProduceIdenticalSequencesWhenTheSameFilesAreReplayedTwice() throws Exception {
    DemoEvent.extractTo(dir);
    MockProducer<String, byte[]> second = mockProducer();

    new Replayer(config(dir.toString(), 0), producer, clock).run();
    new Replayer(config(dir.toString(), 0), second, clock).run();

    assertEquals(fingerprint(producer), fingerprint(second));
  }

  private static List<String> fingerprint(MockProducer<String, byte[]> producer) {
    return producer.history().stream()
        .map(
            r -> r.topic() + " " + r.key() + " " + r.timestamp() + " " + Arrays.hashCode(r.value()))
        .toList();
  }

  @Test
  void shouldReplayMiniSeed3Records() throws Exception {
    List<byte[]> records = TestRecords.miniSeed3(4, Instant.parse("2024-01-02T03:04:05Z"));
    TestRecords.write(dir.resolve("XX.TEST.00.HHZ.ms3"), records);

    ReplaySummary summary = new Replayer(config(dir.toString(), 0), producer, clock).run();

    List<ProducerRecord<String, byte[]>> raw = sent(Topics.RAW.name());
    assertEquals(4, summary.records());
    assertEquals("XX.TEST", raw.get(0).key());
    for (int i = 0; i < records.size(); i++) {
      assertArrayEquals(records.get(i), raw.get(i).value());
    }
    assertEquals(Instant.parse("2024-01-02T03:04:05Z").toEpochMilli(), raw.get(0).timestamp());
  }

  @Test
  void shouldSendEachRecordWhenItsEndTimeIsDueWhenPaced() throws Exception {
    List<byte[]> records = TestRecords.huadHhz(5);
    TestRecords.write(dir.resolve("paced.mseed"), records);
    List<Long> sendTimes = new ArrayList<>();
    MockProducer<String, byte[]> timed =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<String, byte[]> record, Callback callback) {
            sendTimes.add(clock.nanoTime());
            return super.send(record, callback);
          }
        };

    ReplaySummary summary = new Replayer(config(dir.toString(), 10), timed, clock).run();

    Instant first = MiniSeed.parse(records.get(0)).startTime();
    for (int i = 0; i < records.size(); i++) {
      Instant end = MiniSeed.parse(records.get(i)).nextStartTime();
      assertEquals(Duration.between(first, end).toNanos() / 10, sendTimes.get(i), 1.0);
    }
    assertEquals(Duration.ofNanos(sendTimes.get(4)), summary.elapsed());
  }

  @Test
  void shouldStopEarlyWhenStopIsCalled() throws Exception {
    TestRecords.write(dir.resolve("stop.mseed"), TestRecords.huadHhz(10));
    Replayer[] replayer = new Replayer[1];
    MockProducer<String, byte[]> stopping =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<String, byte[]> record, Callback callback) {
            if (history().size() == 2) {
              replayer[0].stop();
            }
            return super.send(record, callback);
          }
        };
    replayer[0] = new Replayer(config(dir.toString(), 1), stopping, clock);

    ReplaySummary summary = replayer[0].run();

    assertEquals(3, summary.records());
    assertThat(summary.completed()).isFalse();
  }

  @Test
  void shouldFailNamingTheTopicWhenASendFails() throws Exception {
    TestRecords.write(dir.resolve("fail.mseed"), TestRecords.huadHhz(3));
    MockProducer<String, byte[]> failing =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<String, byte[]> record, Callback callback) {
            TimeoutException error = new TimeoutException("broker gone");
            callback.onCompletion(null, error);
            return CompletableFuture.failedFuture(error);
          }
        };

    assertThatThrownBy(() -> new Replayer(config(dir.toString(), 0), failing, clock).run())
        .isInstanceOf(SeiswatchException.class)
        .hasMessageContaining("seis.raw")
        .hasMessageContaining("broker gone");
  }

  @Test
  void shouldFailNamingThePathWhenAnInputIsMissing() {
    Path missing = dir.resolve("nope.mseed");
    Replayer replayer = new Replayer(config(missing.toString(), 0), producer, clock);

    assertThatThrownBy(replayer::run)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(missing.toString());
    assertEquals(List.of(), producer.history());
  }
}
