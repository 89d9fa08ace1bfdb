package org.seiswatch.detector.phasenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The streaming state survives a restart: serialising a station's state mid-stream and going on
 * from the copy gives exactly the picks of an uninterrupted run; components arriving in uneven
 * blocks and short holes are lined up the same way.
 */
class StationStateTest {
  private static final String KEY = "XX.STA..HH";
  private static PhasePicker picker;
  private static double[][] trace;

  @BeforeAll
  static void load() throws IOException {
    picker = OnnxPhasePicker.open(ModelFiles.bundled(), 1);
    PickData.Label label = PickData.labels().get(0);
    trace = Npy.transpose(Npy.read2d(PickData.dir().resolve(label.trace()), "data"));
  }

  @AfterAll
  static void close() {
    picker.close();
  }

  private static List<StreamingStacker.StackedPick> run(int restartAfter, int hole) {
    Serde<StationState> serde =
        StationState.serde(picker.manifest(), PhaseNetSettings.DEFAULT_STACK);
    StationState station = new StationState();
    List<StreamingStacker.StackedPick> picks = new ArrayList<>();
    int[] sizes = {700, 530, 610};
    int[] at = new int[3];
    int steps = 0;
    long base = 1_000_000;
    while (at[0] < trace[0].length || at[1] < trace[1].length || at[2] < trace[2].length) {
      for (int c = 0; c < 3; c++) {
        if (at[c] >= trace[c].length) {
          continue;
        }
        int end = Math.min(trace[c].length, at[c] + sizes[c]);
        // a hole in the N component (filled when short, a gap otherwise)
        int from = c == 1 && at[c] == 2 * sizes[c] ? at[c] + hole : at[c];
        InstrumentState inst = station.instruments.computeIfAbsent(KEY, k -> new InstrumentState());
        inst.codes[c] = "HH" + "ENZ".charAt(c);
        inst.add(c, base + from, Arrays.copyOfRange(trace[c], from, end), 10);
        picks.addAll(
            inst.advance(
                7,
                3000,
                picker.manifest(),
                PhaseNetSettings.DEFAULT_STACK,
                PhaseNetSettings.DEFAULT_STACK.phaseOf(KEY),
                StationStateTest::predict));
        at[c] = end;
        if (++steps == restartAfter) {
          station =
              serde.deserializer().deserialize("t", serde.serializer().serialize("t", station));
        }
      }
    }
    picks.addAll(station.instruments.get(KEY).stacker.flush());
    return picks;
  }

  private static List<float[][]> predict(List<StreamingStacker.Window> windows) {
    float[][][] input = new float[windows.size()][][];
    for (int i = 0; i < input.length; i++) {
      input[i] = WindowNormalizer.normalize(windows.get(i).samples());
    }
    return Arrays.asList(picker.predict(input));
  }

  @Test
  void shouldMakeTheSamePicksWhenTheStateIsRestoredMidStream() {
    List<StreamingStacker.StackedPick> straight = run(-1, 0);
    assertThat(straight).isNotEmpty();
    assertEquals(straight, run(17, 0));
    assertEquals(straight, run(29, 0));
  }

  @Test
  void shouldFillAShortHoleAndSplitTheSegmentAtALongGap() {
    List<StreamingStacker.StackedPick> straight = run(-1, 0);
    List<StreamingStacker.StackedPick> filled = run(-1, 5);
    List<StreamingStacker.StackedPick> split = run(-1, 300);
    // five interpolated samples of one component barely change the stacked probabilities
    assertEquals(straight.size(), filled.size());
    for (int i = 0; i < straight.size(); i++) {
      assertThat(Math.abs(filled.get(i).index() - straight.get(i).index())).isLessThanOrEqualTo(2);
    }
    // a 3 s gap ends the segment: no pick inside it
    long gapStart = 1_000_000 + 2 * 530;
    assertThat(split).noneMatch(k -> k.index() >= gapStart && k.index() < gapStart + 300);
  }
}
