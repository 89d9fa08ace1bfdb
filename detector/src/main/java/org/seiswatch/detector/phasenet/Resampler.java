package org.seiswatch.detector.phasenet;

import java.util.Arrays;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.seiswatch.detector.assembler.SampleBlock;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;

/**
 * Streaming resampler of one channel to the model rate (PhaseNet: 100 Hz), so that stations at 20,
 * 40, 50 or 200 Hz (any rate from {@value #MIN_RATE_HZ} to {@value #MAX_RATE_HZ} Hz) are picked by
 * the model rather than by the STA/LTA fallback.
 *
 * <p>Band-limited interpolation (Smith, "Digital Audio Resampling", https://ccrma.stanford.edu/~jos
 * /resample/): output sample k, at data time {@code k / outRate} on the absolute grid the PhaseNet
 * processor uses, is {@code Σ x_j w(t_k − t_j) / Σ w(t_k − t_j)} over the input samples within the
 * kernel's half width, with {@code w(τ) = sinc(2 fc τ) · blackman(τ / T)}: a low-pass at {@code fc
 * = 0.45 · min(inRate, outRate)} (the anti-alias filter when downsampling, the interpolation filter
 * when upsampling), {@code T = 8 / (2 fc)} (eight zero crossings each side), normalised so a
 * constant stays exact. An output sample is made once input reaches {@code T} past it, so it waits
 * at most {@code T} (0.44 s at 20 Hz, 0.09 s at 200 Hz). A block that does not continue the
 * previous one (a gap) starts a new segment, whose first output is {@code T} after its first input:
 * outputs depend only on the samples, not on how they were cut into records.
 */
public final class Resampler {
  public static final double MIN_RATE_HZ = 10;
  public static final double MAX_RATE_HZ = 1000;
  private static final int ZERO_CROSSINGS = 8;
  private static final int FORMAT = 1;

  private final double outRate;
  private double inRate;

  /** Data time of the segment's first input sample; sample i of the segment is at i / inRate. */
  private long startNanos;

  /** Segment samples dropped from the front of {@link #history}. */
  private long dropped;

  private double[] history = new double[0];
  private int length;
  private long nextOut = Long.MIN_VALUE;

  public Resampler(double outRate) {
    this.outRate = outRate;
  }

  /**
   * Whether a channel at {@code rate} is resampled (else it is at the model rate or falls back).
   */
  public static boolean supports(double rate, double outRate) {
    return rate >= MIN_RATE_HZ && rate <= MAX_RATE_HZ && Math.abs(rate - outRate) >= 1e-6;
  }

  /**
   * Takes one block of the channel and returns the output samples it completes, as a block at the
   * output rate, or null when none is complete yet.
   */
  public SampleBlock accept(SampleBlock block) {
    double[] in = block.samples();
    long period = Math.round(1e9 / block.sampleRate());
    long expected = startNanos + Math.round((dropped + length) * 1e9 / inRate);
    boolean continues =
        length > 0
            && Math.abs(block.sampleRate() - inRate) < 1e-9
            && Math.abs(block.startNanos() - expected) <= period / 2;
    double cutoff = 0.45 * Math.min(block.sampleRate(), outRate);
    double halfWidth = ZERO_CROSSINGS / (2 * cutoff);
    long outPeriod = Math.round(1e9 / outRate);
    if (!continues) {
      inRate = block.sampleRate();
      startNanos = block.startNanos();
      dropped = 0;
      length = 0;
      long first = startNanos + Math.round(halfWidth * 1e9);
      nextOut = Math.floorDiv(first + outPeriod - 1, outPeriod);
    }
    append(in);
    double lastOffset = (dropped + length - 1) / inRate;
    int capacity = (int) Math.max(0, Math.ceil((lastOffset - halfWidth) * outRate) + 2);
    double[] out = new double[capacity];
    int made = 0;
    long firstOut = nextOut;
    while (true) {
      double t = (nextOut * outPeriod - startNanos) / 1e9;
      if (t + halfWidth > lastOffset) {
        break;
      }
      if (made == out.length) {
        out = Arrays.copyOf(out, out.length * 2 + 1);
      }
      out[made++] = interpolate(t, cutoff, halfWidth);
      nextOut++;
    }
    trim(halfWidth, outPeriod);
    if (made == 0) {
      return null;
    }
    return new SampleBlock(
        block.streamId(), firstOut * outPeriod, outRate, Arrays.copyOf(out, made));
  }

  private double interpolate(double t, double cutoff, double halfWidth) {
    long from = Math.max(dropped, (long) Math.ceil((t - halfWidth) * inRate));
    long to = Math.min(dropped + length - 1, (long) Math.floor((t + halfWidth) * inRate));
    double sum = 0;
    double weights = 0;
    for (long i = from; i <= to; i++) {
      int j = (int) (i - dropped);
      double tau = t - i / inRate;
      double w = sinc(2 * cutoff * tau) * blackman(tau / halfWidth);
      sum += w * history[j];
      weights += w;
    }
    return weights == 0 ? 0 : sum / weights;
  }

  private static double sinc(double x) {
    return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  }

  /** Blackman window over [-1, 1]. */
  private static double blackman(double u) {
    if (Math.abs(u) >= 1) {
      return 0;
    }
    double x = Math.PI * (u + 1);
    return 0.42 - 0.5 * Math.cos(x) + 0.08 * Math.cos(2 * x);
  }

  private void append(double[] in) {
    if (length + in.length > history.length) {
      history = Arrays.copyOf(history, Math.max(length + in.length, 2 * history.length));
    }
    System.arraycopy(in, 0, history, length, in.length);
    length += in.length;
  }

  /** Drops input samples no later output can use. */
  private void trim(double halfWidth, long outPeriod) {
    double t = (nextOut * outPeriod - startNanos) / 1e9;
    long keepFrom = (long) Math.floor((t - halfWidth) * inRate) - 1;
    int drop = (int) Math.min(length, Math.max(0, keepFrom - dropped));
    if (drop > 0) {
      System.arraycopy(history, drop, history, 0, length - drop);
      length -= drop;
      dropped += drop;
    }
  }

  /** Binary form for the {@code phasenet-resamplers} store (leading format byte). */
  public static Serde<Resampler> serde(double outRate) {
    return Serdes.serdeFrom(
        (topic, r) -> {
          if (r == null) {
            return null;
          }
          BinaryWriter w = new BinaryWriter(64 + 8 * r.length);
          w.writeByte(FORMAT).writeDouble(r.inRate).writeLong(r.startNanos).writeLong(r.nextOut);
          w.writeLong(r.dropped);
          w.writeInt(r.length).writeDoubles(r.history, 0, r.length);
          return w.toByteArray();
        },
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          BinaryReader in = new BinaryReader(bytes);
          in.expectVersion(FORMAT, "resampler state");
          Resampler r = new Resampler(outRate);
          r.inRate = in.readDouble();
          r.startNanos = in.readLong();
          r.nextOut = in.readLong();
          r.dropped = in.readLong();
          r.length = in.readLength(8);
          r.history = new double[r.length];
          in.readDoubles(r.history, 0, r.length);
          return r;
        });
  }
}
