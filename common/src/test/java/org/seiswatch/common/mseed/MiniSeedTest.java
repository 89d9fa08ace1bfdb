package org.seiswatch.common.mseed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.sc.seis.seisFile.mseed3.MSeed3Record;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.error.InvalidRecordException;
import org.seiswatch.common.model.StreamId;

class MiniSeedTest {

  private static byte[] realRecords() throws IOException {
    try (InputStream in =
        MiniSeedTest.class.getResourceAsStream("/mseed/HV.HUAD..HHZ.first4.mseed")) {
      return in.readAllBytes();
    }
  }

  @Test
  void shouldParseRealSteim2RecordWhenGivenHawaiiFile() throws IOException {
    byte[] first = Arrays.copyOf(realRecords(), 512);

    MiniSeedRecord record = MiniSeed.parse(first);

    assertEquals(StreamId.parse("HV.HUAD..HHZ"), record.streamId());
    assertEquals(2, record.formatVersion());
    assertEquals(11, record.encoding());
    assertEquals(100.0, record.sampleRate());
    assertThat(record.startTime())
        .isBetween(
            Instant.parse("2019-04-14T03:08:32.6Z"), Instant.parse("2019-04-14T03:08:32.7Z"));
    assertEquals(record.sampleCount(), MiniSeed.decode(record).length);
    assertEquals(record.startTime(), MiniSeed.startTime(ByteBuffer.wrap(first)));
    assertThat(record.sampleCount()).isPositive();
  }

  @Test
  void shouldChainRecordsContiguouslyWhenParsingConsecutiveRecords() throws IOException {
    byte[] all = realRecords();
    ByteBuffer buffer = ByteBuffer.wrap(all);
    MiniSeedRecord previous = null;
    while (buffer.hasRemaining()) {
      int length = MiniSeed.recordLength(buffer);
      assertEquals(512, length);
      byte[] bytes = new byte[length];
      buffer.get(bytes);
      MiniSeedRecord record = MiniSeed.parse(bytes);
      if (previous != null) {
        assertEquals(previous.nextStartTime(), record.startTime());
      }
      previous = record;
    }
  }

  @Test
  void shouldRejectRecordWhenHeaderIsGarbage() throws IOException {
    byte[] bad = Arrays.copyOf(realRecords(), 512);
    Arrays.fill(bad, 0, 8, (byte) 'x');

    assertThatThrownBy(() -> MiniSeed.parse(bad))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("no miniSEED 2 or 3 header");
  }

  @Test
  void shouldRejectRecordWhenSteimFramesAreCorrupt() throws IOException {
    byte[] bad = Arrays.copyOf(realRecords(), 512);
    Arrays.fill(bad, 64, 512, (byte) 0x55);

    MiniSeedRecord record = MiniSeed.parse(bad);

    assertThatThrownBy(() -> MiniSeed.decode(record)).isInstanceOf(InvalidRecordException.class);
  }

  @Test
  void shouldDecodeMiniSeed3Steim2WhenWrittenBySeisFile() throws Exception {
    int[] samples = new int[300];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (int) (1000 * Math.sin(i / 7.0)) + i * 3;
    }
    MSeed3Record ms3 = new MSeed3Record();
    ms3.setSourceId("FDSN:XX_TEST_00_H_H_Z");
    ms3.setStartDateTime(Instant.parse("2024-01-02T03:04:05.250Z"));
    ms3.setSampleRatePeriod(100);
    ms3.steim2Timeseries(samples);
    byte[] bytes = ms3.toByteArray();

    MiniSeedRecord record = MiniSeed.parse(bytes);

    assertEquals(3, record.formatVersion());
    assertEquals(StreamId.parse("XX.TEST.00.HHZ"), record.streamId());
    assertEquals(Instant.parse("2024-01-02T03:04:05.250Z"), record.startTime());
    assertEquals(bytes.length, MiniSeed.recordLength(ByteBuffer.wrap(bytes)));
    assertEquals(record.startTime(), MiniSeed.startTime(ByteBuffer.wrap(bytes)));
    double[] decoded = MiniSeed.decode(record);
    assertEquals(samples.length, decoded.length);
    for (int i = 0; i < samples.length; i++) {
      assertEquals(samples[i], decoded[i], 0.0, "sample " + i);
    }
  }

  @Test
  void shouldRejectMiniSeed3WhenCrcDoesNotMatch() throws Exception {
    MSeed3Record ms3 = new MSeed3Record();
    ms3.setSourceId("FDSN:XX_TEST_00_H_H_Z");
    ms3.setSampleRatePeriod(100);
    ms3.steim2Timeseries(new int[] {1, 2, 3, 4, 5});
    byte[] bytes = ms3.toByteArray();
    bytes[bytes.length - 1] ^= 0x01;

    assertThatThrownBy(() -> MiniSeed.parse(bytes))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("CRC mismatch");
  }
}
