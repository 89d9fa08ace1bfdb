package org.seiswatch.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.model.Amplitude;
import org.seiswatch.common.model.Channel;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.Steim2Records;
import org.seiswatch.detector.phasenet.MicroBatcher;
import org.seiswatch.detector.phasenet.ModelFiles;
import org.seiswatch.detector.phasenet.Npy;
import org.seiswatch.detector.phasenet.OnnxPhasePicker;
import org.seiswatch.detector.phasenet.PhaseNetSettings;
import org.seiswatch.detector.phasenet.PhasePicker;
import org.seiswatch.detector.phasenet.PickData;
import org.seiswatch.detector.phasenet.SegmentPicker;
import org.seiswatch.detector.phasenet.StreamingStacker.StackedPick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming PhaseNet picker end to end through the topology on the 77 labeled 90 s traces of
 * {@code shared/data/picks/traces}: each trace becomes one station ({@code SW.Tnnn}, metadata with
 * its channels), written as 512-byte Steim-2 miniSEED v2 records and piped in slightly shuffled
 * packet order. The traces are float64 counts with the mean removed; they are scaled per trace so
 * that the largest sample is 10^7 counts and rounded to integers (Steim-2 differences stay far
 * inside 30 bits; the relative rounding error, 10^-7 of the peak, does not change the normalised
 * model input measurably). P/S F1 at 0.1 s counts the picks inside each trace's labeled 30 s
 * window, exactly like {@code PhaseNetTraceStackingTest}, and must stay within 0.02 of the offline
 * result.
 */
class PhaseNetStreamingTest {
  private static final Logger LOG = LoggerFactory.getLogger(PhaseNetStreamingTest.class);
  private static final int TOLERANCE = 10;
  private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
  private static final long TRACE_SPACING_S = 1000;

  private static PhasePicker picker;
  private static MicroBatcher batcher;
  private static List<PickData.Label> labels;
  private static List<double[][]> traces;
  private static List<String> channelColumn;

  @TempDir Path dirA;
  @TempDir Path dirC;

  @BeforeAll
  static void load() throws IOException {
    labels = PickData.labels();
    picker = OnnxPhasePicker.open(ModelFiles.bundled(), 1);
    batcher = MicroBatcher.start(picker, 32, 0);
    channelColumn =
        java.nio.file.Files.readAllLines(PickData.dir().resolve("labels.csv")).stream()
            .skip(1)
            .filter(l -> !l.isBlank())
            .map(l -> l.split(",")[4])
            .toList();
    traces = new ArrayList<>();
    for (PickData.Label label : labels) {
      traces.add(Npy.transpose(Npy.read2d(PickData.dir().resolve(label.trace()), "data")));
    }
  }

  @AfterAll
  static void close() {
    batcher.close();
    picker.close();
  }

  @Test
  void shouldPickLikeTheOfflineStackingWhenTracesArePushedAsShuffledPackets() {
    double[] window = PickData.windowF1(TOLERANCE);
    double[] offline = offlineF1();
    double[] stream = f1(streamed(dirA));
    LOG.info(
        "RESULT trace F1 P/S: one window each {}/{}, offline stacking {}/{}, stream {}/{}",
        fmt(window[0]),
        fmt(window[1]),
        fmt(offline[0]),
        fmt(offline[1]),
        fmt(stream[0]),
        fmt(stream[1]));
    assertThat(stream[0]).isCloseTo(offline[0], Offset.offset(0.02));
    assertThat(stream[1]).isCloseTo(offline[1], Offset.offset(0.02));
    // issue 4: P >= 0.92 and S >= 0.83 in the stream, within 0.02 of one window each (P 0.942,
    // S 0.857); measured P 0.929, S 0.850
    assertThat(stream[0]).isGreaterThanOrEqualTo(0.92);
    assertThat(stream[1]).isGreaterThanOrEqualTo(0.83);
    assertThat(stream[0]).isGreaterThanOrEqualTo(window[0] - 0.02);
    assertThat(stream[1]).isGreaterThanOrEqualTo(window[1] - 0.02);
  }

  @Test
  void shouldMakeTheSamePicksWhenTheStreamStartsLaterInAnotherPacketOrder() {
    int n = labels.size();
    Map<Integer, List<TracePick>> whole = streamed(dirA);
    // some channels start one packet (about 7 s) later, differently per component
    LATEST_START.clear();
    Map<Integer, List<TracePick>> later =
        run(dirC, 7, n, (trace, channel) -> (trace + channel) % 2);
    int compared = 0;
    for (int i = 0; i < n; i++) {
      // beyond the first window and the horizon + stride after the latest start, both runs see
      // the same windows
      long settled = LATEST_START.get(i) + 3000 + 1500;
      List<TracePick> a = after(whole.getOrDefault(i, List.of()), settled);
      List<TracePick> b = after(later.getOrDefault(i, List.of()), settled);
      assertEquals(a, b, labels.get(i).trace());
      compared += a.size();
    }
    LOG.info("RESULT {} picks identical after a later start in another packet order", compared);
    assertThat(compared).isGreaterThanOrEqualTo(8);
  }

  private static List<TracePick> after(List<TracePick> picks, long index) {
    return picks.stream().filter(k -> k.index() >= index).toList();
  }

  private static synchronized Map<Integer, List<TracePick>> streamed(Path dir) {
    if (whole == null) {
      whole = run(dir, 1, labels.size(), (trace, channel) -> 0);
    }
    return whole;
  }

  private static Map<Integer, List<TracePick>> whole;

  /** Per trace, the latest first sample over its channels in the last run built. */
  private static final Map<Integer, Long> LATEST_START =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Which packets of a trace's channel (index in the trace's channel list) are left out. */
  @FunctionalInterface
  private interface Skip {
    int firstPackets(int trace, int channel);
  }

  /** A pick of one trace: phase, sample from the trace start, id, probability and amplitude. */
  private record TracePick(
      Phase phase, long index, String id, double probability, Amplitude amplitude) {}

  private static Map<Integer, List<TracePick>> run(Path dir, long seed, int count, Skip skip) {
    // 512-byte records hold about 7 s at 100 Hz: two swapped packets of one channel span more
    // than the default 10 s assembler lateness (the held packet's own length counts), so allow 30
    try (TopologyFixture fx =
        new TopologyFixture(dir, Map.of(DetectorConfig.ASSEMBLER_MAX_LATENESS_S, 30.0), batcher)) {
      List<DemoRecords.Raw> records = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        fx.stations.pipeInput(station(i).key(), station(i));
        records.addAll(records(i, start(i), skip));
      }
      records.sort(Comparator.comparing(DemoRecords.Raw::startTime));
      shuffle(records, new Random(seed));
      records.forEach(fx::pipe);
      fx.flush();
      Map<Integer, List<TracePick>> out = new HashMap<>();
      for (Pick p : fx.picks.readValuesToList()) {
        int i = Integer.parseInt(p.site().station().substring(1));
        long index = Duration.between(start(i), p.time()).toMillis() / 10;
        out.computeIfAbsent(i, k -> new ArrayList<>())
            .add(
                new TracePick(
                    p.phase(),
                    index,
                    p.id(),
                    p.classificationInfo().phaseProbability(),
                    p.amplitude()));
      }
      out.values().forEach(l -> l.sort(Comparator.comparing(TracePick::id)));
      return out;
    }
  }

  private static Instant start(int trace) {
    return T0.plusSeconds(trace * TRACE_SPACING_S);
  }

  private static Station station(int i) {
    List<Channel> channels =
        java.util.Arrays.stream(channelCodes(i))
            .map(
                c -> new Channel("", c, 100.0, 0.0, c.endsWith("Z") ? -90.0 : 0.0, 1.0, 1.0, "M/S"))
            .toList();
    return new Station("SW", code(i), -60 + 1.5 * i, -170 + 4.0 * i, 0.0, channels);
  }

  private static String code(int i) {
    return String.format(java.util.Locale.ROOT, "T%03d", i);
  }

  /** Channel codes of trace {@code i} (labels.csv column {@code channels}, e.g. BHE_BHN_BHZ). */
  private static String[] channelCodes(int i) {
    return channelColumn.get(i).split("_");
  }

  /** The trace's channels as miniSEED records; slot E/N/Z = column 0/1/2. */
  private static List<DemoRecords.Raw> records(int i, Instant start, Skip skip) {
    double[][] trace = traces.get(i);
    double max = 0;
    for (double[] c : trace) {
      for (double x : c) {
        max = Math.max(max, Math.abs(x));
      }
    }
    double scale = 1e7 / max;
    List<DemoRecords.Raw> out = new ArrayList<>();
    String[] codes = channelCodes(i);
    for (int c = 0; c < codes.length; c++) {
      String code = codes[c];
      int slot = org.seiswatch.detector.phasenet.PhaseNetPicks.slotOf(code.charAt(2));
      int[] counts = new int[trace[slot].length];
      for (int k = 0; k < counts.length; k++) {
        counts[k] = (int) Math.round(trace[slot][k] * scale);
      }
      StreamId id = new StreamId("SW", code(i), "", code);
      List<byte[]> written = Steim2Records.encodeAll(id, start, 100.0, counts, 1);
      int from = skip.firstPackets(i, c);
      long first = Duration.between(start, startOf(written.get(from))).toMillis() / 10;
      LATEST_START.merge(i, first, Math::max);
      for (byte[] w : written.subList(from, written.size())) {
        out.add(new DemoRecords.Raw(id.stationKey(), startOf(w), id.toString(), w));
      }
    }
    return out;
  }

  private static Instant startOf(byte[] record) {
    return MiniSeed.startTime(java.nio.ByteBuffer.wrap(record));
  }

  /**
   * Swaps neighbouring packets with probability 0.3, never moving a channel's first packet behind a
   * later one of the same channel (a channel starts where its first packet says).
   */
  private static void shuffle(List<DemoRecords.Raw> records, Random random) {
    Map<String, Instant> first = new HashMap<>();
    for (DemoRecords.Raw r : records) {
      first.merge(r.channel(), r.startTime(), (x, y) -> x.isBefore(y) ? x : y);
    }
    for (int k = 0; k + 1 < records.size(); k++) {
      DemoRecords.Raw x = records.get(k);
      DemoRecords.Raw y = records.get(k + 1);
      boolean firstOfChannel =
          x.startTime().equals(first.get(x.channel()))
              || y.startTime().equals(first.get(y.channel()));
      if (!firstOfChannel && random.nextDouble() < 0.3) {
        records.set(k, y);
        records.set(k + 1, x);
        k++;
      }
    }
  }

  private static double[] offlineF1() {
    SegmentPicker segments = new SegmentPicker(picker, PhaseNetSettings.DEFAULT_STACK, 32);
    PickData.Score p = new PickData.Score();
    PickData.Score s = new PickData.Score();
    for (int i = 0; i < labels.size(); i++) {
      PickData.Label label = labels.get(i);
      // the stream's windows: the same absolute sample numbers and the instrument's phase
      long first = Duration.between(Instant.EPOCH, start(i)).toMillis() / 10;
      String band = channelCodes(i)[0].substring(0, 2);
      int phase = PhaseNetSettings.DEFAULT_STACK.phaseOf("SW." + code(i) + ".." + band);
      List<StackedPick> picks =
          segments.pick(traces.get(i), first, phase).stream()
              .map(k -> new StackedPick(k.phase(), k.index() - first, k.score()))
              .filter(k -> k.index() >= label.offset() && k.index() < label.offset() + 3000)
              .toList();
      p.add(indices(picks, Phase.P), label.pTrace(), TOLERANCE);
      s.add(indices(picks, Phase.S), label.sTrace(), TOLERANCE);
    }
    return new double[] {p.f1(), s.f1()};
  }

  private static List<Integer> indices(List<StackedPick> picks, Phase phase) {
    return picks.stream().filter(k -> k.phase() == phase).map(k -> (int) k.index()).toList();
  }

  private static double[] f1(Map<Integer, List<TracePick>> picks) {
    PickData.Score p = new PickData.Score();
    PickData.Score s = new PickData.Score();
    for (int i = 0; i < labels.size(); i++) {
      List<TracePick> in = inWindow(picks, i);
      p.add(streamIndices(in, Phase.P), labels.get(i).pTrace(), TOLERANCE);
      s.add(streamIndices(in, Phase.S), labels.get(i).sTrace(), TOLERANCE);
    }
    LOG.info("stream P {}; S {}", p, s);
    return new double[] {p.f1(), s.f1()};
  }

  private static List<TracePick> inWindow(Map<Integer, List<TracePick>> picks, int i) {
    PickData.Label label = labels.get(i);
    return picks.getOrDefault(i, List.of()).stream()
        .filter(k -> k.index() >= label.offset() && k.index() < label.offset() + 3000)
        .collect(Collectors.toList());
  }

  private static List<Integer> streamIndices(List<TracePick> picks, Phase phase) {
    return picks.stream().filter(k -> k.phase() == phase).map(k -> (int) k.index()).toList();
  }

  private static String fmt(double x) {
    return String.format(java.util.Locale.ROOT, "%.4f", x);
  }
}
