package org.seiswatch.detector.phasenet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.seiswatch.common.model.Amplitude;
import org.seiswatch.common.model.Phase;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;

/**
 * Windows, stacks and picks one contiguous segment of one station at the model rate, the same way
 * offline ({@code seiswatch pick}) and in the stream (DESIGN.md "Latency", horizon H).
 *
 * <p>Samples are numbered absolutely ({@code round(time / sample period)}), and windows start on
 * multiples of the stride in that numbering plus a phase fixed per instrument, so two runs over the
 * same data use the same windows whatever the first sample. The stacking rule: the stacked
 * probability of sample t is the weighted mean, over the windows w that have run, of w's
 * probability at offset {@code o = t - w}, using only offsets with {@code lo = max(B, W - H) <= o <
 * hi = W - B} (W window, H horizon, B blinding); the weight falls linearly from 1 at {@code lo} to
 * the edge weight e at {@code hi} ({@code 1 - (1 - e) (o - lo) / (hi - lo)}), because a window that
 * ends shortly after a sample has seen little of what follows it (a window ending just before a P
 * onset can put a P on the noise before it). The first window of a segment also contributes from
 * offset B (weight 1 below {@code lo}, where no other window contributes), so a segment's beginning
 * is pickable. A sample is final when no later window can contribute to it: once the H samples
 * after it have arrived (the last window it needs ends by then; H - stride at the earliest). Final
 * samples are picked with the manifest rule ({@link PeakDetector}) on the stacked P and S traces;
 * maxima closer than the minimum distance form a cluster that is decided once no later maximum can
 * join it, so every pick is emitted exactly once and never revised. A P pick is timed at its
 * maximum; an S pick at the centre of its peak at {@link StackSettings#sCentreLevel} of its height
 * (the stacked values it reads are final and kept for it), which can fall up to half the minimum
 * distance before the maximum.
 *
 * <p>Use: {@link #append} samples, run the returned windows through the model in order, pass each
 * result to {@link #accept}; {@link #flush} at the end of the segment (end of data, a gap).
 */
public final class StreamingStacker {
  private static final int CHANNELS = ModelManifest.CHANNELS;
  private static final int PHASES = 2;

  /** Bound on a stored sample count (a corrupt length must not allocate gigabytes). */
  private static final int MAX_RAW = 1 << 24;

  /** A window ready to run: absolute start sample and raw {@code [3][W]} samples. */
  public record Window(long start, double[][] samples) {}

  /**
   * A pick at an absolute sample number, with its {@link OnsetAmplitude} (null when not measured).
   */
  public record StackedPick(Phase phase, long index, double score, Amplitude amplitude) {
    public StackedPick(Phase phase, long index, double score) {
      this(phase, index, score, null);
    }
  }

  private final int window;
  private final int stride;
  private final int lo;
  private final int hi;
  private final double edgeWeight;
  private final double sCentreLevel;
  private final double[] weights;
  private final double[] thresholds;
  private final int minDistance;
  private final double rate;
  private final int lookBack;

  private final double[][] raw = new double[CHANNELS][];
  private long segmentStart;
  private long rawStart;
  private int rawLength;
  private long nextWindow;
  private long nextEmit;
  private boolean first = true;

  private double[][] sum = new double[PHASES][];
  private double[] weight;
  private long accStart;
  private long finalUntil;

  private final double[][] tail = new double[PHASES][2];
  private final List<List<StackedPick>> clusters = new ArrayList<>();

  /** The accumulators changed since they were last stored ({@link #accSaved}). */
  private boolean accChanged = true;

  /**
   * @param firstSample absolute number of the first sample that will be appended
   * @param phase windows start at absolute samples {@code k * stride + phase} ({@link
   *     StackSettings#phaseOf})
   */
  public StreamingStacker(
      ModelManifest manifest, StackSettings settings, long firstSample, int phase) {
    this.window = manifest.windowSamples();
    this.stride = settings.strideSamples();
    this.lo = Math.max(settings.blindingSamples(), window - settings.horizonSamples());
    this.hi = window - settings.blindingSamples();
    this.edgeWeight = settings.edgeWeight();
    this.sCentreLevel = settings.sCentreLevel();
    this.weights = new double[window];
    for (int o = 0; o < window; o++) {
      weights[o] = o < lo ? 1 : 1 - (1 - edgeWeight) * (o - lo) / (hi - lo);
    }
    this.thresholds = new double[] {manifest.pThreshold(), manifest.sThreshold()};
    this.minDistance = manifest.minPeakDistanceSamples();
    this.rate = manifest.samplingRateHz();
    this.lookBack = OnsetAmplitude.lookBack(rate);
    int capacity = 2 * window;
    for (int c = 0; c < CHANNELS; c++) {
      raw[c] = new double[capacity];
    }
    this.rawStart = firstSample;
    this.segmentStart = firstSample;
    if (stride > hi - lo) {
      throw new IllegalArgumentException(
          "stride " + stride + " leaves samples without a window (at most " + (hi - lo) + ")");
    }
    if (phase < 0 || phase >= stride) {
      throw new IllegalArgumentException("phase " + phase + " outside [0, " + stride + ")");
    }
    this.nextWindow = phase + Math.floorDiv(firstSample - phase + stride - 1, stride) * stride;
    this.nextEmit = nextWindow;
    this.accStart = nextWindow + settings.blindingSamples();
    this.finalUntil = accStart;
    for (int p = 0; p < PHASES; p++) {
      sum[p] = new double[capacity];
      Arrays.fill(tail[p], Double.NaN);
      clusters.add(new ArrayList<>());
    }
    this.weight = new double[capacity];
  }

  /** Absolute number of the next sample {@link #append} expects. */
  public long nextSample() {
    return rawStart + rawLength;
  }

  /**
   * First sample at which a pick can still appear: picks before it have all been returned. It is
   * the earliest maximum still waiting for its cluster to close, else the last final sample (a
   * maximum is recognised one sample late), less how far centring can move an S pick back.
   */
  public long settledSample() {
    long settled = finalUntil - 1;
    for (List<StackedPick> cluster : clusters) {
      if (!cluster.isEmpty()) {
        settled = Math.min(settled, cluster.get(0).index());
      }
    }
    return settled - centreReach();
  }

  /** How far before its maximum a centred S pick can fall. */
  private int centreReach() {
    return sCentreLevel > 0 ? (minDistance + 1) / 2 : 0;
  }

  /** First sample that is not final yet. */
  public long finalUntil() {
    return finalUntil;
  }

  /**
   * Appends contiguous samples {@code [3][n]} (manifest channel order) and returns the windows that
   * became complete, in order.
   */
  public List<Window> append(double[][] samples) {
    int n = samples[0].length;
    ensureRaw(rawLength + n);
    for (int c = 0; c < CHANNELS; c++) {
      System.arraycopy(samples[c], 0, raw[c], rawLength, n);
    }
    rawLength += n;
    List<Window> ready = new ArrayList<>();
    long end = rawStart + rawLength;
    for (; nextEmit + window <= end; nextEmit += stride) {
      int offset = (int) (nextEmit - rawStart);
      double[][] win = new double[CHANNELS][];
      for (int c = 0; c < CHANNELS; c++) {
        win[c] = Arrays.copyOfRange(raw[c], offset, offset + window);
      }
      ready.add(new Window(nextEmit, win));
    }
    // raw samples are kept for the windows still to come and for the amplitude of every pick
    // still to come (a noise window before it)
    dropRawBefore(Math.min(nextEmit, settledSample() - lookBack));
    return ready;
  }

  /**
   * Stacks the model's probabilities {@code [3][W]} for the window starting at {@code start}
   * (windows in the order {@link #append} returned them) and returns the picks that became final.
   */
  public List<StackedPick> accept(long start, float[][] probs) {
    if (start != nextWindow) {
      throw new IllegalStateException("window " + start + " out of order, expected " + nextWindow);
    }
    int from = first ? window - hi : lo;
    first = false;
    accChanged = true;
    ensureAcc((int) (start + hi - accStart));
    for (int o = from; o < hi; o++) {
      int i = (int) (start + o - accStart);
      double w = weights[o];
      sum[0][i] += w * probs[1][o];
      sum[1][i] += w * probs[2][o];
      weight[i] += w;
    }
    nextWindow += stride;
    // what this window covers is known: the amplitudes may read up to its end, and no further, so
    // that they do not depend on how the samples were split into appends
    return finalizeUntil(nextWindow + lo, start + window);
  }

  /** Ends the segment: every sample with a contribution becomes final; returns the last picks. */
  public List<StackedPick> flush() {
    long end = nextWindow - stride + hi;
    long dataEnd = rawStart + rawLength;
    List<StackedPick> picks = new ArrayList<>(finalizeUntil(Math.max(finalUntil, end), dataEnd));
    // the segment's last sample has no right neighbour: like the first, it is never a peak
    for (int p = 0; p < PHASES; p++) {
      picks.addAll(closeCluster(p, dataEnd));
    }
    picks.sort((a, b) -> Long.compare(a.index(), b.index()));
    return picks;
  }

  private List<StackedPick> finalizeUntil(long until, long dataEnd) {
    List<StackedPick> picks = new ArrayList<>();
    long from = finalUntil;
    // every sample before until is final from here on (closing a cluster may read them all)
    finalUntil = until;
    for (long t = from; t < until; t++) {
      int i = (int) (t - accStart);
      for (int p = 0; p < PHASES; p++) {
        double v = weight[i] > 0 ? sum[p][i] / weight[i] : Double.NaN;
        double before = tail[p][0];
        double peak = tail[p][1];
        if (before < peak && peak >= v && peak >= thresholds[p]) {
          picks.addAll(addCandidate(p, new StackedPick(phase(p), t - 1, peak), dataEnd));
        }
        tail[p][0] = peak;
        tail[p][1] = v;
        List<StackedPick> cluster = clusters.get(p);
        // candidates are tested one sample late: once t - 1 is past last + minDistance, no later
        // candidate can join the cluster
        if (!cluster.isEmpty() && t - 1 > cluster.get(cluster.size() - 1).index() + minDistance) {
          picks.addAll(closeCluster(p, dataEnd));
        }
      }
    }
    // the stacked values stay for centring S picks: back to the minimum distance before the
    // earliest open S maximum, or before any maximum still to come
    long keepFrom = until - 1;
    if (!clusters.get(1).isEmpty()) {
      keepFrom = Math.min(keepFrom, clusters.get(1).get(0).index());
    }
    int done = (int) (until - accStart);
    if (sCentreLevel > 0) {
      done = (int) Math.min(done, keepFrom - minDistance - accStart);
    }
    if (done > 0) {
      shiftAcc(done);
    }
    return picks;
  }

  /** The stacked probability of phase {@code p} at a final sample; NaN without data or kept. */
  private double stacked(int p, long t) {
    long i = t - accStart;
    if (i < 0 || i >= weight.length || t >= finalUntil || weight[(int) i] == 0) {
      return Double.NaN;
    }
    return sum[p][(int) i] / weight[(int) i];
  }

  /**
   * Where an S pick is timed ({@link StackSettings#sCentreLevel}): the middle of the run of final
   * stacked samples at or above the level times the peak's height around its maximum, at most the
   * minimum distance either side; the maximum itself for P or level 0.
   */
  private long onsetOf(int p, long peak, double score) {
    if (p != 1 || sCentreLevel == 0) {
      return peak;
    }
    double level = sCentreLevel * score;
    long a = peak;
    while (a > peak - minDistance && stacked(p, a - 1) >= level) {
      a--;
    }
    long b = peak;
    while (b < peak + minDistance && stacked(p, b + 1) >= level) {
      b++;
    }
    return Math.floorDiv(a + b, 2);
  }

  private List<StackedPick> addCandidate(int p, StackedPick candidate, long dataEnd) {
    List<StackedPick> cluster = clusters.get(p);
    List<StackedPick> out = List.of();
    if (!cluster.isEmpty()
        && candidate.index() - cluster.get(cluster.size() - 1).index() > minDistance) {
      out = closeCluster(p, dataEnd);
    }
    cluster.add(candidate);
    return out;
  }

  private List<StackedPick> closeCluster(int p, long dataEnd) {
    List<StackedPick> cluster = clusters.get(p);
    if (cluster.isEmpty()) {
      return List.of();
    }
    long base = cluster.get(0).index();
    List<PeakDetector.Peak> peaks = new ArrayList<>();
    for (StackedPick c : cluster) {
      peaks.add(new PeakDetector.Peak((int) (c.index() - base), c.score()));
    }
    List<StackedPick> out = new ArrayList<>();
    for (PeakDetector.Peak k : PeakDetector.suppress(peaks, minDistance)) {
      long onset = onsetOf(p, base + k.index(), k.score());
      Amplitude amplitude =
          OnsetAmplitude.measure(
              phase(p),
              raw,
              (int) (onset - rawStart),
              (int) Math.max(0, segmentStart - rawStart),
              (int) Math.min(rawLength, dataEnd - rawStart),
              rate);
      out.add(new StackedPick(phase(p), onset, k.score(), amplitude));
    }
    cluster.clear();
    return out;
  }

  private static Phase phase(int p) {
    return p == 0 ? Phase.P : Phase.S;
  }

  /**
   * Writes the stacker's small state (window grid, raw and accumulator positions, pending maxima):
   * everything but the raw samples ({@link #writeRawTo}) and the accumulators ({@link
   * #writeAccTo}), which {@link PhaseNetStateStore} keeps apart so that a record writes only what
   * it changed. Call it between {@link #accept} calls when every returned window has been accepted.
   */
  public void writeTo(BinaryWriter w) {
    w.writeInt(window).writeInt(stride).writeInt(lo).writeInt(hi).writeDouble(edgeWeight);
    w.writeDouble(sCentreLevel);
    w.writeLong(segmentStart).writeLong(rawStart).writeInt(rawLength);
    w.writeLong(nextWindow).writeLong(nextEmit).writeBoolean(first);
    w.writeLong(finalUntil);
    for (int p = 0; p < PHASES; p++) {
      w.writeDouble(tail[p][0]).writeDouble(tail[p][1]);
      List<StackedPick> cluster = clusters.get(p);
      w.writeInt(cluster.size());
      for (StackedPick k : cluster) {
        w.writeLong(k.index()).writeDouble(k.score());
      }
    }
  }

  /**
   * Reads what {@link #writeTo} wrote; null when it was written with another window, stride,
   * horizon, blinding or edge weight (the configuration changed: the caller starts a new segment).
   * The raw samples {@code [rawStart(), nextSample())} and the accumulators are still to be
   * restored with {@link #readRawFrom} and {@link #readAccFrom}.
   */
  public static StreamingStacker readFrom(
      BinaryReader r, ModelManifest manifest, StackSettings settings) {
    StreamingStacker s = new StreamingStacker(manifest, settings, 0, 0);
    boolean same =
        r.readInt() == s.window
            & r.readInt() == s.stride
            & r.readInt() == s.lo
            & r.readInt() == s.hi
            & r.readDouble() == s.edgeWeight
            & r.readDouble() == s.sCentreLevel;
    s.segmentStart = r.readLong();
    s.rawStart = r.readLong();
    s.rawLength = r.readInt();
    if (s.rawLength < 0 || s.rawLength > MAX_RAW) {
      throw new SerializationException("corrupt phasenet state: " + s.rawLength + " raw samples");
    }
    s.ensureRaw(s.rawLength);
    s.nextWindow = r.readLong();
    s.nextEmit = r.readLong();
    s.first = r.readBoolean();
    s.finalUntil = r.readLong();
    for (int p = 0; p < PHASES; p++) {
      s.tail[p][0] = r.readDouble();
      s.tail[p][1] = r.readDouble();
      int n = r.readLength(16);
      for (int i = 0; i < n; i++) {
        s.clusters.get(p).add(new StackedPick(phase(p), r.readLong(), r.readDouble()));
      }
    }
    s.accChanged = false;
    return same ? s : null;
  }

  /** Absolute number of the segment's first sample. */
  long segmentStart() {
    return segmentStart;
  }

  /** Absolute number of the first raw sample kept (windows to come, pick amplitudes). */
  long rawStart() {
    return rawStart;
  }

  /**
   * Writes the raw samples {@code [from, to)} (within {@code [rawStart(), nextSample())}) as one
   * chunk: start, count, and per channel the samples ({@link SampleCodec}).
   */
  void writeRawTo(BinaryWriter w, long from, long to) {
    if (from < rawStart || to > rawStart + rawLength || from > to) {
      throw new IllegalArgumentException(
          "raw [" + from + ", " + to + ") outside [" + rawStart + ", " + nextSample() + ")");
    }
    int offset = (int) (from - rawStart);
    int n = (int) (to - from);
    w.writeLong(from).writeInt(n);
    for (int c = 0; c < CHANNELS; c++) {
      SampleCodec.write(w, raw[c], offset, n);
    }
  }

  /**
   * Reads a chunk {@link #writeRawTo} wrote and copies the part of it within {@code [rawStart(),
   * nextSample())} back; returns the chunk's {@code {start, end}}.
   */
  long[] readRawFrom(BinaryReader r) {
    long from = r.readLong();
    int n = r.readInt();
    if (n < 0 || n > MAX_RAW) {
      throw new SerializationException("corrupt phasenet samples: " + n + " samples");
    }
    double[] samples = new double[n];
    long keepFrom = Math.max(from, rawStart);
    long keepTo = Math.min(from + n, rawStart + rawLength);
    for (int c = 0; c < CHANNELS; c++) {
      SampleCodec.read(r, samples, 0, n);
      if (keepFrom < keepTo) {
        System.arraycopy(
            samples,
            (int) (keepFrom - from),
            raw[c],
            (int) (keepFrom - rawStart),
            (int) (keepTo - keepFrom));
      }
    }
    return new long[] {from, from + n};
  }

  /** Whether the accumulators changed since {@link #accSaved} (or ever, when new). */
  boolean accChanged() {
    return accChanged;
  }

  /**
   * Writes the stacking accumulators: the next window expected (to check that they match the rest
   * of the state), their first sample, and per sample the weight sum and the P and S sums.
   */
  void writeAccTo(BinaryWriter w) {
    w.writeLong(nextWindow).writeLong(accStart);
    int used = weight.length;
    while (used > 0 && weight[used - 1] == 0) {
      used--;
    }
    w.writeInt(used);
    for (int i = 0; i < used; i++) {
      w.writeDouble(weight[i]).writeDouble(sum[0][i]).writeDouble(sum[1][i]);
    }
  }

  /** Marks the accumulators as stored (what {@link #writeAccTo} wrote is durable). */
  void accSaved() {
    accChanged = false;
  }

  /**
   * Reads what {@link #writeAccTo} wrote; false when it was written at another window than the rest
   * of the state (the two do not belong together).
   */
  boolean readAccFrom(BinaryReader r) {
    boolean same = r.readLong() == nextWindow;
    accStart = r.readLong();
    int used = r.readLength(24);
    Arrays.fill(weight, 0);
    for (int p = 0; p < PHASES; p++) {
      Arrays.fill(sum[p], 0);
    }
    ensureAcc(used);
    for (int i = 0; i < used; i++) {
      weight[i] = r.readDouble();
      sum[0][i] = r.readDouble();
      sum[1][i] = r.readDouble();
    }
    return same;
  }

  private void ensureRaw(int length) {
    if (length > raw[0].length) {
      for (int c = 0; c < CHANNELS; c++) {
        raw[c] = Arrays.copyOf(raw[c], Math.max(length, 2 * raw[c].length));
      }
    }
  }

  private void dropRawBefore(long sample) {
    int drop = (int) Math.min(rawLength, Math.max(0, sample - rawStart));
    if (drop > 0) {
      for (int c = 0; c < CHANNELS; c++) {
        System.arraycopy(raw[c], drop, raw[c], 0, rawLength - drop);
      }
      rawLength -= drop;
      rawStart += drop;
    }
  }

  private void ensureAcc(int length) {
    if (length > weight.length) {
      int size = Math.max(length, 2 * weight.length);
      weight = Arrays.copyOf(weight, size);
      for (int p = 0; p < PHASES; p++) {
        sum[p] = Arrays.copyOf(sum[p], size);
      }
    }
  }

  private void shiftAcc(int done) {
    accChanged = true;
    int keep = weight.length - done;
    System.arraycopy(weight, done, weight, 0, keep);
    Arrays.fill(weight, keep, weight.length, 0);
    for (int p = 0; p < PHASES; p++) {
      System.arraycopy(sum[p], done, sum[p], 0, keep);
      Arrays.fill(sum[p], keep, sum[p].length, 0);
    }
    accStart += done;
  }
}
