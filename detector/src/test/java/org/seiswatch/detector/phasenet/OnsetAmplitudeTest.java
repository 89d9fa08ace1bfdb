package org.seiswatch.detector.phasenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Amplitude;
import org.seiswatch.common.model.Phase;

class OnsetAmplitudeTest {
  private static final double RATE = 100;
  private static final int ONSET = 1000;

  /**
   * {@code n} samples: an offset of 500 counts, noise of ±{@code noise} (a 7 Hz sine), and from the
   * onset a 2 Hz sine of amplitude {@code signal}.
   */
  private static double[] trace(int n, double noise, double signal) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 500 + noise * Math.sin(2 * Math.PI * 7 * i / RATE + 0.3);
      if (i >= ONSET) {
        x[i] += signal * Math.sin(2 * Math.PI * 2 * (i - ONSET) / RATE);
      }
    }
    return x;
  }

  @Test
  void shouldMeasureAmplitudePeriodAndSnrOfTheVerticalForP() {
    double[][] raw = {trace(2000, 10, 3000), trace(2000, 10, 4000), trace(2000, 10, 1000)};
    Amplitude a = OnsetAmplitude.measure(Phase.P, raw, ONSET, 0, 2000, RATE);
    // the peak of the 2 Hz sine plus at most the noise, from the vertical
    assertThat(a.amplitude()).isCloseTo(1000, Offset.offset(12.0));
    assertThat(a.period()).isCloseTo(0.5, Offset.offset(0.03));
    assertThat(a.snr()).isCloseTo(100, Offset.offset(5.0));
  }

  @Test
  void shouldMeasureTheLargerHorizontalForS() {
    double[][] raw = {trace(2000, 10, 3000), trace(2000, 10, 4000), trace(2000, 10, 1000)};
    Amplitude a = OnsetAmplitude.measure(Phase.S, raw, ONSET, 0, 2000, RATE);
    assertThat(a.amplitude()).isCloseTo(4000, Offset.offset(12.0));
  }

  @Test
  void shouldMeasureTheVerticalForSWhenTheStationHasNoHorizontals() {
    double[][] raw = {new double[2000], new double[2000], trace(2000, 10, 1000)};
    Amplitude a = OnsetAmplitude.measure(Phase.S, raw, ONSET, 0, 2000, RATE);
    assertThat(a.amplitude()).isCloseTo(1000, Offset.offset(12.0));
  }

  @Test
  void shouldOmitPeriodAndSnrWhenTheWindowsAreTooShort() {
    double[][] raw = {trace(2000, 10, 0), trace(2000, 10, 0), trace(2000, 0, 1000)};
    // data end 0.1 s after the onset: no crossing after the peak; noise flat
    Amplitude a = OnsetAmplitude.measure(Phase.P, raw, ONSET, 0, ONSET + 10, RATE);
    assertNull(a.period());
    assertNull(a.snr());
    assertThat(a.amplitude()).isGreaterThan(0);
    // nothing after the onset: no amplitude at all
    assertNull(OnsetAmplitude.measure(Phase.P, raw, ONSET, 0, ONSET, RATE));
  }

  @Test
  void shouldReadNothingBeforeTheSegmentStart() {
    double[][] raw = {trace(2000, 10, 0), trace(2000, 10, 0), trace(2000, 10, 1000)};
    // a spike before the segment start must not count as noise
    raw[2][ONSET - 100] = 1e6;
    Amplitude inside = OnsetAmplitude.measure(Phase.P, raw, ONSET, ONSET - 50, 2000, RATE);
    Amplitude spiked = OnsetAmplitude.measure(Phase.P, raw, ONSET, 0, 2000, RATE);
    assertThat(inside.snr()).isGreaterThan(50);
    assertThat(spiked.snr()).isLessThan(1);
  }
}
