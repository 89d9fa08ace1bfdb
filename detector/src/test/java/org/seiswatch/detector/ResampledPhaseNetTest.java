package org.seiswatch.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.common.mseed.Steim2Records;
import org.seiswatch.detector.phasenet.MicroBatcher;
import org.seiswatch.detector.phasenet.ModelFiles;
import org.seiswatch.detector.phasenet.OnnxPhasePicker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stations at 50 Hz are picked by PhaseNet through the resampler, not by the STA/LTA fallback: the
 * bundled event's 100 Hz records are decimated to 50 Hz (a 4-pole 20 Hz low-pass first, so the 50
 * Hz data are what a 50 Hz digitiser would deliver) and streamed; the mainshock's P picks must come
 * from PhaseNet and lie within 0.1 s of those made on the original 100 Hz records.
 */
class ResampledPhaseNetTest {
  private static final Logger LOG = LoggerFactory.getLogger(ResampledPhaseNetTest.class);

  @TempDir Path original;
  @TempDir Path resampled;

  @Test
  void shouldPickTheMainshockWithPhaseNetWhenStationsRecordAt50Hz() {
    try (OnnxPhasePicker picker = OnnxPhasePicker.open(ModelFiles.bundled(), 1);
        MicroBatcher batcher = MicroBatcher.start(picker, 8, 0)) {
      Map<String, Instant> at100 =
          mainshockP(run(original, batcher, DemoRecords.inStartTimeOrder()));
      Map<String, Instant> at50 = mainshockP(run(resampled, batcher, decimated()));
      LOG.info("RESULT mainshock P picks at 100 Hz {} and at 50 Hz {}", at100, at50);

      assertThat(at50.size()).isGreaterThanOrEqualTo(5);
      int close = 0;
      for (var e : at50.entrySet()) {
        Instant reference = at100.get(e.getKey());
        if (reference != null
            && Math.abs(Duration.between(reference, e.getValue()).toMillis()) <= 100) {
          close++;
        }
      }
      assertThat(close).isGreaterThanOrEqualTo(5);
    }
  }

  private static List<Pick> run(Path dir, MicroBatcher batcher, List<DemoRecords.Raw> records) {
    try (TopologyFixture fx = new TopologyFixture(dir, Map.of(), batcher)) {
      fx.pipeStations(DemoRecords.stations());
      records.forEach(fx::pipe);
      fx.flush();
      return fx.picks.readValuesToList();
    }
  }

  /** First PhaseNet P per station within 20 s after the origin. */
  private static Map<String, Instant> mainshockP(List<Pick> picks) {
    Map<String, Instant> out = new HashMap<>();
    for (Pick p : picks) {
      Duration after = Duration.between(DemoEvent.ORIGIN_TIME, p.time());
      if (p.phase() == Phase.P
          && "phasenet".equals(p.picker())
          && !after.isNegative()
          && after.getSeconds() < 20) {
        out.merge(p.stationKey(), p.time(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    return out;
  }

  /** Every channel low-passed at 20 Hz and decimated to 50 Hz, as 512-byte Steim-2 records. */
  private static List<DemoRecords.Raw> decimated() {
    List<DemoRecords.Raw> out = new ArrayList<>();
    for (String file : DemoEvent.waveformFiles()) {
      List<DemoRecords.Raw> records = DemoRecords.split(DemoEvent.read(file));
      MiniSeedRecord first = MiniSeed.parse(records.get(0).bytes());
      List<Double> samples = new ArrayList<>();
      for (DemoRecords.Raw r : records) {
        for (double x : MiniSeed.decode(MiniSeed.parse(r.bytes()))) {
          samples.add(x);
        }
      }
      double[] filtered = lowPass(samples.stream().mapToDouble(Double::doubleValue).toArray());
      int[] half = new int[filtered.length / 2];
      for (int i = 0; i < half.length; i++) {
        half[i] = (int) Math.round(filtered[2 * i]);
      }
      StreamId id = first.streamId();
      for (byte[] r : Steim2Records.encodeAll(id, first.startTime(), 50.0, half, 1)) {
        Instant start = MiniSeed.startTime(ByteBuffer.wrap(r));
        out.add(new DemoRecords.Raw(id.stationKey(), start, id.toString(), r));
      }
    }
    out.sort(
        Comparator.comparing(DemoRecords.Raw::startTime).thenComparing(DemoRecords.Raw::channel));
    return out;
  }

  /**
   * Two cascaded 2-pole Butterworth low-passes at 20 Hz for 100 Hz data (bilinear), forward only.
   */
  private static double[] lowPass(double[] x) {
    double[] y = x;
    for (int pass = 0; pass < 2; pass++) {
      double k = Math.tan(Math.PI * 20 / 100);
      double q = Math.sqrt(2);
      // 2-pole Butterworth: b = k^2 n [1, 2, 1], a = [1, 2 (k^2 - 1) n, (1 - q k + k^2) n].
      double norm = 1 / (1 + q * k + k * k);
      double b0 = k * k * norm;
      double b1 = 2 * b0;
      double b2 = b0;
      double a1 = 2 * (k * k - 1) * norm;
      double a2 = (1 - q * k + k * k) * norm;
      double[] out = new double[y.length];
      double x1 = y.length > 0 ? y[0] : 0;
      double x2 = x1;
      double y1 = x1;
      double y2 = x1;
      for (int i = 0; i < y.length; i++) {
        double v = b0 * y[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = y[i];
        y2 = y1;
        y1 = v;
        out[i] = v;
      }
      y = out;
    }
    return y;
  }
}
