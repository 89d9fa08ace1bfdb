package org.seiswatch.detector.phasenet;

import java.util.ArrayList;
import java.util.List;
import org.seiswatch.common.model.Phase;

/**
 * A pick inside one model window: phase, sample index from the window start, probability. {@link
 * #pick} is the single-window contract of {@code models/README.md}: normalise, run the model, apply
 * the picking rule to the P and S probabilities.
 */
public record WindowPick(Phase phase, int index, double score) {

  /** Probability class of a phase in the model output (1 = P, 2 = S). */
  public static int classOf(Phase phase) {
    return phase == Phase.P ? 1 : 2;
  }

  /**
   * Picks one raw window.
   *
   * @param channels {@code [3][window_samples]} raw samples in manifest channel order
   * @return P picks then S picks, each in index order
   */
  public static List<WindowPick> pick(PhasePicker picker, double[][] channels) {
    float[][] probs = picker.predict(new float[][][] {WindowNormalizer.normalize(channels)})[0];
    return fromProbabilities(picker.manifest(), probs);
  }

  /** The picking rule on one window's {@code [3][n]} probabilities. */
  public static List<WindowPick> fromProbabilities(ModelManifest manifest, float[][] probs) {
    List<WindowPick> out = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      int c = classOf(phase);
      for (PeakDetector.Peak p :
          PeakDetector.detect(probs[c], manifest.threshold(c), manifest.minPeakDistanceSamples())) {
        out.add(new WindowPick(phase, p.index(), p.score()));
      }
    }
    return out;
  }
}
