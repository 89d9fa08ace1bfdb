package org.seiswatch.detector.picker;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seiswatch.common.model.Amplitude;
import org.seiswatch.common.model.ClassificationInfo;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Site;
import org.seiswatch.common.model.Source;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.detector.assembler.SampleBlock;
import org.seiswatch.detector.internal.DataTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classic recursive STA/LTA P picker (Allen 1978; Withers et al. 1998, BSSA 88(1)) on a band-passed
 * channel, with trigger on/off hysteresis, a minimum time between picks (so S waves and coda of the
 * same event do not produce a stream of picks) and an AIC onset refinement (Maeda 1985) over the
 * seconds around the trigger. Processes sample by sample with all memory in {@link StaLtaState}, so
 * the picks do not depend on how the samples are split into records. Pick IDs are derived from
 * stream, phase and onset time: a replay makes the same IDs.
 */
public final class StaLtaPicker {
  public static final String PICKER = "stalta";
  private static final Logger LOG = LoggerFactory.getLogger(StaLtaPicker.class);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final StaLtaSettings settings;
  private final Map<Double, ButterworthBandpass> filters = new HashMap<>();

  public StaLtaPicker(StaLtaSettings settings) {
    this.settings = settings;
  }

  /** Runs one block through the picker and returns the picks completed in it, in time order. */
  public List<Pick> process(StaLtaState s, SampleBlock block) {
    double rate = block.sampleRate();
    resetOnDiscontinuity(s, block);
    ButterworthBandpass bandpass = filters.computeIfAbsent(rate, this::bandpassFor);
    long nsta = Math.max(1, Math.round(settings.staSeconds() * rate));
    long nlta = Math.max(1, Math.round(settings.ltaSeconds() * rate));
    int post = (int) Math.round(settings.aicPostSeconds() * rate);
    List<Pick> picks = new ArrayList<>();
    for (int i = 0; i < block.size(); i++) {
      double y = bandpass.filter(block.sample(i) - s.offset, s.filter);
      s.ring[(int) (s.samples % s.ring.length)] = y;
      s.samples++;
      double cf = y * y;
      // Exact running mean until the window is full, then exponential: no start-up bias.
      s.sta += (cf - s.sta) / Math.min(s.samples, nsta);
      s.lta += (cf - s.lta) / Math.min(s.samples, nlta);
      if (s.pendingTrigger != DataTime.NONE) {
        s.pendingPeak = Math.max(s.pendingPeak, Math.abs(y));
        if (--s.pendingRemaining <= 0) {
          picks.add(finish(s, block.streamId(), post));
        }
      }
      if (s.samples >= nlta && trigger(s, block.timeOf(i), Math.abs(y), post)) {
        picks.add(finish(s, block.streamId(), post));
      }
    }
    s.expectedNext = block.endNanos();
    return picks;
  }

  private void resetOnDiscontinuity(StaLtaState s, SampleBlock block) {
    double rate = block.sampleRate();
    long half = DataTime.sampleOffset(1, rate) / 2;
    if (s.sampleRate != rate
        || s.expectedNext == DataTime.NONE
        || Math.abs(block.startNanos() - s.expectedNext) > half) {
      if (s.pendingTrigger != DataTime.NONE) {
        LOG.info(
            "{}: discontinuity at {}, unfinished trigger dropped",
            block.streamId(),
            block.startTime());
      }
      int ring =
          (int) Math.round((settings.aicPreSeconds() + settings.aicPostSeconds()) * rate) + 1;
      s.reset(rate, ring);
      s.offset = block.sample(0);
    }
  }

  /**
   * Trigger on/off hysteresis; opens a pending pick when the ratio crosses the on level outside the
   * re-trigger time of the last pick. Returns true if that pick is complete at once (no refinement
   * window).
   */
  private boolean trigger(StaLtaState s, long t, double amplitude, int post) {
    double ratio = s.lta > 0 ? s.sta / s.lta : 0;
    if (s.triggered) {
      s.triggered = ratio >= settings.offRatio();
      return false;
    }
    if (ratio < settings.onRatio()) {
      return false;
    }
    s.triggered = true;
    long retrigger = DataTime.seconds(settings.minRetriggerSeconds());
    boolean quiet = s.lastPickTrigger == DataTime.NONE || t - s.lastPickTrigger >= retrigger;
    if (!quiet || s.pendingTrigger != DataTime.NONE) {
      return false;
    }
    s.pendingTrigger = t;
    s.pendingRemaining = post;
    s.pendingRatio = ratio;
    s.pendingPeak = amplitude;
    return post == 0;
  }

  /**
   * Data time before which this channel will make no more picks: every pick with an earlier onset
   * has been returned already. {@link DataTime#NONE} before the first block.
   */
  public long settledUntil(StaLtaState s) {
    if (s.expectedNext == DataTime.NONE) {
      return DataTime.NONE;
    }
    long next = s.pendingTrigger != DataTime.NONE ? s.pendingTrigger : s.expectedNext;
    return next
        - DataTime.seconds(settings.aicPreSeconds())
        - DataTime.sampleOffset(1, s.sampleRate);
  }

  private ButterworthBandpass bandpassFor(double rate) {
    double high = Math.min(settings.highHz(), 0.45 * rate);
    if (high != settings.highHz()) {
      LOG.info("{} Hz data: band-pass high corner lowered to {} Hz", rate, high);
    }
    return new ButterworthBandpass(Math.min(settings.lowHz(), high / 2), high, rate);
  }

  private Pick finish(StaLtaState s, StreamId stream, int post) {
    long trigger = s.pendingTrigger;
    int window = (int) Math.min(s.samples, s.ring.length);
    int triggerIndex = window - 1 - post;
    int onsetIndex = aicMinimum(s, window, triggerIndex);
    long onset = trigger - DataTime.sampleOffset(triggerIndex - onsetIndex, s.sampleRate);
    s.lastPickTrigger = trigger;
    s.pendingTrigger = DataTime.NONE;
    return pick(stream, onset, s.pendingPeak, s.pendingRatio);
  }

  /**
   * Index (0 = oldest of the last {@code window} samples) that splits them into two segments of
   * least combined AIC, searched at or before the trigger; the trigger itself if the window is too
   * short.
   */
  private static int aicMinimum(StaLtaState s, int window, int triggerIndex) {
    if (window < 8 || triggerIndex < 4) {
      return Math.max(triggerIndex, 0);
    }
    double[] x = new double[window];
    long first = s.samples - window;
    for (int i = 0; i < window; i++) {
      x[i] = s.ring[(int) ((first + i) % s.ring.length)];
    }
    double[] sum = new double[window + 1];
    double[] sum2 = new double[window + 1];
    for (int i = 0; i < window; i++) {
      sum[i + 1] = sum[i] + x[i];
      sum2[i + 1] = sum2[i] + x[i] * x[i];
    }
    int best = triggerIndex;
    double bestAic = Double.POSITIVE_INFINITY;
    for (int k = 2; k <= Math.min(triggerIndex, window - 2); k++) {
      double v1 = variance(sum[k], sum2[k], k);
      double v2 = variance(sum[window] - sum[k], sum2[window] - sum2[k], window - k);
      if (v1 <= 0 || v2 <= 0) {
        continue;
      }
      double aic = k * Math.log(v1) + (window - k) * Math.log(v2);
      if (aic < bestAic) {
        bestAic = aic;
        best = k;
      }
    }
    return best;
  }

  private static double variance(double sum, double sum2, int n) {
    double mean = sum / n;
    return sum2 / n - mean * mean;
  }

  static Pick pick(StreamId stream, long onsetNanos, double peak, double ratio) {
    var time = DataTime.toInstant(onsetNanos);
    String id = stream + "." + Phase.P + "." + ID_TIME.format(time.truncatedTo(ChronoUnit.MILLIS));
    return new Pick(
        id,
        Site.of(stream),
        Source.seiswatch("detector"),
        time,
        Phase.P,
        PICKER,
        new Amplitude(peak, null, ratio),
        new ClassificationInfo(Phase.P, null),
        null);
  }
}
