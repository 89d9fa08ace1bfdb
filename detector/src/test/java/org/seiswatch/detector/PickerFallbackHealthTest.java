package org.seiswatch.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.Steim2Records;
import org.seiswatch.detector.phasenet.FallbackReporter;
import org.seiswatch.detector.phasenet.MicroBatcher;
import org.seiswatch.detector.phasenet.ModelFiles;
import org.seiswatch.detector.phasenet.OnnxPhasePicker;

/**
 * A channel at a rate PhaseNet does not take (neither 100 Hz nor resampled) is reported on
 * seis.health, once, by name.
 */
class PickerFallbackHealthTest {
  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

  @TempDir Path stateDir;

  @Test
  void shouldWarnOnHealthTopicWhenAChannelIsNotAtTheModelRate() {
    try (OnnxPhasePicker picker = OnnxPhasePicker.open(ModelFiles.bundled(), 1);
        MicroBatcher batcher = MicroBatcher.start(picker, 8, 0);
        TopologyFixture fx = new TopologyFixture(stateDir, Map.of(), batcher)) {
      pipe(fx, new StreamId("XX", "SLOW", "", "LHZ"), 5.0);
      pipe(fx, new StreamId("XX", "MID", "", "SHZ"), 40.0);
      pipe(fx, new StreamId("XX", "FAST", "", "HHZ"), 100.0);

      List<StationHealth> health = fx.health.readValuesToList();

      assertEquals(1, health.size(), "one warning, for the 5 Hz channel only: " + health);
      StationHealth h = health.get(0);
      assertEquals("XX.SLOW", h.station());
      assertThat(h.status())
          .startsWith(FallbackReporter.STATUS_PREFIX)
          .contains("XX.SLOW..LHZ at 5 Hz")
          .contains("STA/LTA");
      assertThat(h.lastSampleTime()).isAfter(T0);
    }
  }

  private static void pipe(TopologyFixture fx, StreamId id, double rate) {
    Random random = new Random(7);
    int[] samples = new int[(int) (60 * rate)];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (int) Math.round(random.nextGaussian() * 500);
    }
    for (byte[] r : Steim2Records.encodeAll(id, T0, rate, samples, 1)) {
      fx.raw.pipeInput(id.stationKey(), r, MiniSeed.startTime(ByteBuffer.wrap(r)));
    }
  }
}
