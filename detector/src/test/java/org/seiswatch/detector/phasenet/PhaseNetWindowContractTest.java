package org.seiswatch.detector.phasenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seiswatch.common.model.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window contract of issue 4: on every window of {@code shared/data/picks/windows} the picker
 * makes exactly the picks of {@code expected_picks.csv} (same phases and indices, scores within
 * 1e-4); and P/S precision, recall, F1 at 0.1 s against {@code labels.csv}.
 */
class PhaseNetWindowContractTest {
  private static final Logger log = LoggerFactory.getLogger(PhaseNetWindowContractTest.class);
  private static final int TOLERANCE = 10; // 0.1 s at 100 Hz

  private static PhasePicker picker;
  private static Map<String, List<WindowPick>> expected;

  @BeforeAll
  static void open() {
    expected = PickData.expected();
    picker = OnnxPhasePicker.open(ModelFiles.bundled(), 1);
  }

  @AfterAll
  static void close() {
    picker.close();
  }

  static Stream<PickData.Label> windows() {
    return PickData.labels().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("windows")
  void shouldReproduceTheExpectedPicksWhenPickingAWindow(PickData.Label label) throws IOException {
    List<WindowPick> actual = WindowPick.pick(picker, read(label.window()));
    List<WindowPick> want = expected.getOrDefault(label.window(), List.of());
    assertEquals(describe(want), describe(actual), label.window());
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i).score(), actual.get(i).score(), 1e-4, label.window() + " #" + i);
    }
  }

  @Test
  void shouldPickLabeledArrivalsWithPublishedAccuracyWhenBatched() throws IOException {
    List<PickData.Label> labels = PickData.labels();
    List<float[][]> normalized = new ArrayList<>();
    for (PickData.Label label : labels) {
      normalized.add(WindowNormalizer.normalize(read(label.window())));
    }
    PickData.Score p = new PickData.Score();
    PickData.Score s = new PickData.Score();
    int batch = 32;
    for (int from = 0; from < labels.size(); from += batch) {
      int to = Math.min(labels.size(), from + batch);
      float[][][] probs = picker.predict(normalized.subList(from, to).toArray(new float[0][][]));
      for (int i = from; i < to; i++) {
        List<WindowPick> picks = WindowPick.fromProbabilities(picker.manifest(), probs[i - from]);
        assertEquals(
            describe(expected.getOrDefault(labels.get(i).window(), List.of())),
            describe(picks),
            "batched " + labels.get(i).window());
        p.add(indices(picks, Phase.P), labels.get(i).pIdx(), TOLERANCE);
        s.add(indices(picks, Phase.S), labels.get(i).sIdx(), TOLERANCE);
      }
    }
    log.info("Window contract, 77 windows at 0.1 s: P {}; S {}", p, s);
    // models/README.md: P 0.936/0.948/0.942, S 0.857/0.857/0.857 on these 77 windows
    assertThat(p.f1()).isGreaterThanOrEqualTo(0.94);
    assertThat(s.f1()).isGreaterThanOrEqualTo(0.85);
  }

  static double[][] read(String relative) throws IOException {
    return Npy.transpose(Npy.read2d(PickData.dir().resolve(relative), "data"));
  }

  static List<Integer> indices(List<WindowPick> picks, Phase phase) {
    return picks.stream().filter(w -> w.phase() == phase).map(WindowPick::index).toList();
  }

  private static List<String> describe(List<WindowPick> picks) {
    return picks.stream().map(w -> w.phase() + "@" + w.index()).toList();
  }
}
