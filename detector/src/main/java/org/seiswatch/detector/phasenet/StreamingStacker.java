package org.seiswatch.detector.phasenet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seiswatch.common.model.Phase;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;

/**
 * Windows, stacks and picks one contiguous segment of one station at the model rate, the same way
 * offline ({@code seiswatch pick}) and in the stream (DESIGN.md "Latency", horizon H).
 *
 * <p>Samples are numbered absolutely ({@code round(time / sample period)}), and windows start on
 * multiples of the stride in that numbering, so two runs over the same data use the same windows
 * whatever the first sample. The stacking rule: the stacked probability of sample t is the weighted
 * mean, over the windows w that have run, of w's probability at offset {@code o = t - w}, using
 * only offsets with {@code lo = max(B, W - H) <= o < hi = W - B} (W window, H horizon, B blinding);
 * the weight falls linearly from 1 at {@code lo} to the edge weight e at {@code hi} ({@code 1 - (1
 * - e) (o - lo) / (hi - lo)}), because a window that ends shortly after a sample has seen little of
 * what follows it (a window ending just before a P onset can put a P on the noise before it). The
 * first window of a segment also contributes from offset B (weight 1 below {@code lo}, where no
 * other window contributes), so a segment's beginning is pickable. A sample is final when no later
 * window can contribute to it: at most H + stride after it arrived. Final samples are picked with
 * the manifest rule ({@link PeakDetector}) on the stacked P and S traces; maxima closer than the
 * minimum distance form a cluster that is decided once no later maximum can join it, so every pick
 * is emitted exactly once and never revised.
 *
 * <p>Use: {@link #append} samples, run the returned windows through the model in order, pass each
 * result to {@link #accept}; {@link #flush} at the end of the segment (end of data, a gap).
 */
public final class StreamingStacker {
  private static final int CHANNELS = ModelManifest.CHANNELS;
  private static final int PHASES = 2;

  /** A window ready to run: absolute start sample and raw {@code [3][W]} samples. */
  public record Window(long start, double[][] samples) {}

  /** A pick at an absolute sample number. */
  public record StackedPick(Phase phase, long index, double score) {}

  private final int window;
  private final int stride;
  private final int lo;
  private final int hi;
  private final double edgeWeight;
  private final double[] weights;
  private final double[] thresholds;
  private final int minDistance;

  private final double[][] raw = new double[CHANNELS][];
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

  /**
   * @param firstSample absolute number of the first sample that will be appended
   */
  public StreamingStacker(ModelManifest manifest, StackSettings settings, long firstSample) {
    this.window = manifest.windowSamples();
    this.stride = settings.strideSamples();
    this.lo = Math.max(settings.blindingSamples(), window - settings.horizonSamples());
    this.hi = window - settings.blindingSamples();
    this.edgeWeight = settings.edgeWeight();
    this.weights = new double[window];
    for (int o = 0; o < window; o++) {
      weights[o] = o < lo ? 1 : 1 - (1 - edgeWeight) * (o - lo) / (hi - lo);
    }
    this.thresholds = new double[] {manifest.pThreshold(), manifest.sThreshold()};
    this.minDistance = manifest.minPeakDistanceSamples();
    int capacity = 2 * window;
    for (int c = 0; c < CHANNELS; c++) {
      raw[c] = new double[capacity];
    }
    this.rawStart = firstSample;
    if (stride > hi - lo) {
      throw new IllegalArgumentException(
          "stride " + stride + " leaves samples without a window (at most " + (hi - lo) + ")");
    }
    this.nextWindow = Math.floorDiv(firstSample + stride - 1, stride) * stride;
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
   * maximum is recognised one sample late).
   */
  public long settledSample() {
    long settled = finalUntil - 1;
    for (List<StackedPick> cluster : clusters) {
      if (!cluster.isEmpty()) {
        settled = Math.min(settled, cluster.get(0).index());
      }
    }
    return settled;
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
    dropRawBefore(nextEmit);
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
    ensureAcc((int) (start + hi - accStart));
    for (int o = from; o < hi; o++) {
      int i = (int) (start + o - accStart);
      double w = weights[o];
      sum[0][i] += w * probs[1][o];
      sum[1][i] += w * probs[2][o];
      weight[i] += w;
    }
    nextWindow += stride;
    return finalizeUntil(nextWindow + lo);
  }

  /** Ends the segment: every sample with a contribution becomes final; returns the last picks. */
  public List<StackedPick> flush() {
    long end = nextWindow - stride + hi;
    List<StackedPick> picks = new ArrayList<>(finalizeUntil(Math.max(finalUntil, end)));
    // the segment's last sample has no right neighbour: like the first, it is never a peak
    for (int p = 0; p < PHASES; p++) {
      picks.addAll(closeCluster(p));
    }
    picks.sort((a, b) -> Long.compare(a.index(), b.index()));
    return picks;
  }

  private List<StackedPick> finalizeUntil(long until) {
    List<StackedPick> picks = new ArrayList<>();
    for (long t = finalUntil; t < until; t++) {
      int i = (int) (t - accStart);
      for (int p = 0; p < PHASES; p++) {
        double v = weight[i] > 0 ? sum[p][i] / weight[i] : Double.NaN;
        double before = tail[p][0];
        double peak = tail[p][1];
        if (before < peak && peak >= v && peak >= thresholds[p]) {
          picks.addAll(addCandidate(p, new StackedPick(phase(p), t - 1, peak)));
        }
        tail[p][0] = peak;
        tail[p][1] = v;
        List<StackedPick> cluster = clusters.get(p);
        // candidates are tested one sample late: once t - 1 is past last + minDistance, no later
        // candidate can join the cluster
        if (!cluster.isEmpty() && t - 1 > cluster.get(cluster.size() - 1).index() + minDistance) {
          picks.addAll(closeCluster(p));
        }
      }
    }
    int done = (int) (until - accStart);
    if (done > 0) {
      shiftAcc(done);
    }
    finalUntil = until;
    return picks;
  }

  private List<StackedPick> addCandidate(int p, StackedPick candidate) {
    List<StackedPick> cluster = clusters.get(p);
    List<StackedPick> out = List.of();
    if (!cluster.isEmpty()
        && candidate.index() - cluster.get(cluster.size() - 1).index() > minDistance) {
      out = closeCluster(p);
    }
    cluster.add(candidate);
    return out;
  }

  private List<StackedPick> closeCluster(int p) {
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
      out.add(new StackedPick(phase(p), base + k.index(), k.score()));
    }
    cluster.clear();
    return out;
  }

  private static Phase phase(int p) {
    return p == 0 ? Phase.P : Phase.S;
  }

  /**
   * Writes the stacker's state (raw samples not yet windowed, accumulators, pending maxima) so that
   * a restarted processor resumes exactly ({@link #readFrom}). Call it between {@link #accept}
   * calls when every returned window has been accepted.
   */
  public void writeTo(BinaryWriter w) {
    w.writeInt(window).writeInt(stride).writeInt(lo).writeInt(hi).writeDouble(edgeWeight);
    w.writeLong(rawStart).writeInt(rawLength);
    for (int c = 0; c < CHANNELS; c++) {
      w.writeDoubles(raw[c], 0, rawLength);
    }
    w.writeLong(nextWindow).writeLong(nextEmit).writeBoolean(first);
    w.writeLong(accStart).writeLong(finalUntil);
    int used = weight.length;
    while (used > 0 && weight[used - 1] == 0) {
      used--;
    }
    w.writeInt(used);
    for (int i = 0; i < used; i++) {
      w.writeDouble(weight[i]).writeDouble(sum[0][i]).writeDouble(sum[1][i]);
    }
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
   */
  public static StreamingStacker readFrom(
      BinaryReader r, ModelManifest manifest, StackSettings settings) {
    StreamingStacker s = new StreamingStacker(manifest, settings, 0);
    boolean same =
        r.readInt() == s.window
            & r.readInt() == s.stride
            & r.readInt() == s.lo
            & r.readInt() == s.hi
            & r.readDouble() == s.edgeWeight;
    s.rawStart = r.readLong();
    s.rawLength = r.readLength(CHANNELS * 8);
    s.ensureRaw(s.rawLength);
    for (int c = 0; c < CHANNELS; c++) {
      r.readDoubles(s.raw[c], 0, s.rawLength);
    }
    s.nextWindow = r.readLong();
    s.nextEmit = r.readLong();
    s.first = r.readBoolean();
    s.accStart = r.readLong();
    s.finalUntil = r.readLong();
    int used = r.readLength(24);
    s.ensureAcc(used);
    for (int i = 0; i < used; i++) {
      s.weight[i] = r.readDouble();
      s.sum[0][i] = r.readDouble();
      s.sum[1][i] = r.readDouble();
    }
    for (int p = 0; p < PHASES; p++) {
      s.tail[p][0] = r.readDouble();
      s.tail[p][1] = r.readDouble();
      int n = r.readLength(16);
      for (int i = 0; i < n; i++) {
        s.clusters.get(p).add(new StackedPick(phase(p), r.readLong(), r.readDouble()));
      }
    }
    return same ? s : null;
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
