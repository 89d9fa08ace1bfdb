package org.seiswatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.iris.dmc.seedcodec.SteimFrameBlock;
import edu.sc.seis.seisFile.mseed.Blockette1000;
import edu.sc.seis.seisFile.mseed.Btime;
import edu.sc.seis.seisFile.mseed.DataHeader;
import edu.sc.seis.seisFile.mseed.DataRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.deploy.testing.KafkaBroker;
import org.seiswatch.deploy.testing.TopicReader;
import org.seiswatch.ingest.seedlink.SeedlinkIngest;
import org.seiswatch.ingest.seedlink.SeedlinkIngestConfig;
import org.seiswatch.ingest.seedlink.server.SeedlinkServer;
import org.seiswatch.ingest.seedlink.server.ServerSettings;

/**
 * An archive of 4096-byte miniSEED 2 records (written by seisFile) served by {@code SeedlinkServer}
 * and ingested over SeedLink 3.1, which carries only 512-byte records: the server repacks them, and
 * every sample lands in {@code seis.raw} at its time. Compared as decoded samples per stream, since
 * the bytes differ.
 */
class SeedlinkRepackIT {
  private static final Instant START = Instant.parse("2024-05-01T12:00:00Z");
  private static final int RECORDS_PER_STREAM = 4;

  @TempDir Path dir;

  @Test
  void shouldLandEverySampleOf4096ByteRecordsWhenIngestedOverV3() throws Exception {
    Map<String, List<Double>> expected = new TreeMap<>();
    Map<String, Instant> expectedStart = new HashMap<>();
    Random random = new Random(7);
    for (String sta : List.of("AAA", "BBB")) {
      for (String cha : List.of("HHE", "HHN", "HHZ")) {
        StreamId id = new StreamId("XX", sta, "", cha);
        List<byte[]> records = records4096(id, random);
        Files.createDirectories(dir.resolve(sta));
        Files.write(dir.resolve(sta).resolve(id + ".mseed"), concat(records));
        List<Double> samples = new ArrayList<>();
        for (byte[] r : records) {
          for (double s : MiniSeed.decode(MiniSeed.parse(r))) {
            samples.add(s);
          }
        }
        expected.put(id.toString(), samples);
        expectedStart.put(id.toString(), START);
      }
    }
    try (KafkaBroker broker = new KafkaBroker();
        SeedlinkServer server =
            new SeedlinkServer(ServerSettings.of(List.of(dir), "127.0.0.1", 0, 0, false)).start()) {
      Map<String, Object> props = new HashMap<>();
      props.put(SeedlinkIngestConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
      props.put(SeedlinkIngestConfig.SERVER, "127.0.0.1:" + server.port());
      props.put(SeedlinkIngestConfig.SELECT, List.of("XX_*"));
      props.put(SeedlinkIngestConfig.PROTOCOL, "3.1");
      props.put(SeedlinkIngestConfig.TRANSACTION_MAX_MS, 50L);
      SeedlinkIngest ingest = new SeedlinkIngest(SeedlinkIngestConfig.from(props));
      ingest.start();
      List<ConsumerRecord<String, byte[]>> raw;
      try {
        raw = awaitQuiet(broker.bootstrapServers(), ingest);
      } finally {
        ingest.close();
      }
      Map<String, List<MiniSeedRecord>> byStream = new TreeMap<>();
      for (ConsumerRecord<String, byte[]> r : raw) {
        assertEquals(512, r.value().length);
        MiniSeedRecord record = MiniSeed.parse(r.value());
        assertEquals(2, record.formatVersion());
        byStream.computeIfAbsent(record.streamId().toString(), k -> new ArrayList<>()).add(record);
      }
      assertEquals(expected.keySet(), byStream.keySet());
      for (Map.Entry<String, List<MiniSeedRecord>> e : byStream.entrySet()) {
        List<MiniSeedRecord> records = new ArrayList<>(e.getValue());
        records.sort(Comparator.comparing(MiniSeedRecord::startTime));
        List<Double> samples = new ArrayList<>();
        Instant next = expectedStart.get(e.getKey());
        for (MiniSeedRecord record : records) {
          // contiguous: each repacked record starts where the previous one ended
          assertEquals(next, record.startTime(), e.getKey());
          next = record.nextStartTime();
          for (double s : MiniSeed.decode(record)) {
            samples.add(s);
          }
        }
        assertEquals(expected.get(e.getKey()), samples, e.getKey());
      }
      assertThat(ingest.counts().deadLetters()).isZero();
    }
  }

  /** Waits until the ingest committed records and then nothing new for a second, reads them. */
  private static List<ConsumerRecord<String, byte[]>> awaitQuiet(
      String bootstrap, SeedlinkIngest ingest) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (ingest.counts().records() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long last = -1;
    while (ingest.counts().records() != last) {
      last = ingest.counts().records();
      Thread.sleep(1_000);
    }
    return TopicReader.readAll(bootstrap, Topics.RAW.name(), (int) last, Duration.ofSeconds(10));
  }

  /** Contiguous 4096-byte Steim-2 records of noise at 100 Hz from {@link #START}. */
  private static List<byte[]> records4096(StreamId id, Random random) throws Exception {
    List<byte[]> out = new ArrayList<>();
    Instant t = START;
    int value = 0;
    for (int r = 0; r < RECORDS_PER_STREAM; r++) {
      int[] samples = new int[4000];
      for (int i = 0; i < samples.length; i++) {
        value += (int) Math.round(random.nextGaussian() * 60);
        samples[i] = value;
      }
      SteimFrameBlock block = edu.iris.dmc.seedcodec.Steim2.encode(samples, 63);
      int n = block.getNumSamples();
      value = samples[n - 1];
      DataHeader header = new DataHeader(r + 1, 'D', false);
      header.setNetworkCode(id.network());
      header.setStationIdentifier(id.station());
      header.setLocationIdentifier(id.location());
      header.setChannelIdentifier(id.channel());
      header.setStartBtime(new Btime(t));
      header.setNumSamples((short) n);
      header.setSampleRate(100);
      DataRecord record = new DataRecord(header);
      Blockette1000 b1000 = new Blockette1000();
      b1000.setEncodingFormat((byte) 11);
      b1000.setWordOrder(Blockette1000.SEED_BIG_ENDIAN);
      b1000.setDataRecordLength((byte) 12);
      record.addBlockette(b1000);
      record.setData(block.getEncodedData());
      record.setRecordSize(4096);
      byte[] bytes = record.toByteArray();
      assertEquals(4096, bytes.length);
      out.add(bytes);
      t = t.plusMillis(n * 10L);
    }
    return out;
  }

  private static byte[] concat(List<byte[]> parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
