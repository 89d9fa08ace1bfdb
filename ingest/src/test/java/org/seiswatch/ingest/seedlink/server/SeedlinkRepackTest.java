package org.seiswatch.ingest.seedlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.iris.dmc.seedcodec.SteimFrameBlock;
import edu.sc.seis.seisFile.mseed.Blockette1000;
import edu.sc.seis.seisFile.mseed.Btime;
import edu.sc.seis.seisFile.mseed.DataHeader;
import edu.sc.seis.seisFile.mseed.DataRecord;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.ingest.replay.TestRecords;

/**
 * Records that are not 512-byte miniSEED 2 (4096-byte v2 written by seisFile, miniSEED 3 written by
 * seisFile) over SeedLink 3.1 (repacked) and 4.0 (as they are), through a raw socket.
 */
class SeedlinkRepackTest {
  private static final Instant START = Instant.parse("2024-05-01T12:00:00.125Z");

  @TempDir static Path dir;
  private static List<byte[]> big;
  private static List<byte[]> v3;

  @BeforeAll
  static void write() throws Exception {
    big = bigRecords(3, START);
    v3 = TestRecords.miniSeed3(8, START);
    TestRecords.write(dir.resolve("big/XX.BIG.00.HHZ.mseed"), big);
    TestRecords.write(dir.resolve("v3/XX.TEST.00.HHZ.mseed3"), v3);
  }

  /** {@code count} contiguous 4096-byte Steim-2 v2 records of XX.BIG.00.HHZ at 100 Hz. */
  static List<byte[]> bigRecords(int count, Instant start) throws Exception {
    List<byte[]> out = new ArrayList<>();
    Instant t = start;
    for (int r = 0; r < count; r++) {
      int[] samples = new int[5000];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = (int) (20_000 * Math.sin((r * 5000 + i) / 13.0) + 300 * Math.cos(i * 1.7));
      }
      SteimFrameBlock block = edu.iris.dmc.seedcodec.Steim2.encode(samples, 63);
      int n = block.getNumSamples();
      DataHeader header = new DataHeader(r + 1, 'D', false);
      header.setNetworkCode("XX");
      header.setStationIdentifier("BIG");
      header.setLocationIdentifier("00");
      header.setChannelIdentifier("HHZ");
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
      out.add(record.toByteArray());
      t = t.plusMillis(n * 10L);
    }
    return out;
  }

  private static SeedlinkServer start() {
    return new SeedlinkServer(ServerSettings.of(List.of(dir), "127.0.0.1", 0, 0, false)).start();
  }

  private record Packet(long sequence, byte[] payload) {}

  @Test
  void shouldServe4096ByteRecordsAs512ByteV2RecordsWithTheSameSamplesAndTimesWhenV3()
      throws Exception {
    List<Packet> packets;
    try (SeedlinkServer server = start()) {
      packets = v3Packets(server.port(), "BIG XX", null, sampleCount(big));
    }
    // 63 Steim frames do not fit in 7
    assertThat(packets.size()).isGreaterThanOrEqualTo(3 * big.size());
    assertSameSamplesAndTimes(big, packets);
  }

  @Test
  void shouldServeMiniSeed3RecordsAs512ByteV2RecordsWithTheSameSamplesAndTimesWhenV3()
      throws Exception {
    List<Packet> packets;
    try (SeedlinkServer server = start()) {
      packets = v3Packets(server.port(), "TEST XX", null, sampleCount(v3));
    }
    assertSameSamplesAndTimes(v3, packets);
  }

  @Test
  void shouldGiveRepackedRecordsTheSameSequenceNumbersAndBytesWhenRestarted() throws Exception {
    List<Packet> first;
    try (SeedlinkServer server = start()) {
      first = v3Packets(server.port(), "BIG XX", null, sampleCount(big));
    }
    assertThat(first.size()).isGreaterThan(3);
    Packet resumeAt = first.get(3);
    List<Packet> again;
    try (SeedlinkServer server = start()) {
      again =
          v3Packets(
              server.port(),
              "BIG XX",
              String.format(Locale.ROOT, "%06X", resumeAt.sequence()),
              sampleCount(big) - samplesBefore(first, 3));
    }
    assertEquals(first.size() - 3, again.size());
    for (int i = 0; i < again.size(); i++) {
      assertEquals(first.get(i + 3).sequence(), again.get(i).sequence());
      assertArrayEquals(first.get(i + 3).payload(), again.get(i).payload());
    }
  }

  @Test
  void shouldServeTheOriginalRecordsUnchangedWhenV4() throws Exception {
    try (SeedlinkServer server = start();
        Socket s = new Socket("127.0.0.1", server.port())) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      for (String command : List.of("SLPROTO 4.0", "STATION XX_*", "DATA")) {
        send(out, command);
        assertEquals("OK", line(in));
      }
      send(out, "END");
      List<byte[]> bigSeen = new ArrayList<>();
      List<byte[]> v3Seen = new ArrayList<>();
      while (bigSeen.size() < big.size() || v3Seen.size() < v3.size()) {
        byte[] header = new byte[17];
        in.readFully(header);
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        in.readFully(new byte[b.get(16)]);
        byte[] payload = new byte[b.getInt(4)];
        in.readFully(payload);
        MiniSeedRecord record = MiniSeed.parse(payload);
        assertEquals(record.formatVersion() == 3 ? '3' : '2', (char) header[2]);
        (record.streamId().station().equals("BIG") ? bigSeen : v3Seen).add(payload);
      }
      for (int i = 0; i < big.size(); i++) {
        assertArrayEquals(big.get(i), bigSeen.get(i));
      }
      for (int i = 0; i < v3.size(); i++) {
        assertArrayEquals(v3.get(i), v3Seen.get(i));
      }
    }
  }

  /** Decoded samples and every sample's time of the packets equal those of the originals. */
  private static void assertSameSamplesAndTimes(List<byte[]> originals, List<Packet> packets) {
    List<Double> expected = new ArrayList<>();
    List<Instant> expectedTimes = new ArrayList<>();
    String id = null;
    for (byte[] bytes : originals) {
      MiniSeedRecord r = MiniSeed.parse(bytes);
      id = r.streamId().toString();
      double[] s = MiniSeed.decode(r);
      for (int i = 0; i < s.length; i++) {
        expected.add(s[i]);
        expectedTimes.add(r.startTime().plus(MiniSeedRecord.samplesToDuration(i, 100)));
      }
    }
    List<Double> actual = new ArrayList<>();
    List<Instant> actualTimes = new ArrayList<>();
    long previous = -1;
    for (Packet p : packets) {
      assertThat(p.sequence()).isGreaterThan(previous);
      previous = p.sequence();
      assertEquals(512, p.payload().length);
      MiniSeedRecord r = MiniSeed.parse(p.payload());
      assertEquals(2, r.formatVersion());
      assertEquals(11, r.encoding());
      assertEquals(100.0, r.sampleRate());
      assertEquals(id, r.streamId().toString());
      double[] s = MiniSeed.decode(r);
      for (int i = 0; i < s.length; i++) {
        actual.add(s[i]);
        actualTimes.add(r.startTime().plus(MiniSeedRecord.samplesToDuration(i, 100)));
      }
    }
    assertThat(packets.size()).isGreaterThanOrEqualTo(originals.size());
    assertEquals(expected, actual);
    assertEquals(expectedTimes, actualTimes);
  }

  private static int sampleCount(List<byte[]> records) {
    return records.stream().mapToInt(b -> MiniSeed.parse(b).sampleCount()).sum();
  }

  private static int samplesBefore(List<Packet> packets, int n) {
    return packets.subList(0, n).stream()
        .mapToInt(p -> MiniSeed.parse(p.payload()).sampleCount())
        .sum();
  }

  /** SeedLink 3.1 multi-station: packets of one station until {@code samples} have arrived. */
  private static List<Packet> v3Packets(int port, String station, String from, int samples)
      throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      send(out, "STATION " + station);
      assertEquals("OK", line(in));
      send(out, from == null ? "DATA" : "DATA " + from);
      assertEquals("OK", line(in));
      send(out, "END");
      List<Packet> packets = new ArrayList<>();
      int received = 0;
      while (received < samples) {
        byte[] header = new byte[8];
        in.readFully(header);
        String h = new String(header, StandardCharsets.US_ASCII);
        assertThat(h).startsWith("SL");
        byte[] record = new byte[512];
        in.readFully(record);
        packets.add(new Packet(Long.parseLong(h.substring(2), 16), record));
        received += MiniSeed.parse(record).sampleCount();
      }
      assertEquals(samples, received);
      send(out, "BYE");
      return packets;
    }
  }

  private static String line(DataInputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  private static void send(OutputStream out, String command) throws IOException {
    out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
