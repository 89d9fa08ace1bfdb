package org.seiswatch.detector.magnitude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seiswatch.common.model.Channel;
import org.seiswatch.common.model.Complex;
import org.seiswatch.common.model.PolesZeros;
import org.seiswatch.common.model.Station;
import org.slf4j.LoggerFactory;

/**
 * The acceptance test: a synthetic Wood-Anderson amplitude whose ML is known in closed
 * form, through a real StationXML response (HV.HUAD HHE, Trillium 120P on a 24-bit digitiser).
 *
 * <p>A sine in ground velocity at f Hz is scaled so that its Wood-Anderson amplitude is exactly 1
 * mm, turned into counts with the instrument's amplitude at f computed here independently (A0 ×
 * |Π(iω − z)/Π(iω − p)| × the overall sensitivity, not the simulator's own normalisation), offset
 * by a DC level, and streamed through the simulation in blocks of 412 samples. At 100 km, Hutton
 * and Boore's −log A0 is 3.0, so the ML is 3.00 exactly. Tolerances: 1 % on the amplitude (the
 * stabilising high- and low-pass change 1–2 Hz amplitudes by under 0.1 %, the bilinear warping by
 * under 0.2 %), hence 0.005 on ML.
 */
class SimulationFilterTest {
  @TempDir static Path dir;
  private static Channel hhe;

  @BeforeAll
  static void loadResponse() {
    List<Station> stations = ResponseStations.load(dir);
    hhe = ResponseStations.channel(stations, "HV.HUAD", "HHE");
  }

  @Test
  void shouldLoadTheTrilliumPolesAndZerosWhenTheStationXmlHasThem() {
    PolesZeros pz = hhe.polesZeros();
    assertEquals(PolesZeros.RAD_PER_S, pz.unit());
    assertEquals(5, pz.zeros().size());
    assertEquals(7, pz.poles().size());
    assertEquals(309036.0, pz.normalizationFactor());
    assertEquals(0.5, pz.normalizationFrequency());
    assertEquals(new Complex(-0.03852, -0.03658), pz.poles().get(0));
    assertEquals("M/S", pz.inputUnits());
    assertEquals(7.55585e8, hhe.sensitivity(), 100); // read as a float by seisFile
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0, 1.5, 2.0})
  void shouldMeasureTheClosedFormWoodAndersonAmplitudeWhenASineIsStreamedThroughARealResponse(
      double f) {
    double rate = 100;
    double w = 2 * Math.PI * f;
    double waPerDisplacement = closedFormWoodAnderson(w);
    double displacementM = 1e-3 / waPerDisplacement; // 1 mm on the Wood-Anderson
    double velocity = displacementM * w;
    double counts = velocity * instrumentCountsPerMs(hhe, w);

    SimulationFilter filter = SimulationFilter.design(hhe, rate, AmplitudeSettings.DEFAULTS);
    FilterState state = new FilterState(filter.sectionCount());
    double offset = 25_000; // DC level of the digitiser
    state.restart(filter.sectionCount(), offset);
    double peak = 0;
    int n = (int) (60 * rate);
    for (int start = 0; start < n; start += 412) {
      for (int i = start; i < Math.min(n, start + 412); i++) {
        double x = offset + counts * Math.sin(w * i / rate);
        double y = filter.step(state.sections, x - state.offset);
        if (i >= 30 * rate) {
          peak = Math.max(peak, Math.abs(y));
        }
      }
    }
    LoggerFactory.getLogger(SimulationFilterTest.class)
        .info(
            "RESULT {} Hz: measured {} mm for 1 mm, ML {}",
            f,
            peak,
            MagnitudeSettings.DEFAULTS.ml(peak, 100));
    assertEquals(1.0, peak, 0.01, "Wood-Anderson mm at " + f + " Hz");
    // A0 as written (6 digits) and the simulator's own normalisation agree to 1e-5
    double analog = 1e3 * waPerDisplacement / instrumentCountsPerMs(hhe, w) / w;
    assertEquals(analog, filter.analogGain(f), 1e-5 * analog);
    double ml = MagnitudeSettings.DEFAULTS.ml(peak, 100);
    assertEquals(3.0, ml, 0.005);
  }

  @Test
  void shouldGiveTheClosedFormMlAtAnotherDistanceWhenTheAmplitudeIsKnown() {
    // 0.1 mm at 40 km: 1.110 log10(0.4) + 0.00189 (40 − 100) + 3 − 1
    double expected = 1.110 * Math.log10(0.4) + 0.00189 * (40 - 100) + 3.0 - 1;
    assertEquals(expected, MagnitudeSettings.DEFAULTS.ml(0.1, 40), 1e-12);
    assertThat(expected).isBetween(1.44, 1.45);
  }

  @Test
  void shouldGiveNoOutputForAConstantWhenTheSegmentStartsAtADcLevel() {
    SimulationFilter filter = SimulationFilter.design(hhe, 100, AmplitudeSettings.DEFAULTS);
    FilterState state = new FilterState(filter.sectionCount());
    state.restart(filter.sectionCount(), 1_000_000);
    double peak = 0;
    for (int i = 0; i < 6000; i++) {
      peak = Math.max(peak, Math.abs(filter.step(state.sections, 1_000_000 - state.offset)));
    }
    assertEquals(0.0, peak);
  }

  @Test
  void shouldSimulateAFlatVelocityChannelWhenItHasNoPolesAndZeros() {
    Channel flat = new Channel("", "HHN", 100, 0, 0, 7.55585e8, 0.5, "M/S");
    SimulationFilter filter = SimulationFilter.design(flat, 100, AmplitudeSettings.DEFAULTS);
    double w = 2 * Math.PI * 1.5;
    assertEquals(1e3 * closedFormWoodAnderson(w) / (7.55585e8 * w), filter.analogGain(1.5), 1e-12);
  }

  /** 2080 ω² / |ω0² − ω² + 2 i h ω0 ω|, ω0 = 2π / 0.8 s, h = 0.7. */
  private static double closedFormWoodAnderson(double w) {
    double w0 = 2 * Math.PI / 0.8;
    return 2080 * w * w / Math.hypot(w0 * w0 - w * w, 2 * 0.7 * w0 * w);
  }

  /** Sensitivity × A0 × |Π(iω − z) / Π(iω − p)|: counts per m/s at ω (stage gains via S). */
  private static double instrumentCountsPerMs(Channel c, double w) {
    PolesZeros pz = c.polesZeros();
    double v = pz.normalizationFactor();
    for (Complex z : pz.zeros()) {
      v *= Math.hypot(-z.re(), w - z.im());
    }
    for (Complex p : pz.poles()) {
      v /= Math.hypot(-p.re(), w - p.im());
    }
    return c.sensitivity() * v;
  }
}
