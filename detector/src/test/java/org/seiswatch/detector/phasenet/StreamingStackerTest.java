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
}
