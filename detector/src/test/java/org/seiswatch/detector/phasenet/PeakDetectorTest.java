package org.seiswatch.detector.phasenet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.detector.phasenet.PeakDetector.Peak;

class PeakDetectorTest {
  @Test
  void shouldKeepTheHigherOfTwoMaximaWhenTheyAreWithinTheMinimumDistance() {
    float[] x = new float[200];
    x[50] = 0.5f;
    x[100] = 0.9f;
    x[150] = 0.6f;
    x[151] = 0.1f;
    assertEquals(List.of(new Peak(100, 0.9f)), PeakDetector.detect(x, 0.3, 50));
  }

  @Test
  void shouldKeepAMaximumSuppressedOnlyByASuppressedOneWhenChained() {
    double[] x = new double[300];
    x[100] = 0.9;
    x[140] = 0.8; // within 50 of 100: dropped
    x[180] = 0.7; // within 50 of 140 only, which was dropped: kept
    assertEquals(List.of(new Peak(100, 0.9), new Peak(180, 0.7)), PeakDetector.detect(x, 0.3, 50));
  }

  @Test
  void shouldIgnoreEdgesAndLowMaximaWhenDetecting() {
    double[] x = {0.9, 0.1, 0.2, 0.1, 0.5, 0.5, 0.1, 0.8};
    // 0.2 is below threshold; the plateau 0.5,0.5 peaks at its first sample (x[i-1] < x[i] >=)
    assertEquals(List.of(new Peak(4, 0.5)), PeakDetector.detect(x, 0.3, 1));
  }

  @Test
  void shouldScaleSingleChannelWindowsWhenNormalizing() {
    double[][] w = new double[3][4];
    w[2] = new double[] {1, -1, 1, -1};
    float[][] n = WindowNormalizer.normalize(w);
    assertEquals(3.0f, n[2][0], 1e-6);
    assertEquals(0.0f, n[0][0]);
  }
}
