package org.seiswatch.detector.phasenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Phase;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;
import org.seiswatch.detector.phasenet.StreamingStacker.StackedPick;

/** The edge-weighted stacking rule on synthetic probabilities (no model). */
class StreamingStackerTest {
  private static final ModelManifest MANIFEST =
      ModelManifest.parse(ModelFiles.bundled().manifest(), "bundled");

  /**
   * 9000 samples (windows at 0, 500, ... 6000 with the default stride), probabilities 0 except a P
   * triangle of height 0.9 in the window starting at {@code peakWindow}, at offset {@code
   * peakOffset}.
   */
  private static List<StackedPick> run(StackSettings settings, long peakWindow, int peakOffset) {
    StreamingStacker stacker = new StreamingStacker(MANIFEST, settings, 0, 0);
    List<StackedPick> picks = new ArrayList<>();
    for (StreamingStacker.Window w : stacker.append(new double[3][9000])) {
      float[][] probs = new float[3][3000];
      if (w.start() == peakWindow) {
        for (int d = -20; d <= 20; d++) {
          probs[1][peakOffset + d] = 0.9f * (1 - Math.abs(d) / 21f);
        }
      }
      picks.addAll(stacker.accept(w.start(), probs));
    }
    picks.addAll(stacker.flush());
    return picks;
  }

  @Test
  void shouldDropAPeakThatOnlyAWindowEndSeesWhenTheEdgeWeightIsLow() {
    // sample 2879: offset 2879 of window 0 (weight 0.26), 2379 of window 500 (weight 0.68, 0 there)
    List<StackedPick> plain = run(PhaseNetSettings.DEFAULT_STACK.withEdgeWeight(1), 0, 2879);
    assertEquals(1, plain.size());
    assertEquals(2879, plain.get(0).index());
    assertThat(plain.get(0).score()).isCloseTo(0.45, Offset.offset(1e-6));

    assertEquals(List.of(), run(PhaseNetSettings.DEFAULT_STACK, 0, 2879));
  }

  @Test
  void shouldWeighTheWindowThatSawMoreAfterTheSampleWhenTheEdgeWeightIsLow() {
    // sample 2600: offset 2100 of window 500 (weight 1 - 0.8 * 100 / 950), 2600 of window 0
    // (weight 1 - 0.8 * 600 / 950, 0 there)
    List<StackedPick> picks = run(PhaseNetSettings.DEFAULT_STACK, 500, 2100);
    double near = 1 - 0.8 * 100 / 950;
    double far = 1 - 0.8 * 600 / 950;
    assertEquals(1, picks.size());
    assertEquals(Phase.P, picks.get(0).phase());
    assertEquals(2600, picks.get(0).index());
    assertThat(picks.get(0).score()).isCloseTo(0.9 * near / (near + far), Offset.offset(1e-6));
  }

  @Test
  void shouldStartANewSegmentWhenTheStateWasWrittenWithAnotherEdgeWeight() {
    StreamingStacker stacker = new StreamingStacker(MANIFEST, PhaseNetSettings.DEFAULT_STACK, 0, 0);
    for (StreamingStacker.Window w : stacker.append(new double[3][4000])) {
      stacker.accept(w.start(), new float[3][3000]);
    }
    BinaryWriter out = new BinaryWriter();
    stacker.writeTo(out);
    byte[] bytes = out.toByteArray();

    assertNotNull(
        StreamingStacker.readFrom(
            new BinaryReader(bytes), MANIFEST, PhaseNetSettings.DEFAULT_STACK));
    assertNull(
        StreamingStacker.readFrom(
            new BinaryReader(bytes), MANIFEST, PhaseNetSettings.DEFAULT_STACK.withEdgeWeight(1)));
  }

  /**
   * Two overlapping humps at absolute samples 4003 (0.70) and 4013 (0.72), half width 21, the same
   * in every window, for P and S: the stacked trace is that shape.
   */
  private static List<StackedPick> humps(StackSettings settings) {
    return shaped(
        settings,
        t ->
            Math.max(
                0.70f * (1 - Math.abs(t - 4003) / 21f), 0.72f * (1 - Math.abs(t - 4013) / 21f)));
  }

  /**
   * Probabilities {@code shape(absolute sample)} for P and S in every window, appended in pieces of
   * 100 samples; asserts that no pick falls before the settled sample reported before its piece.
   */
  private static List<StackedPick> shaped(
      StackSettings settings, java.util.function.LongToDoubleFunction shape) {
    StreamingStacker stacker = new StreamingStacker(MANIFEST, settings, 0, 0);
    List<StackedPick> picks = new ArrayList<>();
    for (int from = 0; from < 9000; from += 100) {
      long settled = stacker.settledSample();
      List<StackedPick> now = new ArrayList<>();
      for (StreamingStacker.Window w : stacker.append(new double[3][100])) {
        float[][] probs = new float[3][3000];
        for (int o = 0; o < 3000; o++) {
          long t = w.start() + o;
          probs[1][o] = probs[2][o] = (float) Math.max(0, shape.applyAsDouble(t));
        }
        now.addAll(stacker.accept(w.start(), probs));
      }
      for (StackedPick k : now) {
        assertThat(k.index()).as("pick before the settled sample").isGreaterThanOrEqualTo(settled);
      }
      picks.addAll(now);
    }
    picks.addAll(stacker.flush());
    return picks;
  }

  @Test
  void shouldTimeAnSPickAtTheCentreOfItsPeakAndAPAtItsMaximum() {
    // above half of 0.72 from 3993 to 4023: centre 4008; the maximum is at 4013
    List<StackedPick> centred = humps(PhaseNetSettings.DEFAULT_STACK);
    assertEquals(2, centred.size());
    StackedPick p = centred.stream().filter(k -> k.phase() == Phase.P).findFirst().orElseThrow();
    StackedPick s = centred.stream().filter(k -> k.phase() == Phase.S).findFirst().orElseThrow();
    assertEquals(4013, p.index());
    assertEquals(4008, s.index());
    assertThat(s.score()).isCloseTo(0.72, Offset.offset(1e-6));

    List<StackedPick> atMaximum = humps(PhaseNetSettings.DEFAULT_STACK.withSCentreLevel(0));
    assertEquals(List.of(4013L, 4013L), atMaximum.stream().map(StackedPick::index).toList());
  }

  @Test
  void shouldPutACentredSPickBeforeItsMaximumNoEarlierThanTheSettledSample() {
    // a slow rise from 4420 to 0.8 at 4480 and a fast fall: above 0.4 from 4450 to 4484, centre
    // 4467, 13 samples before the maximum, which is the only maximum in its cluster; samples are
    // final in steps of the stride (up to 4500, then 5000), so the S pick is pending between two
    // steps, while the settled sample must already stay before 4467
    List<StackedPick> picks =
        shaped(
            PhaseNetSettings.DEFAULT_STACK,
            t -> t <= 4480 ? 0.8 * (t - 4420) / 60.0 : 0.8 * (1 - (t - 4480) / 8.0));
    assertEquals(
        List.of(Phase.P, Phase.S), picks.stream().map(StackedPick::phase).sorted().toList());
    for (StackedPick k : picks) {
      assertEquals(k.phase() == Phase.P ? 4480 : 4467, k.index(), k.phase().toString());
    }
  }

  @Test
  void shouldMakeASampleFinalOnceTheHorizonAfterItHasArrived() {
    // a sample t is final once the H samples after it are in: the last window it needs starts no
    // later than t - (W - H) and so ends by t + H; the stride only decides how much earlier
    StackSettings settings = PhaseNetSettings.DEFAULT_STACK;
    int h = settings.horizonSamples();
    int laterThanNeeded = 0;
    for (long t = 6000; t < 6000 + settings.strideSamples(); t += 7) {
      StreamingStacker stacker = new StreamingStacker(MANIFEST, settings, 0, 0);
      for (StreamingStacker.Window w : stacker.append(new double[3][(int) (t + h)])) {
        stacker.accept(w.start(), new float[3][3000]);
      }
      assertThat(stacker.finalUntil())
          .as("sample %d with %d samples in", t, t + h)
          .isGreaterThan(t);
      StreamingStacker earlier = new StreamingStacker(MANIFEST, settings, 0, 0);
      for (StreamingStacker.Window w : earlier.append(new double[3][(int) (t + h - 1)])) {
        earlier.accept(w.start(), new float[3][3000]);
      }
      if (earlier.finalUntil() <= t) {
        laterThanNeeded++;
      }
    }
    // the bound is reached: some samples need every one of the H samples after them
    assertThat(laterThanNeeded).isPositive();
  }

  @Test
  void shouldEmitALoneMaximumRightWhenTheDataItWaitsForIsIn() {
    StackSettings settings = PhaseNetSettings.DEFAULT_STACK;
    int phase = 137;
    for (long maximum : new long[] {6000, 6137, 6400, 6446, 6447, 6448, 6499, 6583}) {
      StreamingStacker stacker = new StreamingStacker(MANIFEST, settings, 0, phase);
      long emittedAt = -1;
      for (long n = 1; n <= 12000 && emittedAt < 0; n++) {
        for (StreamingStacker.Window w : stacker.append(new double[3][1])) {
          float[][] probs = new float[3][3000];
          for (int o = 0; o < 3000; o++) {
            probs[1][o] = (float) Math.max(0, 0.9 * (1 - Math.abs(w.start() + o - maximum) / 21.0));
          }
          if (!stacker.accept(w.start(), probs).isEmpty()) {
            emittedAt = n;
          }
        }
      }
      assertEquals(
          settings.dataEndOfPick(maximum, phase, 3000, MANIFEST.minPeakDistanceSamples()),
          emittedAt,
          "maximum " + maximum);
    }
  }
}
