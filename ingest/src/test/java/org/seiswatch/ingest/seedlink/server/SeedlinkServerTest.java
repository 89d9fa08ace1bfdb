package org.seiswatch.ingest.seedlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.ingest.seedlink.protocol.Protocol;

/** The archive server through a raw socket, byte for byte. */
class SeedlinkServerTest {
  @TempDir static Path dir;

  @BeforeAll
  static void extract() throws Exception {
    DemoEvent.extractTo(dir);
  }

  private static SeedlinkServer start() {
    return new SeedlinkServer(ServerSettings.of(List.of(dir), "127.0.0.1", 0, 0, false)).start();
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

  @Test
  void shouldAnswerHelloWithTwoLinesListingBothProtocols() throws Exception {
    try (SeedlinkServer server = start();
        Socket s = new Socket("127.0.0.1", server.port())) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      send(s.getOutputStream(), "HELLO");
      assertThat(line(in)).startsWith("SeedLink v4.0").contains("SLPROTO:3.1", "SLPROTO:4.0");
      assertEquals("Seiswatch archive", line(in));
    }
  }

  @Test
  void shouldStreamSelectedRecordsAsSlPacketsWhenV3MultiStation() throws Exception {
    try (SeedlinkServer server = start();
        Socket s = new Socket("127.0.0.1", server.port())) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      send(out, "STATION HUAD HV");
      assertEquals("OK", line(in));
      send(out, "SELECT --HHZ");
      assertEquals("OK", line(in));
      send(out, "DATA 000010");
      assertEquals("OK", line(in));
      send(out, "STATION NOPE XX");
      assertEquals("ERROR", line(in));
      send(out, "END");
      long last = -1;
      for (int i = 0; i < 5; i++) {
        byte[] header = new byte[8];
        in.readFully(header);
        String h = new String(header, StandardCharsets.US_ASCII);
        assertThat(h).startsWith("SL");
        long seq = Long.parseLong(h.substring(2), 16);
        assertThat(seq).isGreaterThanOrEqualTo(0x10).isGreaterThan(last);
        last = seq;
        byte[] record = new byte[512];
        in.readFully(record);
        assertEquals("HV.HUAD..HHZ", MiniSeed.parse(record).streamId().toString());
      }
      send(out, "BYE");
    }
  }

  @Test
  void shouldStreamSePacketsWithSequenceAndStationWhenV4() throws Exception {
    try (SeedlinkServer server = start();
        Socket s = new Socket("127.0.0.1", server.port())) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      send(out, "SLPROTO 4.0");
      assertEquals("OK", line(in));
      send(out, "STATION HV_MOKD");
      assertEquals("OK", line(in));
      send(out, "SELECT *_H_H_E");
      assertEquals("OK", line(in));
      send(out, "DATA");
      assertEquals("OK", line(in));
      send(out, "END");
      byte[] header = new byte[17];
      in.readFully(header);
      ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
      assertEquals("SE2D", new String(header, 0, 4, StandardCharsets.US_ASCII));
      int length = b.getInt(4);
      int idLength = b.get(16);
      byte[] id = new byte[idLength];
      in.readFully(id);
      assertEquals("HV_MOKD", new String(id, StandardCharsets.US_ASCII));
      byte[] payload = new byte[length];
      in.readFully(payload);
      MiniSeedRecord record = MiniSeed.parse(payload);
      assertEquals("HV.MOKD..HHE", record.streamId().toString());
      send(out, "INFO ID");
      // the answer may follow more data packets; skip to the first J packet
      while (true) {
        in.readFully(header);
        b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        byte[] rest = new byte[b.get(16) + b.getInt(4)];
        in.readFully(rest);
        if (header[2] == 'J') {
          assertEquals('I', (char) header[3]);
          assertThat(new String(rest, StandardCharsets.US_ASCII)).contains("\"software\"");
          break;
        }
      }
    }
  }

  @Test
  void shouldRefuseV4WhenOnlyV3Offered() throws Exception {
    ServerSettings v3 =
        ServerSettings.of(List.of(dir), "127.0.0.1", 0, 0, false)
            .withProtocols(EnumSet.of(Protocol.V3_1));
    try (SeedlinkServer server = new SeedlinkServer(v3).start();
        Socket s = new Socket("127.0.0.1", server.port())) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      send(s.getOutputStream(), "SLPROTO 4.0");
      assertThat(line(in)).startsWith("ERROR");
    }
  }

  @Test
  void shouldGiveTheSameSequenceNumbersWhenRestarted() throws Exception {
    String first;
    String second;
    try (SeedlinkServer server = start()) {
      first = firstPacketHeader(server.port());
    }
    try (SeedlinkServer server = start()) {
      second = firstPacketHeader(server.port());
    }
    assertEquals(first, second);
    assertThat(first).isNotEqualTo("SL000000");
  }

  private static String firstPacketHeader(int port) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      send(out, "STATION HSSD HV");
      line(in);
      send(out, "SELECT HHN");
      line(in);
      send(out, "DATA");
      line(in);
      send(out, "END");
      byte[] header = new byte[8];
      in.readFully(header);
      return new String(header, StandardCharsets.US_ASCII);
    }
  }
}
