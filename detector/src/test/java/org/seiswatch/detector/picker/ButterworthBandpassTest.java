package org.seiswatch.detector.picker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ButterworthBandpassTest {
  /** Steady-state peak amplitude of a unit sine after the 2-10 Hz filter at 100 Hz. */
  private static double gain(double hz) {
    ButterworthBandpass filter = new ButterworthBandpass(2, 10, 100);
    double[] state = new double[ButterworthBandpass.STATE_SIZE];
    double peak = 0;
    for (int i = 0; i < 6000; i++) {
      double y = filter.filter(Math.sin(2 * Math.PI * hz * i / 100), state);
      if (i > 3000) {
        peak = Math.max(peak, Math.abs(y));
      }
    }
    return peak;
  }

  @ParameterizedTest
  @CsvSource({"4.5, 0.9, 1.01", "2, 0.6, 0.8", "10, 0.6, 0.8", "0.2, 0, 0.001", "40, 0, 0.01"})
  void shouldPassTheBandAndRejectOutsideItWhenFilteringSines(double hz, double min, double max) {
    assertThat(gain(hz)).isBetween(min, max);
  }
}
