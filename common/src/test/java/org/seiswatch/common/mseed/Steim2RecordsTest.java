package org.seiswatch.common.mseed;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.StreamId;

class Steim2RecordsTest {
  private static final StreamId ID = StreamId.parse("XX.ABC.00.BHZ");

  @Test
  void shouldKeepMicrosecondsAndRatesWhenWritten() {
    Instant start = Instant.parse("2025-02-03T04:05:06.123456Z");
    for (double rate : new double[] {100, 40, 2.5, 0.1}) {
      byte[] record = Steim2Records.encodeAll(ID, start, rate, new int[] {1, -2, 3}, 7).get(0);
      MiniSeedRecord parsed = MiniSeed.parse(record);
      assertEquals(start, parsed.startTime());
      assertEquals(rate, parsed.sampleRate(), rate * 1e-7); // float32 in seisFile
      assertEquals(ID, parsed.streamId());
      assertArrayEquals(new double[] {1, -2, 3}, MiniSeed.decode(parsed));
      // written again from the float32 rate read back: the same factors
      assertArrayEquals(
          Steim2Records.rateFactors(rate), Steim2Records.rateFactors(parsed.sampleRate()));
    }
  }

  @Test
  void shouldSplitIntoContiguousRecordsWhenSamplesDoNotFitOne() {
    int[] samples = new int[3000];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (i * 7919) % 20_001 - 10_000;
    }
    Instant start = Instant.parse("2025-02-03T04:05:06Z");
    List<byte[]> records = Steim2Records.encodeAll(ID, start, 100, samples, 0);
    int from = 0;
    for (byte[] record : records) {
      MiniSeedRecord parsed = MiniSeed.parse(record);
      assertEquals(start.plusMillis(from * 10L), parsed.startTime());
      double[] decoded = MiniSeed.decode(parsed);
      for (int i = 0; i < decoded.length; i++) {
        assertEquals(samples[from + i], (int) decoded[i]);
      }
      from += decoded.length;
    }
    assertEquals(samples.length, from);
  }

  @Test
  void shouldRefuseStationCodesLongerThanMiniSeed2Allows() {
    StreamId longCode = new StreamId("XX", "LONGSTA", "", "BHZ");
    assertThatThrownBy(() -> Steim2Records.encodeAll(longCode, Instant.EPOCH, 1, new int[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LONGSTA");
  }
}
