package org.seiswatch.detector.phasenet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;
import org.seiswatch.detector.internal.DataTime;

/**
 * Streaming PhaseNet state of one instrument ({@code NET.STA.LOC} + band and instrument code): per
 * component slot (manifest order E/1, N/2, Z/3) the samples received but not yet combined, on the
 * absolute sample grid ({@code round(time / sample period)}), and the {@link StreamingStacker} of
 * the open segment.
 *
 * <p>Gaps: a hole of at most {@code maxFill} samples in one component is filled by linear
 * interpolation between its neighbours; a longer hole is missing data. A grid sample is usable when
 * every expected component has it; a missing sample ends the segment ({@link
 * StreamingStacker#flush}), so no window spans a gap and no pick is made across it, and the next
 * usable sample starts a new segment (its windows on the same absolute stride grid). A component
 * that lags the most advanced one by more than {@code maxLead} samples is treated as missing up to
 * that lead, so a dead channel cannot hold an instrument back for ever.
 */
final class InstrumentState {
  private static final int SLOTS = ModelManifest.CHANNELS;
  private static final int FORMAT = 5;

  /** Runs windows through the model, in order; returns each window's {@code [3][W]} output. */
  @FunctionalInterface
  interface WindowRunner {
    List<float[][]> run(List<StreamingStacker.Window> windows);
  }

  /** Channel code seen per slot, null if none yet. */
  final String[] codes = new String[SLOTS];

  /** First grid sample not yet combined; {@link DataTime#NONE} before the first combination. */
  long next = DataTime.NONE;

  private final long[] bufStart = new long[SLOTS];
  private final double[][] buf = new double[SLOTS][];
  private final double[] last = {Double.NaN, Double.NaN, Double.NaN};
  StreamingStacker stacker;

  /** Bit mask of the slots that have a channel code. */
  int seenMask() {
    int mask = 0;
    for (int s = 0; s < SLOTS; s++) {
      if (codes[s] != null) {
        mask |= 1 << s;
      }
    }
    return mask;
  }

  /** Adds a block of one slot, starting at grid sample {@code base}. */
  void add(int slot, long base, double[] samples, int maxFill) {
    if (buf[slot] == null) {
      bufStart[slot] = next == DataTime.NONE ? base : next;
      buf[slot] = new double[0];
    }
    long end = bufStart[slot] + buf[slot].length;
    int skip = (int) Math.max(0, Math.min(samples.length, end - base));
    if (skip == samples.length) {
      return;
    }
    int hole = (int) Math.max(0, base - end);
    double[] grown = Arrays.copyOf(buf[slot], buf[slot].length + hole + samples.length - skip);
    int at = buf[slot].length;
    fillHole(grown, at, hole, last[slot], samples[skip], maxFill);
    System.arraycopy(samples, skip, grown, at + hole, samples.length - skip);
    buf[slot] = grown;
    last[slot] = samples[samples.length - 1];
  }

  /**
   * Writes the {@code hole} samples at {@code x[at..]} between {@code before} and {@code after}: a
   * linear interpolation when the hole is at most {@code maxFill} samples and {@code before} is
   * known, else NaN (missing). The stream and {@code seiswatch pick} ({@link OfflinePicker}) fill
   * holes with this one rule.
   */
  static void fillHole(double[] x, int at, int hole, double before, double after, int maxFill) {
    for (int i = 0; i < hole; i++) {
      x[at + i] =
          hole <= maxFill && !Double.isNaN(before)
              ? before + (after - before) * (i + 1) / (hole + 1)
              : Double.NaN;
    }
  }

  /**
   * Combines what every slot of {@code mask} has, runs the completed windows and returns the picks
   * that became final.
   */
  List<StreamingStacker.StackedPick> advance(
      int mask,
      int maxLead,
      ModelManifest manifest,
      StackSettings settings,
      int phase,
      WindowRunner runner) {
    long maxEnd = Long.MIN_VALUE;
    for (int s = 0; s < SLOTS; s++) {
      if (buf[s] != null) {
        maxEnd = Math.max(maxEnd, bufStart[s] + buf[s].length);
      }
    }
    if (maxEnd == Long.MIN_VALUE) {
      return List.of();
    }
    long until = Long.MAX_VALUE;
    long from = Long.MAX_VALUE;
    for (int s = 0; s < SLOTS; s++) {
      if ((mask & (1 << s)) == 0) {
        continue;
      }
      if (buf[s] == null) {
        if (maxEnd - minStart() <= maxLead) {
          return List.of();
        }
        bufStart[s] = maxEnd - maxLead;
        buf[s] = new double[0];
      }
      long end = bufStart[s] + buf[s].length;
      if (end < maxEnd - maxLead) {
        padMissing(s, maxEnd - maxLead - end);
        end = maxEnd - maxLead;
      }
      until = Math.min(until, end);
      from = Math.min(from, bufStart[s]);
    }
    if (next == DataTime.NONE) {
      next = from;
    }
    List<StreamingStacker.StackedPick> picks = new ArrayList<>();
    long t = next;
    while (t < until) {
      if (!usable(mask, t)) {
        if (stacker != null) {
          picks.addAll(stacker.flush());
          stacker = null;
        }
        t++;
        continue;
      }
      long runEnd = t + 1;
      while (runEnd < until && usable(mask, runEnd)) {
        runEnd++;
      }
      picks.addAll(feed(mask, t, runEnd, manifest, settings, phase, runner));
      t = runEnd;
    }
    if (until > next) {
      dropBefore(until);
      next = until;
    }
    return picks;
  }

  /** First grid sample at which this instrument can still make a pick. */
  long settledSample() {
    if (stacker != null) {
      return stacker.settledSample();
    }
    return next;
  }

  private List<StreamingStacker.StackedPick> feed(
      int mask,
      long from,
      long to,
      ModelManifest manifest,
      StackSettings settings,
      int phase,
      WindowRunner runner) {
    if (stacker == null || stacker.nextSample() != from) {
      List<StreamingStacker.StackedPick> picks = new ArrayList<>();
      if (stacker != null) {
        picks.addAll(stacker.flush());
      }
      stacker = new StreamingStacker(manifest, settings, from, phase);
      picks.addAll(feed(mask, from, to, manifest, settings, phase, runner));
      return picks;
    }
    double[][] run = new double[SLOTS][];
    for (int s = 0; s < SLOTS; s++) {
      if ((mask & (1 << s)) == 0) {
        run[s] = new double[(int) (to - from)];
      } else {
        int offset = (int) (from - bufStart[s]);
        run[s] = Arrays.copyOfRange(buf[s], offset, offset + (int) (to - from));
      }
    }
    List<StreamingStacker.Window> windows = stacker.append(run);
    List<StreamingStacker.StackedPick> picks = new ArrayList<>();
    if (!windows.isEmpty()) {
      List<float[][]> probs = runner.run(windows);
      for (int i = 0; i < windows.size(); i++) {
        picks.addAll(stacker.accept(windows.get(i).start(), probs.get(i)));
      }
    }
    return picks;
  }

  private boolean usable(int mask, long t) {
    for (int s = 0; s < SLOTS; s++) {
      if ((mask & (1 << s)) == 0) {
        continue;
      }
      long i = t - bufStart[s];
      if (i < 0 || i >= buf[s].length || Double.isNaN(buf[s][(int) i])) {
        return false;
      }
    }
    return true;
  }

  private long minStart() {
    long min = Long.MAX_VALUE;
    for (int s = 0; s < SLOTS; s++) {
      if (buf[s] != null) {
        min = Math.min(min, bufStart[s]);
      }
    }
    return min;
  }

  private void padMissing(int slot, long n) {
    int at = buf[slot].length;
    buf[slot] = Arrays.copyOf(buf[slot], at + (int) n);
    Arrays.fill(buf[slot], at, buf[slot].length, Double.NaN);
    last[slot] = Double.NaN;
  }

  private void dropBefore(long sample) {
    for (int s = 0; s < SLOTS; s++) {
      if (buf[s] == null) {
        continue;
      }
      int drop = (int) Math.max(0, Math.min(buf[s].length, sample - bufStart[s]));
      buf[s] = Arrays.copyOfRange(buf[s], drop, buf[s].length);
      bufStart[s] = Math.max(bufStart[s], sample);
    }
  }

  /**
   * Writes the instrument's state; of its stacker only the small part ({@link
   * StreamingStacker#writeTo}), the samples and accumulators being stored apart ({@link
   * PhaseNetStateStore}).
   */
  void writeTo(BinaryWriter w) {
    w.writeByte(FORMAT).writeLong(next);
    for (int s = 0; s < SLOTS; s++) {
      w.writeString(codes[s] == null ? "" : codes[s]);
      w.writeBoolean(buf[s] != null);
      if (buf[s] != null) {
        w.writeLong(bufStart[s]).writeInt(buf[s].length);
        SampleCodec.write(w, buf[s], 0, buf[s].length);
      }
      w.writeDouble(last[s]);
    }
    w.writeBoolean(stacker != null);
    if (stacker != null) {
      stacker.writeTo(w);
    }
  }

  static InstrumentState readFrom(BinaryReader r, ModelManifest manifest, StackSettings settings) {
    r.expectVersion(FORMAT, "phasenet instrument state");
    InstrumentState st = new InstrumentState();
    st.next = r.readLong();
    for (int s = 0; s < SLOTS; s++) {
      String code = r.readString();
      st.codes[s] = code.isEmpty() ? null : code;
      if (r.readBoolean()) {
        st.bufStart[s] = r.readLong();
        st.buf[s] = new double[r.readLength(4)];
        SampleCodec.read(r, st.buf[s], 0, st.buf[s].length);
      }
      st.last[s] = r.readDouble();
    }
    if (r.readBoolean()) {
      st.stacker = StreamingStacker.readFrom(r, manifest, settings);
    }
    return st;
  }
}
