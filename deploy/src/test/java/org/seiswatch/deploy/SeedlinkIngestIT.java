package org.seiswatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.deploy.testing.KafkaBroker;
import org.seiswatch.ingest.seedlink.SeedlinkIngest;
import org.seiswatch.ingest.seedlink.SeedlinkIngestConfig;
import org.seiswatch.ingest.seedlink.protocol.Protocol;
import org.seiswatch.ingest.seedlink.server.Faults;
import org.seiswatch.ingest.seedlink.server.SeedlinkServer;
import org.seiswatch.ingest.seedlink.server.ServerSettings;

/**
 * SeedLink ingest through a real broker and real sockets: {@code SeedlinkServer} serving the
 * bundled event, {@code SeedlinkIngest} writing to {@code seis.raw}; read back {@code
 * read_committed} and compared, as a multiset of record bytes, with the files.
 */
class SeedlinkIngestIT {
  @TempDir static Path dir;
  static KafkaBroker broker;
  static Map<ByteBuffer, Integer> archive = new HashMap<>();
  static int records;

  @BeforeAll
  static void setUp() throws Exception {
    broker = new KafkaBroker();
    DemoEvent.extractTo(dir);
    for (String name : DemoEvent.waveformFiles()) {
      byte[] all = DemoEvent.read(name);
      for (int i = 0; i < all.length; i += 512) {
        archive.merge(ByteBuffer.wrap(Arrays.copyOfRange(all, i, i + 512)), 1, Integer::sum);
        records++;
      }
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    broker.close();
  }

  private static ServerSettings serverSettings(Set<Protocol> protocols, double speed) {
    return ServerSettings.of(List.of(dir), "127.0.0.1", 0, speed, false).withProtocols(protocols);
  }

  private static SeedlinkIngest ingest(int port, String protocol, String... select) {
    Map<String, Object> props = new HashMap<>();
    props.put(SeedlinkIngestConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
    props.put(SeedlinkIngestConfig.SERVER, "127.0.0.1:" + port);
    props.put(SeedlinkIngestConfig.SELECT, List.of(select));
    props.put(SeedlinkIngestConfig.PROTOCOL, protocol);
    props.put(SeedlinkIngestConfig.TRANSACTION_MAX_MS, 50L);
    props.put(SeedlinkIngestConfig.KEEPALIVE_MS, 500L);
    props.put(SeedlinkIngestConfig.TIMEOUT_MS, 5_000L);
    props.put(SeedlinkIngestConfig.RECONNECT_INITIAL_MS, 20L);
    props.put(SeedlinkIngestConfig.RECONNECT_MAX_MS, 200L);
    SeedlinkIngest ingest = new SeedlinkIngest(SeedlinkIngestConfig.from(props));
    ingest.start();
    return ingest;
  }

  /** The committed {@code seis.raw} records that came from {@code server}. */
  private static List<ConsumerRecord<String, byte[]>> raw(String server) {
    return readCommitted(Topics.RAW.name()).stream()
        .filter(r -> server.equals(header(r, SeedlinkIngest.HEADER_SERVER)))
        .toList();
  }

  private static List<DeadLetter> deadLetters(String server) {
    return readCommitted(Topics.DEADLETTER.name()).stream()
        .map(r -> Topics.DEADLETTER.valueSerde().deserializer().deserialize("", r.value()))
        .filter(d -> server.equals(d.origin().server()))
        .toList();
  }

  /**
   * The whole topic up to its last stable offset, as a {@code read_committed} consumer sees it (no
   * consumer group, so no waiting for a rebalance).
   */
  private static List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
      }
    }
    return out;
  }

  private static String header(ConsumerRecord<String, byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static Map<ByteBuffer, Integer> multiset(List<ConsumerRecord<String, byte[]>> raw) {
    Map<ByteBuffer, Integer> m = new HashMap<>();
    raw.forEach(r -> m.merge(ByteBuffer.wrap(r.value()), 1, Integer::sum));
    return m;
  }

  /** "records=N duplicated=D missing=M foreign=F" against the whole archive. */
  private static String summary(Map<ByteBuffer, Integer> actual) {
    int total = actual.values().stream().mapToInt(Integer::intValue).sum();
    long duplicated = actual.values().stream().filter(n -> n > 1).count();
    long missing = archive.keySet().stream().filter(k -> !actual.containsKey(k)).count();
    long foreign = actual.keySet().stream().filter(k -> !archive.containsKey(k)).count();
    return "records="
        + total
        + " duplicated="
        + duplicated
        + " missing="
        + missing
        + " foreign="
        + foreign;
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }

  /** Waits until records arrived and then nothing new for a second. */
  private static void awaitQuiet(SeedlinkIngest ingest) throws InterruptedException {
    await(() -> ingest.counts().records() > 0);
    long last = -1;
    while (ingest.counts().records() != last) {
      last = ingest.counts().records();
      Thread.sleep(1_000);
    }
  }

  private SeedlinkIngest assertExactlyOnce(Set<Protocol> offered, String protocol)
      throws Exception {
    try (SeedlinkServer server = new SeedlinkServer(serverSettings(offered, 0)).start()) {
      SeedlinkIngest ingest = ingest(server.port(), protocol, "HV_*");
      await(() -> ingest.counts().records() >= records);
      ingest.close();
      assertEquals(records, ingest.counts().records());
      List<ConsumerRecord<String, byte[]>> raw = raw(ingest.server());
      assertEquals(
          "records=" + records + " duplicated=0 missing=0 foreign=0", summary(multiset(raw)));
      assertThat(raw).allMatch(r -> r.key().startsWith("HV."));
      assertThat(deadLetters(ingest.server())).isEmpty();
      return ingest;
    }
  }

  @Test
  void shouldLandEveryRecordExactlyOnceWhenServerSpeaksOnlyV3() throws Exception {
    assertExactlyOnce(EnumSet.of(Protocol.V3_1), "auto");
  }

  @Test
  void shouldLandEveryRecordExactlyOnceWhenNegotiatingV4() throws Exception {
    SeedlinkIngest ingest = assertExactlyOnce(EnumSet.allOf(Protocol.class), "auto");
    assertEquals(
        (double) records,
        ingest.registry().get("seedlink.packets").tag("outcome", "accepted").counter().count());
    assertThat(ingest.registry().get("seedlink.latency").tag("station", "HV.HUAD").gauge().value())
        .isGreaterThan(0);
    List<StationHealth> health =
        readCommitted(Topics.HEALTH.name()).stream()
            .map(r -> Topics.HEALTH.valueSerde().deserializer().deserialize("", r.value()))
            .toList();
    Map<String, Long> packets = new HashMap<>();
    health.forEach(h -> packets.merge(h.station(), h.packets(), Math::max));
    assertEquals(6, packets.size(), packets.toString());
    assertEquals(records, packets.values().stream().mapToLong(Long::longValue).sum());
    assertThat(health).allMatch(h -> h.gaps() == 0 && "ok".equals(h.status()));
  }

  @Test
  void shouldLandOnlySelectedStreamsWhenSelectorsGiven() throws Exception {
    try (SeedlinkServer server =
        new SeedlinkServer(serverSettings(EnumSet.allOf(Protocol.class), 0)).start()) {
      SeedlinkIngest ingest = ingest(server.port(), "3.1", "HV_HUAD:HHZ", "HV_M*:--.HHE");
      // 3 of the 18 channels: HUAD HHZ, MOKD HHE, MLOD HHE
      awaitQuiet(ingest);
      ingest.close();
      List<String> streams =
          raw(ingest.server()).stream()
              .map(r -> org.seiswatch.common.mseed.MiniSeed.parse(r.value()).streamId().toString())
              .distinct()
              .sorted()
              .toList();
      assertEquals(List.of("HV.HUAD..HHZ", "HV.MLOD..HHE", "HV.MOKD..HHE"), streams);
    }
  }

  @Test
  void shouldDeadLetterEachFaultAndLandEveryGoodPacketWhenServerMisbehaves() throws Exception {
    Faults faults = new Faults(Set.of(100L), Set.of(200L), Set.of(300L));
    for (String protocol : List.of("3.1", "4.0")) {
      try (SeedlinkServer server =
          new SeedlinkServer(serverSettings(EnumSet.allOf(Protocol.class), 0).withFaults(faults))
              .start()) {
        SeedlinkIngest ingest = ingest(server.port(), protocol, "HV_*");
        await(() -> ingest.counts().records() >= records - 2);
        ingest.close();
        assertEquals(0, ingest.counts().reconnects(), "the link stays up");
        assertEquals(
            "records=" + (records - 2) + " duplicated=0 missing=2 foreign=0",
            summary(multiset(raw(ingest.server()))),
            protocol);
        List<DeadLetter> dead = deadLetters(ingest.server());
        assertEquals(3, dead.size(), protocol);
        assertEquals(
            List.of(100L, 200L, 299L), dead.stream().map(d -> d.origin().sequence()).toList());
        assertThat(dead.get(0).reason()).startsWith("unparsable miniSEED");
        assertThat(dead.get(1).reason()).startsWith("wrong length");
        assertThat(dead.get(2).reason()).startsWith("bad sequence");
        assertThat(dead).allMatch(d -> d.stage().equals(SeedlinkIngest.STAGE));
      }
    }
  }

  @Test
  void shouldStayExactlyOnceWhenServerRestartsTwiceMidStream() throws Exception {
    ServerSettings paced = serverSettings(EnumSet.allOf(Protocol.class), 100);
    SeedlinkServer server = new SeedlinkServer(paced).start();
    int port = server.port();
    SeedlinkIngest ingest = ingest(port, "auto", "HV_*");
    try {
      for (long target : new long[] {records / 3, 2L * records / 3}) {
        await(() -> ingest.counts().packets() >= target);
        server.close();
        assertThat(ingest.counts().packets()).isLessThan(records);
        server = new SeedlinkServer(paced.withPort(port)).start();
      }
      await(() -> ingest.counts().records() >= records);
      ingest.close();
      assertThat(ingest.counts().reconnects()).isGreaterThanOrEqualTo(2);
    } finally {
      server.close();
      ingest.close();
    }
    assertEquals(
        "records=" + records + " duplicated=0 missing=0 foreign=0",
        summary(multiset(raw(ingest.server()))));
  }

  /** {@code seiswatch ingest} in its own JVM, logging to {@code log}. */
  private static Process ingestProcess(int port, Path log) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "org.seiswatch.deploy.Main",
            "ingest",
            "--seedlink",
            "127.0.0.1:" + port,
            "--select",
            "HV_*",
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--set",
            SeedlinkIngestConfig.TRANSACTION_MAX_MS + "=50",
            "--set",
            SeedlinkIngestConfig.RECONNECT_INITIAL_MS + "=20",
            "--set",
            SeedlinkIngestConfig.RECONNECT_MAX_MS + "=200")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** How many ingest JVMs started from a committed resume state of all six stations. */
  private static int resumed(Path log) throws java.io.IOException {
    return Files.readString(log).split("resuming 6 stations", -1).length - 1;
  }

  @Test
  void shouldStayExactlyOnceWhenIngestJvmIsKilledTwiceMidStream() throws Exception {
    try (SeedlinkServer server =
        new SeedlinkServer(serverSettings(EnumSet.allOf(Protocol.class), 20)).start()) {
      String name = "127.0.0.1:" + server.port();
      Path log = Files.createDirectories(Path.of("target")).resolve("ingest-jvm.log");
      Files.deleteIfExists(log);
      for (long target : new long[] {records / 3, 2L * records / 3}) {
        Process process = ingestProcess(server.port(), log);
        try {
          await(() -> raw(name).size() >= target || !process.isAlive());
          assertThat(process.isAlive()).as("ingest JVM running, see %s", log).isTrue();
        } finally {
          process.destroyForcibly().waitFor();
        }
        assertThat(raw(name).size()).as("killed mid-stream").isLessThan(records);
      }
      Process last = ingestProcess(server.port(), log);
      try {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((raw(name).size() < records || resumed(log) < 2) && System.nanoTime() < end) {
          Thread.sleep(200);
        }
      } finally {
        last.destroy();
        last.waitFor();
      }
      assertThat(server.packetsSent()).isGreaterThan(records);
      String output = Files.readString(log);
      assertThat(output).contains("resuming 0 stations");
      assertEquals(2, resumed(log), output);
      assertEquals(
          "records=" + records + " duplicated=0 missing=0 foreign=0", summary(multiset(raw(name))));
    }
  }
}
