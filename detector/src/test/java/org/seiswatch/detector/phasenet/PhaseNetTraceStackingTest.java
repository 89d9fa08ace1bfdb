package org.seiswatch.detector.phasenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Phase;
import org.seiswatch.detector.phasenet.StreamingStacker.StackedPick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stacking rule on the 77 labeled 90 s traces of {@code shared/data/picks/traces}: P/S F1 at
 * 0.1 s for the default and for full stacking, and independence from where the stream starts. The
 * traces hold other, unlabeled earthquakes (P/S pairs at 0.9+ probability far from the label), so
 * precision counts only the picks inside the labeled 30 s window of each trace ({@code
 * window_offset_in_trace}); the whole-trace figures are logged too. Where the window grid falls
 * against the data moves F1 by a pick or two (every P label is at trace sample 3000, on the grid of
 * phase 0), so the F1 figures are means over the 10 grid positions 0, 0.5, ... 4.5 s.
 */
class PhaseNetTraceStackingTest {
  private static final Logger log = LoggerFactory.getLogger(PhaseNetTraceStackingTest.class);
  private static final int TOLERANCE = 10;

  private static PhasePicker picker;
  private static List<PickData.Label> labels;
  private static List<double[][]> traces;

  @BeforeAll
  static void load() throws IOException {
    picker = OnnxPhasePicker.open(ModelFiles.bundled(), 1);
    labels = PickData.labels();
    traces = new ArrayList<>();
    for (PickData.Label label : labels) {
      traces.add(Npy.transpose(Npy.read2d(PickData.dir().resolve(label.trace()), "data")));
    }
  }

  @AfterAll
  static void close() {
    picker.close();
  }

  private static final int POSITIONS = 10;

  /** Mean P and S F1 over the grid phases {@code k * stride / 10}. */
  private static double[] meanF1(StackSettings settings) {
    double[] mean = new double[2];
    for (int k = 0; k < POSITIONS; k++) {
      PickData.Score[] ps = score(settings, k * settings.strideSamples() / POSITIONS);
      mean[0] += ps[0].f1() / POSITIONS;
      mean[1] += ps[1].f1() / POSITIONS;
    }
    log.info(
        "mean over {} grid positions, stride {} horizon {}: P {} S {}",
        POSITIONS,
        settings.strideSamples(),
        settings.horizonSamples(),
        String.format(java.util.Locale.ROOT, "%.4f", mean[0]),
        String.format(java.util.Locale.ROOT, "%.4f", mean[1]));
    return mean;
  }

  private static PickData.Score[] score(StackSettings settings, int phase) {
    SegmentPicker segments = new SegmentPicker(picker, settings, 32);
    PickData.Score p = new PickData.Score();
    PickData.Score s = new PickData.Score();
    PickData.Score wholeP = new PickData.Score();
    PickData.Score wholeS = new PickData.Score();
    for (int i = 0; i < labels.size(); i++) {
      PickData.Label label = labels.get(i);
      List<StackedPick> picks = segments.pick(traces.get(i), 0, phase);
      List<StackedPick> inWindow =
          picks.stream()
              .filter(k -> k.index() >= label.offset() && k.index() < label.offset() + 3000)
              .toList();
      p.add(indices(inWindow, Phase.P), label.pTrace(), TOLERANCE);
      s.add(indices(inWindow, Phase.S), label.sTrace(), TOLERANCE);
      wholeP.add(indices(picks, Phase.P), label.pTrace(), TOLERANCE);
      wholeS.add(indices(picks, Phase.S), label.sTrace(), TOLERANCE);
    }
    log.info(
        "traces, phase {} stride {} horizon {} blinding {} edge weight {} S centre {}: in the"
            + " labeled window P {}; S {}; whole trace P {}; S {}",
        phase,
        settings.strideSamples(),
        settings.horizonSamples(),
        settings.blindingSamples(),
        settings.edgeWeight(),
        settings.sCentreLevel(),
        p,
        s,
        wholeP,
        wholeS);
    return new PickData.Score[] {p, s};
  }

  private static List<Integer> indices(List<StackedPick> picks, Phase phase) {
    return picks.stream().filter(k -> k.phase() == phase).map(k -> (int) k.index()).toList();
  }

  private static double[] defaultMean;

  private static synchronized double[] defaultMeanF1() {
    if (defaultMean == null) {
      defaultMean = meanF1(PhaseNetSettings.DEFAULT_STACK);
    }
    return defaultMean;
  }

  @Test
  void shouldKeepTheMeasuredF1WhenStackingWithTheDefaults() {
    double[] mean = defaultMeanF1();
    // measured: P 0.927, S 0.841 (S 0.834 with S picks at the maximum); issue 4 asks P >= 0.92 and
    // S >= 0.83; one window alone gives P 0.942, S 0.857. At phase 0, P 0.917: of its 8 false P, 5
    // are picks 0.11-0.46 s off the label that every window makes and 3 unlabeled earthquakes
    // (detector/README.md "Windows and stacking").
    assertThat(mean[0]).isGreaterThanOrEqualTo(0.92);
    assertThat(mean[1]).isGreaterThanOrEqualTo(0.83);
  }

  @Test
  void shouldPickSBetterAtTheCentreOfTheStackedPeakThanAtItsMaximum() {
    double[] centred = defaultMeanF1();
    double[] atMaximum = meanF1(PhaseNetSettings.DEFAULT_STACK.withSCentreLevel(0));
    // measured: S 0.841 against 0.834; P is picked at the maximum either way
    assertThat(centred[1]).isGreaterThan(atMaximum[1]);
    assertEquals(atMaximum[0], centred[0], 1e-12);
  }

  @Test
  void shouldDropTheFalsePBeforeAnOnsetWhenTheWindowEndsThere() {
    // every P label is at trace sample 3000, where the window starting at 0 ends: that window,
    // seeing no data after the onset, puts a P 1.2 s early on NC.MMLB (probability 0.89): the
    // plain mean of it and the next window's 0 is 0.45, a pick; weighted, 0.25
    int mmlb = 60;
    PickData.Label label = labels.get(mmlb);
    assertThat(label.trace()).contains("NC_MMLB");
    StackSettings mean = PhaseNetSettings.DEFAULT_STACK.withEdgeWeight(1);
    SegmentPicker plain = new SegmentPicker(picker, mean, 32);
    SegmentPicker tapered = new SegmentPicker(picker, PhaseNetSettings.DEFAULT_STACK, 32);
    assertEquals(List.of(2879L, 2999L), pIndicesNear(plain.pick(traces.get(mmlb), 0), 3000));
    assertEquals(List.of(2999L), pIndicesNear(tapered.pick(traces.get(mmlb), 0), 3000));
  }

  private static List<Long> pIndicesNear(List<StackedPick> picks, long index) {
    return picks.stream()
        .filter(k -> k.phase() == Phase.P && Math.abs(k.index() - index) < 500)
        .map(StackedPick::index)
        .toList();
  }

  @Test
  void shouldStayWithinTwoHundredthsOfFullStackingWhenTheHorizonIsShorter() {
    StackSettings d = PhaseNetSettings.DEFAULT_STACK;
    double[] full =
        meanF1(
            new StackSettings(
                d.strideSamples(), 3000, d.blindingSamples(), d.edgeWeight(), d.sCentreLevel()));
    double[] chosen = defaultMeanF1();
    // measured: full stacking P 0.919, S 0.832
    assertThat(chosen[0]).isGreaterThanOrEqualTo(full[0] - 0.02);
    assertThat(chosen[1]).isGreaterThanOrEqualTo(full[1] - 0.02);
  }

  @Test
  void shouldMakeTheSamePicksWhenTheStreamStartsElsewhere() {
    SegmentPicker segments = new SegmentPicker(picker, PhaseNetSettings.DEFAULT_STACK, 8);
    for (int i = 0; i < 10; i++) {
      double[][] trace = traces.get(i);
      List<StackedPick> whole = segments.pick(trace, 0);
      int cut = 137 + 71 * i;
      double[][] later = new double[3][];
      for (int c = 0; c < 3; c++) {
        later[c] = Arrays.copyOfRange(trace[c], cut, trace[c].length);
      }
      List<StackedPick> fromCut = segments.pick(later, cut);
      // beyond the first window and the horizon from the cut, both streams see the same windows
      long settled = 3000 + 1500 + cut;
      assertEquals(
          whole.stream().filter(k -> k.index() >= settled).toList(),
          fromCut.stream().filter(k -> k.index() >= settled).toList(),
          labels.get(i).trace());
      assertThat(whole).isNotEmpty();
    }
  }
}
