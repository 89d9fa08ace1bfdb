package org.seiswatch.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;

class SyntheticSeedlinkServerTest {
  @Test
  void shouldReleaseLiveRecordsOnlyAfterTheirLastSampleTimeWhenV4() throws Exception {
    try (SyntheticSeedlinkServer server = new SyntheticSeedlinkServer(2, 1, 3).start();
        Socket s = new Socket("127.0.0.1", server.port())) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      send(out, "HELLO");
      assertThat(line(in)).contains("SLPROTO:4.0");
      line(in);
      for (String command : new String[] {"SLPROTO 4.0", "STATION SY_*", "DATA"}) {
        send(out, command);
        assertEquals("OK", line(in));
      }
      send(out, "END");
      long previous = -1;
      for (int i = 0; i < 4; i++) {
        byte[] header = new byte[17];
        in.readFully(header);
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        byte[] id = new byte[b.get(16)];
        in.readFully(id);
        byte[] payload = new byte[b.getInt(4)];
        in.readFully(payload);
        Instant received = Instant.now();
        assertThat(b.getLong(8)).isGreaterThan(previous);
        previous = b.getLong(8);
        assertEquals(512, payload.length);
        MiniSeedRecord r = MiniSeed.parse(payload);
        assertEquals(11, r.encoding());
        assertEquals(new String(id, StandardCharsets.US_ASCII), "SY_" + r.streamId().station());
        assertEquals(r.sampleCount(), MiniSeed.decode(r).length);
        Instant lastSample =
            r.startTime().plus(MiniSeedRecord.samplesToDuration(r.sampleCount() - 1, 100));
        assertThat(received).isAfterOrEqualTo(lastSample);
        assertThat(Duration.between(lastSample, received)).isLessThan(Duration.ofSeconds(2));
      }
    }
  }

  @Test
  void shouldTakeNearestRankPercentiles() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(5, IngestBenchmark.percentile(sorted, 0.5));
    assertEquals(9, IngestBenchmark.percentile(sorted, 0.9));
    assertEquals(10, IngestBenchmark.percentile(sorted, 0.99));
    assertEquals(10, IngestBenchmark.percentile(sorted, 1.0));
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
