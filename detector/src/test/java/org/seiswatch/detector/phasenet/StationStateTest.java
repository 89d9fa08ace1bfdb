package org.seiswatch.detector.phasenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.detector.assembler.SampleBlock;
import org.seiswatch.detector.internal.BinaryWriter;
import org.seiswatch.detector.internal.DataTime;

/**
 * The streaming state survives restarts: a processor that loads its station's state from the stores
 * ({@link PhaseNetStateStore}: header, raw sample chunks, accumulators) after every record, or
 * right after a window was accepted or a segment began, makes exactly the picks of an uninterrupted
 * run (ids, times, probabilities, amplitudes); components arriving in uneven blocks and short holes
 * are lined up the same way.
 */
class StationStateTest {
  private static final String STATION = "XX.STA";
  private static final String INSTRUMENT = "XX.STA..HH";
  private static final long PERIOD = 10_000_000L;
  private static final long BASE = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli() / 10;
  private static PhasePicker picker;
  private static MicroBatcher batcher;
  private static double[][] trace;

  @BeforeAll
  static void load() throws IOException {
    picker = OnnxPhasePicker.open(ModelFiles.bundled(), 1);
    batcher = MicroBatcher.start(picker, 8, 0);
    PickData.Label label = PickData.labels().get(0);
    trace = Npy.transpose(Npy.read2d(PickData.dir().resolve(label.trace()), "data"));
  }

  @AfterAll
  static void close() {
    batcher.close();
    picker.close();
  }

  /** When to restart the processor, and after which records it was restarted. */
  private enum Restarts {
    NEVER,
    EVERY_RECORD,
    /** Right after a record that ran a window or began a segment, and every 7th record. */
    AT_CHANGES
  }

  /**
   * @param states per record, a digest of everything stored after it
   */
  private record Run(
      List<Pick> picks, List<String> states, Set<Integer> windowSteps, Set<Integer> segmentSteps) {}

  private static Run run(Restarts restarts, int hole) {
    List<Pick> picks = new ArrayList<>();
    List<String> states = new ArrayList<>();
    Set<Integer> windowSteps = new TreeSet<>();
    Set<Integer> segmentSteps = new TreeSet<>();
    try (ProcessorHarness h = new ProcessorHarness(batcher, PhaseNetSettings.DEFAULT_STACK)) {
      h.station("XX", "STA", "HH");
      int[] sizes = {700, 530, 610};
      int[] at = new int[3];
      int steps = 0;
      long segment = Long.MIN_VALUE;
      while (at[0] < trace[0].length || at[1] < trace[1].length || at[2] < trace[2].length) {
        for (int c = 0; c < 3; c++) {
          if (at[c] >= trace[c].length) {
            continue;
          }
          int end = Math.min(trace[c].length, at[c] + sizes[c]);
          // a hole in the N component (filled when short, a gap otherwise)
          int from = c == 1 && at[c] == 2 * sizes[c] ? at[c] + hole : at[c];
          StreamId id = new StreamId("XX", "STA", "", "HH" + "ENZ".charAt(c));
          long windows = batcher.windowsRun();
          picks.addAll(
              h.process(
                  new SampleBlock(
                      id, (BASE + from) * PERIOD, 100.0, Arrays.copyOfRange(trace[c], from, end))));
          at[c] = end;
          steps++;
          states.add(h.digest());
          long now = segmentStart(h);
          boolean ranWindow = batcher.windowsRun() > windows;
          boolean newSegment = now != segment && now != Long.MIN_VALUE;
          segment = now;
          if (ranWindow) {
            windowSteps.add(steps);
          }
          if (newSegment) {
            segmentSteps.add(steps);
          }
          if (restarts == Restarts.EVERY_RECORD
              || restarts == Restarts.AT_CHANGES && (ranWindow || newSegment || steps % 7 == 0)) {
            h.restart();
          }
        }
      }
    }
    return new Run(picks, states, windowSteps, segmentSteps);
  }

  /** Start of the open segment as stored, {@link Long#MIN_VALUE} when there is none. */
  private static long segmentStart(ProcessorHarness h) {
    StationState stored = new PhaseNetStateStore(h.headers, h.samples).load(STATION);
    InstrumentState inst = stored.instruments.get(INSTRUMENT);
    return inst == null || inst.stacker == null ? Long.MIN_VALUE : inst.stacker.segmentStart();
  }

  @Test
  void shouldMakeTheSamePicksWhenTheStateIsLoadedAfterEveryRecord() {
    Run straight = run(Restarts.NEVER, 0);
    assertThat(straight.picks()).isNotEmpty();
    assertThat(straight.picks()).allMatch(p -> p.amplitude() != null);
    Run everyRecord = run(Restarts.EVERY_RECORD, 0);
    Run atChanges = run(Restarts.AT_CHANGES, 0);
    assertEquals(straight.picks(), everyRecord.picks());
    assertEquals(straight.picks(), atChanges.picks());
    // what a processor stores after it loaded the state is what it stored without: bit for bit
    assertEquals(straight.states(), everyRecord.states());
    assertEquals(straight.states(), atChanges.states());
  }

  @Test
  void shouldMakeTheSamePicksWhenRestartedRightAfterAGapAndAfterWindows() {
    Run straight = run(Restarts.NEVER, 300);
    Run restarted = run(Restarts.AT_CHANGES, 300);
    // the run restarted right after records that ran windows and after both segment starts
    assertThat(restarted.windowSteps()).hasSizeGreaterThan(5);
    assertThat(restarted.segmentSteps()).hasSize(2);
    assertEquals(straight.segmentSteps(), restarted.segmentSteps());
    assertThat(straight.picks()).isNotEmpty();
    assertEquals(straight.picks(), restarted.picks());
    assertEquals(straight.states(), restarted.states());
    Run everyRecord = run(Restarts.EVERY_RECORD, 300);
    assertEquals(straight.picks(), everyRecord.picks());
    assertEquals(straight.states(), everyRecord.states());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 300})
  void shouldLoadExactlyTheSavedStateWhenLoadedAfterEveryRecord(int hole) {
    try (ProcessorHarness h = new ProcessorHarness(batcher, PhaseNetSettings.DEFAULT_STACK)) {
      PhaseNetStateStore store = new PhaseNetStateStore(h.headers, h.samples);
      StationState live = new StationState();
      int[] sizes = {700, 530, 610};
      int[] at = new int[3];
      int steps = 0;
      int accepted = 0;
      while (at[0] < trace[0].length || at[1] < trace[1].length || at[2] < trace[2].length) {
        for (int c = 0; c < 3; c++) {
          if (at[c] >= trace[c].length) {
            continue;
          }
          int end = Math.min(trace[c].length, at[c] + sizes[c]);
          int from = c == 1 && at[c] == 2 * sizes[c] ? at[c] + hole : at[c];
          InstrumentState inst =
              live.instruments.computeIfAbsent(INSTRUMENT, k -> new InstrumentState());
          inst.codes[c] = "HH" + "ENZ".charAt(c);
          inst.add(c, BASE + from, Arrays.copyOfRange(trace[c], from, end), 10);
          long windows = batcher.windowsRun();
          inst.advance(
              7,
              3000,
              picker.manifest(),
              PhaseNetSettings.DEFAULT_STACK,
              PhaseNetSettings.DEFAULT_STACK.phaseOf(INSTRUMENT),
              w ->
                  batcher.predict(
                      w.stream().map(k -> WindowNormalizer.normalize(k.samples())).toList()));
          accepted += batcher.windowsRun() > windows ? 1 : 0;
          at[c] = end;
          store.save(STATION, live);
          StationState loaded = new PhaseNetStateStore(h.headers, h.samples).load(STATION);
          assertArrayEquals(image(live), image(loaded), "after record " + steps);
          // go on from the loaded copy now and then: it must also save what changed correctly
          if (++steps % 3 == 0) {
            live = loaded;
          }
        }
      }
      assertThat(accepted).isGreaterThan(5);
    }
  }

  /** Everything in a station's state, raw samples and accumulators included. */
  private static byte[] image(StationState state) {
    BinaryWriter w = new BinaryWriter();
    state.instruments.forEach(
        (key, inst) -> {
          w.writeString(key);
          inst.writeTo(w);
          StreamingStacker s = inst.stacker;
          if (s != null) {
            s.writeRawTo(w, s.rawStart(), s.nextSample());
            s.writeAccTo(w);
          }
        });
    state.settled.forEach((key, t) -> w.writeString(key).writeLong(t));
    return w.toByteArray();
  }

  @Test
  void shouldFillAShortHoleAndSplitTheSegmentAtALongGap() {
    List<Pick> straight = run(Restarts.NEVER, 0).picks();
    List<Pick> filled = run(Restarts.NEVER, 5).picks();
    List<Pick> split = run(Restarts.NEVER, 300).picks();
    // five interpolated samples of one component barely change the stacked probabilities
    assertEquals(straight.size(), filled.size());
    for (int i = 0; i < straight.size(); i++) {
      long shift =
          DataTime.toNanos(filled.get(i).time()) - DataTime.toNanos(straight.get(i).time());
      assertThat(Math.abs(shift)).isLessThanOrEqualTo(20_000_000L);
    }
    // a 3 s gap ends the segment: no pick inside it
    long gapStart = (BASE + 2 * 530) * PERIOD;
    long gapEnd = (BASE + 2 * 530 + 300) * PERIOD;
    assertThat(split)
        .noneMatch(
            k -> DataTime.toNanos(k.time()) >= gapStart && DataTime.toNanos(k.time()) < gapEnd);
  }
}
