package org.seiswatch.alerts.waveform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecimatorTest {
  private static final Instant ORIGIN = Instant.parse("2019-04-14T03:09:02Z");
  private static final Instant FROM = ORIGIN.minusSeconds(30);
  private static final Instant TO = ORIGIN.plusSeconds(120);

  private static double[] noise(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(i * 0.37) * 100;
    }
    return v;
  }

  @Test
  void shouldKeepEverySampleWhenTheyFitInMaxPoints() {
    Segment s = new Segment(ORIGIN, 10, new double[] {1, 2, 3});

    List<TracePoints> out = Decimator.decimate(List.of(s), FROM, TO, ORIGIN, 1500);

    assertEquals(1, out.size());
    assertArrayEquals(new double[] {0, 0.1, 0.2}, out.get(0).t(), 1e-9);
    assertArrayEquals(new double[] {1, 2, 3}, out.get(0).v());
  }

  @Test
  void shouldKeepPeaksAndStayWithinMaxPointsWhenDecimating() {
    double[] v = noise(15_000);
    v[7_777] = 1e6;
    v[12_345] = -1e6;
    Segment s = new Segment(FROM, 100, v);

    List<TracePoints> out = Decimator.decimate(List.of(s), FROM, TO, ORIGIN, 1500);

    TracePoints points = out.get(0);
    assertThat(points.v().length).isLessThanOrEqualTo(1500).isGreaterThan(1400);
    assertEquals(1e6, Arrays.stream(points.v()).max().orElseThrow());
    assertEquals(-1e6, Arrays.stream(points.v()).min().orElseThrow());
    assertThat(points.t()[0]).isBetween(-30.0, -29.8);
    assertThat(points.t()).isSorted();
    int peak = indexOf(points.v(), 1e6);
    assertEquals(-30.0 + 77.77, points.t()[peak], 1e-9);
  }

  @Test
  void shouldKeepOneTraceAfterEachGapWhenSegmentsAreSplit() {
    Segment a = new Segment(FROM, 100, noise(6000));
    Segment b = new Segment(FROM.plusSeconds(70), 100, noise(8000));

    List<TracePoints> out = Decimator.decimate(List.of(a, b), FROM, TO, ORIGIN, 1000);

    assertEquals(2, out.size());
    assertThat(out.get(0).t().length + out.get(1).t().length).isLessThanOrEqualTo(1002);
    assertThat(out.get(1).t()[0]).isGreaterThanOrEqualTo(40.0);
  }

  private static int indexOf(double[] values, double value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
