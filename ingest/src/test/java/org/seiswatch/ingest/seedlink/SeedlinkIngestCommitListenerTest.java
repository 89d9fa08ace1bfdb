package org.seiswatch.ingest.seedlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.ingest.replay.TestRecords;
import org.seiswatch.ingest.seedlink.client.ReceivedRecord;
import org.seiswatch.ingest.seedlink.protocol.Protocol;

class SeedlinkIngestCommitListenerTest {
  @Test
  void shouldTellTheListenerTheRecordsOfEachCommitAfterItReturned() {
    SeedlinkIngestConfig config =
        SeedlinkIngestConfig.from(
            Map.of(
                SeedlinkIngestConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9",
                SeedlinkIngestConfig.SERVER, "127.0.0.1:18000",
                SeedlinkIngestConfig.SELECT, "HV_*",
                SeedlinkIngestConfig.TRANSACTION_MAX_RECORDS, 2));
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    List<List<MiniSeedRecord>> commits = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    List<Boolean> committedBefore = new ArrayList<>();
    SeedlinkIngest ingest =
        new SeedlinkIngest(config, new SimpleMeterRegistry(), () -> producer)
            .onCommit(
                (records, at) -> {
                  commits.add(records);
                  times.add(at);
                  committedBefore.add(producer.transactionCommitted());
                });
    List<MiniSeedRecord> records = TestRecords.huadHhz(3).stream().map(MiniSeed::parse).toList();
    Instant before = Instant.now();
    for (int i = 0; i < records.size(); i++) {
      ingest.accept(
          new ReceivedRecord("127.0.0.1:18000", Protocol.V4_0, i, "HV_HUAD", records.get(i)));
    }
    ingest.disconnected();
    assertEquals(List.of(records.subList(0, 2), records.subList(2, 3)), commits);
    assertEquals(List.of(true, true), committedBefore);
    assertThat(times).allMatch(t -> !t.isBefore(before));
  }
}
