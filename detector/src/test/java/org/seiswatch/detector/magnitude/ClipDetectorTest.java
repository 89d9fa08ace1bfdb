package org.seiswatch.detector.magnitude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.detector.DemoRecords;

class ClipDetectorTest {
  private final ClipDetector clips = new ClipDetector(AmplitudeSettings.DEFAULTS);

  @Test
  void shouldFlagABlockWhenACountReachesNinetyFivePercentOfFullScale() {
    double[] counts = new double[200];
    counts[50] = -0.951 * 8_388_608;
    assertTrue(clips.clipped(counts));
    counts[50] = -0.949 * 8_388_608;
    assertFalse(clips.clipped(counts));
  }

  @Test
  void shouldFlagAFlatTopWhenTenEqualSamplesSitAtTheExtremeAboveHalfScale() {
    double[] counts = new double[200];
    for (int i = 100; i < 110; i++) {
      counts[i] = 5_000_000;
    }
    assertTrue(clips.clipped(counts));
    counts[105] = 4_999_999; // two runs of 5
    assertFalse(clips.clipped(counts));
  }

  @Test
  void shouldNotFlagAConstantWhenADeadChannelSitsBelowHalfScale() {
    double[] counts = new double[400];
    java.util.Arrays.fill(counts, 123_456);
    assertFalse(clips.clipped(counts));
  }

  @Test
  void shouldFlagEveryStationOnAHorizontalAfterTheSWaveWhenTheDemoRecordsAreScanned() {
    Map<String, Instant> firstClipped = new TreeMap<>();
    Map<String, Integer> blocks = new TreeMap<>();
    for (DemoRecords.Raw raw : DemoRecords.inStartTimeOrder()) {
      MiniSeedRecord record = MiniSeed.parse(raw.bytes());
      if (!AmplitudeProcessor.horizontal(record.streamId())) {
        continue;
      }
      if (clips.clipped(MiniSeed.decode(record))) {
        firstClipped.merge(raw.key(), raw.startTime(), (a, b) -> a.isBefore(b) ? a : b);
        blocks.merge(raw.channel(), 1, Integer::sum);
      }
    }
    assertEquals(6, firstClipped.size(), firstClipped.toString());
    // Clipping starts with the S waves, 8 s or more after the 03:09:02 origin, never before.
    assertThat(firstClipped.values())
        .allMatch(t -> t.isAfter(Instant.parse("2019-04-14T03:09:08Z")));
    assertThat(blocks).doesNotContainKey("HV.HOVE..HHN"); // the one horizontal below 95 %
  }
}
