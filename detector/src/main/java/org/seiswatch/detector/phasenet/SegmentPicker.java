package org.seiswatch.detector.phasenet;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks a whole contiguous segment at once (offline, {@code seiswatch pick}) with the streaming
 * rule of {@link StreamingStacker}: the same windows, stacking and peaks as the stream, with the
 * windows of the segment run in batches.
 */
public final class SegmentPicker {
  private final PhasePicker picker;
  private final StackSettings settings;
  private final int batchSize;

  public SegmentPicker(PhasePicker picker, StackSettings settings, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize);
    }
    this.picker = picker;
    this.settings = settings;
    this.batchSize = batchSize;
  }

  public StackSettings settings() {
    return settings;
  }

  /** {@link #pick(double[][], long, int)} on the grid of phase 0. */
  public List<StreamingStacker.StackedPick> pick(double[][] samples, long firstSample) {
    return pick(samples, firstSample, 0);
  }

  /**
   * @param samples {@code [3][n]} at the model rate in manifest channel order
   * @param firstSample absolute number of {@code samples[.][0]} (time / sample period)
   * @param phase the instrument's window phase ({@link StackSettings#phaseOf})
   */
  public List<StreamingStacker.StackedPick> pick(double[][] samples, long firstSample, int phase) {
    StreamingStacker stacker =
        new StreamingStacker(picker.manifest(), settings, firstSample, phase);
    List<StreamingStacker.Window> windows = stacker.append(samples);
    List<StreamingStacker.StackedPick> picks = new ArrayList<>();
    for (int from = 0; from < windows.size(); from += batchSize) {
      List<StreamingStacker.Window> batch =
          windows.subList(from, Math.min(windows.size(), from + batchSize));
      float[][][] input = new float[batch.size()][][];
      for (int i = 0; i < input.length; i++) {
        input[i] = WindowNormalizer.normalize(batch.get(i).samples());
      }
      float[][][] probs = picker.predict(input);
      for (int i = 0; i < input.length; i++) {
        picks.addAll(stacker.accept(batch.get(i).start(), probs[i]));
      }
    }
    picks.addAll(stacker.flush());
    return picks;
  }
}
