package org.seiswatch.ingest.seedlink.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.ingest.seedlink.protocol.Protocol;
import org.seiswatch.ingest.seedlink.protocol.StreamSelector;
import org.seiswatch.ingest.seedlink.server.Faults;
import org.seiswatch.ingest.seedlink.server.SeedlinkServer;
import org.seiswatch.ingest.seedlink.server.ServerSettings;

class SeedlinkClientTest {
  @TempDir static Path dir;
  static Map<ByteBuffer, Integer> archive;
  static int records;

  @BeforeAll
  static void extract() throws Exception {
    DemoEvent.extractTo(dir);
    archive = new HashMap<>();
    for (String name : DemoEvent.waveformFiles()) {
      byte[] all = DemoEvent.read(name);
      for (int i = 0; i < all.length; i += 512) {
        archive.merge(ByteBuffer.wrap(Arrays.copyOfRange(all, i, i + 512)), 1, Integer::sum);
        records++;
      }
    }
  }

  private static ServerSettings server(Set<Protocol> protocols, Faults faults) {
    return ServerSettings.of(List.of(dir), "127.0.0.1", 0, 0, false)
        .withProtocols(protocols)
        .withFaults(faults);
  }

  private static ClientSettings client(int port, Protocol protocol, String... selectors) {
    List<StreamSelector> parsed = new ArrayList<>();
    for (String s : selectors) {
      parsed.add(StreamSelector.parse(s));
    }
    return new ClientSettings(
        "127.0.0.1",
        port,
        parsed,
        protocol,
        Duration.ofMillis(500),
        Duration.ofSeconds(3),
        Duration.ofMillis(20),
        Duration.ofMillis(200));
  }

  private static Map<ByteBuffer, Integer> multiset(List<ReceivedRecord> received) {
    Map<ByteBuffer, Integer> m = new HashMap<>();
    for (ReceivedRecord r : received) {
      m.merge(ByteBuffer.wrap(r.record().bytes()), 1, Integer::sum);
    }
    return m;
  }

  /** Compares multisets without printing thousands of buffers on failure. */
  private static void assertSameRecords(Map<ByteBuffer, Integer> actual) {
    int total = actual.values().stream().mapToInt(Integer::intValue).sum();
    long duplicated = actual.values().stream().filter(n -> n > 1).count();
    long missing = archive.keySet().stream().filter(k -> !actual.containsKey(k)).count();
    long foreign = actual.keySet().stream().filter(k -> !archive.containsKey(k)).count();
    assertEquals(
        "records=" + records + " duplicated=0 missing=0 foreign=0",
        "records="
            + total
            + " duplicated="
            + duplicated
            + " missing="
            + missing
            + " foreign="
            + foreign);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }

  @Test
  void shouldReceiveEveryRecordOnceWhenSpeakingV4() throws Exception {
    CollectingSink sink = new CollectingSink();
    try (SeedlinkServer server =
            new SeedlinkServer(server(EnumSet.allOf(Protocol.class), Faults.NONE)).start();
        SeedlinkClient client = new SeedlinkClient(client(server.port(), null, "HV_*"), sink)) {
      client.start();
      await(() -> sink.count() >= records);
      Thread.sleep(200);
    }
    assertEquals(Protocol.V4_0, sink.protocol);
    assertSameRecords(multiset(sink.records()));
    assertThat(sink.rejected()).isEmpty();
  }

  @Test
  void shouldReceiveEveryRecordOnceWhenServerOffersOnlyV3() throws Exception {
    CollectingSink sink = new CollectingSink();
    try (SeedlinkServer server =
            new SeedlinkServer(server(EnumSet.of(Protocol.V3_1), Faults.NONE)).start();
        SeedlinkClient client = new SeedlinkClient(client(server.port(), null, "HV_*"), sink)) {
      client.start();
      await(() -> sink.count() >= records);
      Thread.sleep(200);
    }
    assertEquals(Protocol.V3_1, sink.protocol);
    assertSameRecords(multiset(sink.records()));
  }

  @Test
  void shouldReceiveOnlySelectedStreamsWhenSelectorsGiven() throws Exception {
    for (Protocol protocol : Protocol.values()) {
      CollectingSink sink = new CollectingSink();
      try (SeedlinkServer server =
              new SeedlinkServer(server(EnumSet.allOf(Protocol.class), Faults.NONE)).start();
          SeedlinkClient client =
              new SeedlinkClient(
                  client(server.port(), protocol, "HV_HUAD:HHZ", "HV_M??D:--.HHE HHN"), sink)) {
        client.start();
        await(() -> sink.count() >= 1);
        Thread.sleep(1000);
      }
      List<String> streams =
          sink.records().stream()
              .map(r -> r.record().streamId().toString())
              .distinct()
              .sorted()
              .toList();
      assertThat(streams).isNotEmpty();
      assertThat(streams)
          .allMatch(s -> s.equals("HV.HUAD..HHZ") || s.matches("HV\\.M..D\\.\\.HH[EN]"));
      assertThat(streams).contains("HV.HUAD..HHZ", "HV.MOKD..HHE", "HV.MLOD..HHN");
    }
  }

  @Test
  void shouldDeadLetterEachFaultAndKeepTheLinkWhenServerMisbehaves() throws Exception {
    for (Protocol protocol : Protocol.values()) {
      Faults faults = new Faults(Set.of(100L), Set.of(200L), Set.of(300L));
      CollectingSink sink = new CollectingSink();
      try (SeedlinkServer server =
              new SeedlinkServer(server(EnumSet.allOf(Protocol.class), faults)).start();
          SeedlinkClient client =
              new SeedlinkClient(client(server.port(), protocol, "*_*"), sink)) {
        client.start();
        await(() -> sink.count() >= records - 2);
        Thread.sleep(300);
        assertEquals(0, client.reconnects());
      }
      assertEquals(records - 2, sink.count(), protocol.toString());
      List<RejectedPacket> rejected = sink.rejected();
      assertEquals(3, rejected.size(), rejected.toString());
      assertEquals(100L, rejected.get(0).sequence());
      assertThat(rejected.get(0).reason()).startsWith("unparsable miniSEED");
      assertEquals(200L, rejected.get(1).sequence());
      assertThat(rejected.get(1).reason()).startsWith("wrong length");
      assertEquals(299L, rejected.get(2).sequence());
      assertThat(rejected.get(2).reason()).startsWith("bad sequence");
    }
  }

  @Test
  void shouldResumeWithoutLossOrDuplicateWhenServerRestarts() throws Exception {
    CollectingSink sink = new CollectingSink();
    ServerSettings settings = server(EnumSet.allOf(Protocol.class), Faults.NONE);
    SeedlinkServer server = new SeedlinkServer(settings.withFaults(Faults.NONE)).start();
    int port = server.port();
    server.close();
    ServerSettings paced =
        new ServerSettings(
            settings.archive(), "127.0.0.1", port, 300, false, settings.protocols(), Faults.NONE);
    try (SeedlinkClient client = new SeedlinkClient(client(port, null, "HV_*"), sink)) {
      client.start();
      for (int i = 0; i < 2; i++) {
        server = new SeedlinkServer(paced).start();
        int before = sink.count();
        await(() -> sink.count() > before + 100);
        server.close();
      }
      server = new SeedlinkServer(paced).start();
      await(() -> sink.count() >= records);
      Thread.sleep(200);
      assertThat(client.reconnects()).isGreaterThanOrEqualTo(2);
    } finally {
      server.close();
    }
    assertSameRecords(multiset(sink.records()));
  }
}
